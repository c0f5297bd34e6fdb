/**
 * Size check: the SDK as a browser downloads it — bundled with its validator, minified by
 * esbuild, then gzip — against its budget, and beside what validating with the zod schemas
 * instead would cost. Fails when over budget, or when zod or eval reach the bundle.
 */
import { fileURLToPath } from 'node:url';
import { bundleSize as bundle, kb } from '../../../scripts/bundle-size.mjs';

const BUDGET_GZIP = 9 * 1024;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

// What every widget pulls in: the client, the queue, identity, reads, the validator.
const sdk = await bundle(`export * from './src/client.ts'; export * from './src/default.ts';`, here('..'));
// Everything the package exports, the in-memory collector for prototypes included.
const whole = await bundle(`export * from './src/index.ts';`, here('..'));
const zod = await bundle(
  `import { envelope } from './src/schemas.ts'; export const check = (v) => envelope.safeParse(v).success;`,
  here('../../protocol'),
);

console.log(
  `@heard/sdk as widgets use it: ${kb(sdk.min)} min, ${kb(sdk.gzip)} min+gzip, ${kb(sdk.brotli)} min+brotli (budget ${kb(BUDGET_GZIP)} min+gzip)`,
);
console.log(`  every export, the in-memory collector included: ${kb(whole.gzip)} min+gzip`);
console.log(`  for comparison, the envelope's zod/mini schema alone: ${kb(zod.gzip)} min+gzip`);

const text = sdk.code.toString();
const problems = [];
if (/new Function|\beval\(/.test(text))
  problems.push('The bundle contains eval or new Function: a strict CSP would report it.');
if (/_zod|safeParse/.test(text))
  problems.push('zod reached the browser bundle: the SDK must use the dependency-free validator.');
if (sdk.gzip > BUDGET_GZIP) problems.push(`Over budget by ${kb(sdk.gzip - BUDGET_GZIP)}.`);
for (const problem of problems) console.error(problem);
process.exit(problems.length ? 1 : 0);
