/**
 * Builds what a page loads from a CDN into `dist/cdn/`:
 * - `heard.js`, the loader a page's script tag loads;
 * - `chunks/core-[hash].js`, what every element stands on: Lit, the shared element base,
 *   the SDK's client and the protocol's limits, in one file, fetched once;
 * - one chunk per element, fetched the first time the page shows one, and chunks loaded only
 *   when used (the SDK's delivery queue on the first answer, the launcher's positioning
 *   when its popover first opens);
 * - `heard.iife.js`, one classic script with everything;
 * - `sri.json`: the Subresource Integrity hash of every file a page may load, with an
 *   import map that pins the chunks.
 *
 * The core's exports are exactly what the loader and the elements import from it: the
 * elements are built once with the shared modules left out to learn which names they use,
 * then the core is built to export those, then the elements are built against its file name.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minifyTemplatesPlugin } from '../../../scripts/minify-templates.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const out = join(here, 'dist/cdn');
const chunksDir = join(out, 'chunks');
rmSync(out, { recursive: true, force: true });

const common = {
  bundle: true,
  minify: true,
  target: 'es2022',
  conditions: ['source'],
  legalComments: 'none',
  // Module scripts are always read as UTF-8: strings in other languages need no escapes.
  charset: 'utf8',
  logLevel: 'error',
  absWorkingDir: here,
  // Lit's templates without their indentation: esbuild keeps template text as written.
  plugins: [minifyTemplatesPlugin()],
};

/** Shared modules: Lit, the SDK, the protocol, and the elements' own `shared/` folder. */
// The SDK's own subpath entries (`@heard/sdk/frequency`) belong to the elements that use them.
const SHARED_PACKAGE = /^(lit(\/.*)?|@lit\/[^/]+(\/.*)?|@heard\/sdk|@heard\/protocol(\/.*)?)$/;
/** Files of `src/shared/`, except catalogs in other languages, which load when needed. */
const SHARED_FILE = /[\\/]src[\\/]shared[\\/](?![^\\/]*\.zh\.)[^\\/]+$/;
const PLACEHOLDER = 'heard-core:';

/** Leaves shared modules out of the build, imported from `core` (a placeholder, or the core's file). */
const coreImports = (core) => ({
  name: 'heard-core-imports',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'import-statement') return undefined;
      let key;
      if (SHARED_PACKAGE.test(args.path)) key = args.path;
      else if (args.path.startsWith('.') && SHARED_FILE.test(resolve(args.resolveDir, args.path)))
        key = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      if (key === undefined) return undefined;
      return { path: core ?? `${PLACEHOLDER}${key}`, external: true };
    });
  },
});

const pageBuild = (core, write) =>
  build({
    ...common,
    plugins: [...common.plugins, coreImports(core)],
    entryPoints: { heard: 'src/cdn/heard.ts' },
    format: 'esm',
    splitting: true,
    outdir: out,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    write,
  });

// 1. Which names the loader and the elements import from the shared modules.
const wanted = new Map();
for (const file of (await pageBuild(undefined, false)).outputFiles) {
  const text = file.text;
  for (const match of text.matchAll(/import\s*([^"']*?)\s*from\s*"heard-core:([^"]+)"/g)) {
    const [, clause, key] = match;
    const names = clause.match(/^\{([^}]*)\}$/);
    if (!names) throw new Error(`${relative(here, file.path)}: cannot import "${clause}" from the core (${key})`);
    const set = wanted.get(key) ?? new Set();
    for (const name of names[1].split(',').filter(Boolean)) set.add(name.trim().split(/\s+as\s+/)[0]);
    wanted.set(key, set);
  }
  if (/import\s*"heard-core:/.test(text))
    throw new Error(`${relative(here, file.path)}: a bare import of a shared module`);
}

// 2. The core: exactly those names, from the modules they come from.
const coreSource = [...wanted]
  .map(([key, names]) => `export { ${[...names].sort().join(', ')} } from ${JSON.stringify(key)};`)
  .join('\n');
const coreDir = join(here, 'dist/.core');
mkdirSync(coreDir, { recursive: true });
writeFileSync(join(coreDir, 'core.ts'), `${coreSource}\n`);
const coreBuild = await build({
  ...common,
  entryPoints: { core: join(coreDir, 'core.ts') },
  format: 'esm',
  splitting: true,
  outdir: chunksDir,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  metafile: true,
});
const coreFile = Object.keys(coreBuild.metafile.outputs).find((file) => coreBuild.metafile.outputs[file].entryPoint);
const coreName = relative(chunksDir, join(here, coreFile));

// 3. The loader and the elements against the core's file. Chunks import `./core-….js`
// beside them; the loader, one folder up, imports it from `./chunks/`.
const { metafile } = await pageBuild(`./${coreName}`, true);
const loader = join(out, 'heard.js');
writeFileSync(loader, readFileSync(loader, 'utf8').replaceAll(`"./${coreName}"`, `"./chunks/${coreName}"`));
if (!process.env.HEARD_KEEP_CORE) rmSync(coreDir, { recursive: true });

await build({
  ...common,
  entryPoints: { 'heard.iife': 'src/cdn/heard-iife.ts' },
  format: 'iife',
  // A classic script is read in the page's encoding, which may not be UTF-8.
  charset: 'ascii',
  outdir: out,
});

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const hashes = Object.fromEntries(
  files(out)
    .filter((file) => file.endsWith('.js'))
    .map((file) => [relative(out, file), integrity(readFileSync(file))])
    .sort(([a], [b]) => a.localeCompare(b)),
);
// Chunks are imported by the loader, not by a tag the page writes: an import map carries
// their hashes (`<BASE>` is where dist/cdn is served from, ending in a slash).
const importMap = {
  integrity: Object.fromEntries(
    Object.entries(hashes)
      .filter(([file]) => file.startsWith('chunks/'))
      .map(([file, hash]) => [`<BASE>${file}`, hash]),
  ),
};
// Which file imports which, now (`imports`) and when used (`later`): the size check adds up
// what a page with given elements downloads.
const graph = {};
for (const outputs of [coreBuild.metafile.outputs, metafile.outputs]) {
  for (const [file, output] of Object.entries(outputs)) {
    const name = relative(out, join(here, file));
    const target = (i) => (i.external ? `chunks/${coreName}` : relative(out, join(here, i.path)));
    const of = (kind) => [...new Set(output.imports.filter((i) => i.kind === kind).map(target))];
    graph[name] = {
      imports: of('import-statement'),
      later: of('dynamic-import'),
      element: output.entryPoint?.match(/src\/([a-z-]+)\/\1\.ts$/)?.[1] ?? null,
    };
  }
}
writeFileSync(join(here, 'dist/cdn-graph.json'), `${JSON.stringify(graph, null, 2)}\n`);
writeFileSync(join(out, 'sri.json'), `${JSON.stringify({ files: hashes, importMap }, null, 2)}\n`);
console.log(`Wrote ${Object.keys(hashes).length} files and their SRI hashes to ${relative(here, out)}/`);
