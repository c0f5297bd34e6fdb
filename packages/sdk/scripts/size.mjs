/**
 * Size check: the SDK as a browser downloads it — minified by esbuild, then gzip — against
 * its budgets: what a page loads with the client, and with the delivery queue and validator
 * the client loads on the first send; beside what validating with the zod schemas instead
 * would cost. Fails when over budget, or when zod or eval reach the bundle.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleSize as bundle, kb } from '../../../scripts/bundle-size.mjs';

const BUDGET_AT_LOAD = 5.1 * 1024;
const BUDGET_GZIP = 9.35 * 1024;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

// What every widget pulls in: the client, identity, reads, and (on the first send) the queue
// and the validator. One bundle, for the total and the checks below.
const sdk = await bundle(`export * from './src/client.ts'; export * from './src/default.ts';`, here('..'));
// The same, split as a browser loads it: the files a page fetches before anything is sent.
const split = await build({
  stdin: {
    contents: `export * from './src/client.ts'; export * from './src/default.ts';`,
    resolveDir: here('..'),
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  conditions: ['source'],
  splitting: true,
  outdir: here('../dist/size'),
  write: false,
  metafile: true,
  logLevel: 'error',
});
const outputs = split.metafile.outputs;
const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint);
const atLoad = new Set([entry]);
for (const file of atLoad) for (const i of outputs[file].imports) if (i.kind === 'import-statement') atLoad.add(i.path);
const gzipOf = (file) =>
  gzipSync(
    split.outputFiles.find((output) => output.path.endsWith(file.replace(/^.*dist\/size\//, '/')))?.contents ?? [],
    {
      level: 9,
    },
  ).length;
const loaded = [...atLoad].reduce((total, file) => total + gzipOf(file), 0);
// Everything the package exports, the in-memory collector for prototypes included.
const whole = await bundle(`export * from './src/index.ts';`, here('..'));
const zod = await bundle(
  `import { envelope } from './src/schemas.ts'; export const check = (v) => envelope.safeParse(v).success;`,
  here('../../protocol'),
);

console.log(
  `@heard/sdk as a page loads it, before anything is sent: ${kb(loaded)} min+gzip (budget ${kb(BUDGET_AT_LOAD)})`,
);
console.log(
  `  with the delivery queue and validator: ${kb(sdk.min)} min, ${kb(sdk.gzip)} min+gzip, ${kb(sdk.brotli)} min+brotli (budget ${kb(BUDGET_GZIP)} min+gzip)`,
);
console.log(`  every export, the in-memory collector included: ${kb(whole.gzip)} min+gzip`);
console.log(`  for comparison, the envelope's zod/mini schema alone: ${kb(zod.gzip)} min+gzip`);

const text = sdk.code.toString();
const problems = [];
if (/new Function|\beval\(/.test(text))
  problems.push('The bundle contains eval or new Function: a strict CSP would report it.');
if (/_zod|safeParse/.test(text))
  problems.push('zod reached the browser bundle: the SDK must use the dependency-free validator.');
if (loaded > BUDGET_AT_LOAD) problems.push(`Over budget at load by ${kb(loaded - BUDGET_AT_LOAD)}.`);
if (sdk.gzip > BUDGET_GZIP) problems.push(`Over budget by ${kb(sdk.gzip - BUDGET_GZIP)}.`);
for (const problem of problems) console.error(problem);
process.exit(problems.length ? 1 : 0);
