/**
 * How many bytes a page downloads for some code: bundled from the workspace's sources,
 * minified by esbuild (and by terser with `terse`, as the CDN build does), then gzip and
 * brotli. Shared by the packages' size checks.
 */
import { build } from 'esbuild';
import { minify } from 'terser';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const bundleSize = async (contents, resolveDir, { terse = false } = {}) => {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source'],
    write: false,
    logLevel: 'error',
  });
  const esbuilt = result.outputFiles[0].text;
  const code = Buffer.from(
    terse ? (await minify(esbuilt, { module: true, ecma: 2022, compress: { passes: 2 } })).code : esbuilt,
  );
  return { code, min: code.length, gzip: gzipSync(code, { level: 9 }).length, brotli: brotliCompressSync(code).length };
};

export const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
