/**
 * How many bytes a page downloads for some code: bundled from the workspace's sources,
 * minified by esbuild, then gzip and brotli. Shared by the packages' size checks.
 */
import { build } from 'esbuild';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const bundleSize = async (contents, resolveDir) => {
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
  const code = Buffer.from(result.outputFiles[0].contents);
  return { code, min: code.length, gzip: gzipSync(code, { level: 9 }).length, brotli: brotliCompressSync(code).length };
};

export const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
