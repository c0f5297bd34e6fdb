/**
 * Builds what a page loads from a CDN into `dist/cdn/`: `heard.js` (the module loader, each
 * element a chunk fetched on demand, shared code in shared chunks), `heard.iife.js` (one
 * classic script with everything), and `sri.json`: the Subresource Integrity hash of every
 * file a page may load, with an import map that pins the chunks and that map's own CSP hash.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minifyTemplatesPlugin } from '../../../scripts/minify-templates.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const out = join(here, 'dist/cdn');
rmSync(out, { recursive: true, force: true });

const common = {
  bundle: true,
  minify: true,
  target: 'es2022',
  conditions: ['source'],
  legalComments: 'none',
  logLevel: 'error',
  absWorkingDir: here,
  // Lit's templates without their indentation: esbuild keeps template text as written.
  plugins: [minifyTemplatesPlugin()],
};

const { metafile } = await build({
  ...common,
  entryPoints: { heard: 'src/cdn/heard.ts' },
  format: 'esm',
  splitting: true,
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
});
await build({
  ...common,
  entryPoints: { 'heard.iife': 'src/cdn/heard-iife.ts' },
  format: 'iife',
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
// Which file imports which: the size check adds up what a page with given elements downloads.
const graph = Object.fromEntries(
  Object.entries(metafile.outputs).map(([file, output]) => [
    relative(out, join(here, file)),
    {
      imports: output.imports
        .filter((i) => i.kind === 'import-statement')
        .map((i) => relative(out, join(here, i.path))),
      element: output.entryPoint?.match(/src\/([a-z-]+)\/\1\.ts$/)?.[1] ?? null,
    },
  ]),
);
writeFileSync(join(here, 'dist/cdn-graph.json'), `${JSON.stringify(graph, null, 2)}\n`);
writeFileSync(join(out, 'sri.json'), `${JSON.stringify({ files: hashes, importMap }, null, 2)}\n`);
console.log(`Wrote ${Object.keys(hashes).length} files and their SRI hashes to ${relative(here, out)}/`);
