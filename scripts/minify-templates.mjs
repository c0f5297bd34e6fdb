/**
 * An esbuild plugin that squeezes the whitespace out of Lit's `css` and `html` templates in
 * Heard's own sources (esbuild keeps template text as written). Conservative: in CSS,
 * comments go and whitespace collapses, and disappears next to `{ } ; , >` and after `:`;
 * in HTML, a run of whitespace that holds a line break becomes one space, which HTML reads
 * the same (Heard's templates hold no <pre>, and no <textarea> with text in it).
 */
import { readFile } from 'node:fs/promises';

const TEMPLATE = /\b(css|html|svg)`((?:[^`\\$]|\\.|\$(?!\{)|\$\{(?:[^{}]|\{[^{}]*\})*\})*)`/g;

/** Squeezes the text parts of a template, leaving `${…}` expressions as they are. */
const squeeze = (body, text) =>
  body.replace(
    /((?:[^\\$]|\\.|\$(?!\{))*)(\$\{(?:[^{}]|\{[^{}]*\})*\})?/g,
    (_, part, expression = '') => text(part) + expression,
  );

export const minifyCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');

export const minifyHtml = (text) => text.replace(/\s*\n\s*/g, ' ');

export const minifyTemplates = (source) =>
  source.replace(TEMPLATE, (whole, tag, body) => `${tag}\`${squeeze(body, tag === 'css' ? minifyCss : minifyHtml)}\``);

export const minifyTemplatesPlugin = (filter = /packages\/elements\/src\/.*\.ts$/) => ({
  name: 'minify-templates',
  setup(build) {
    build.onLoad({ filter }, async ({ path }) => ({
      contents: minifyTemplates(await readFile(path, 'utf8')),
      loader: 'ts',
    }));
  },
});
