/**
 * An esbuild plugin that squeezes the whitespace out of Lit's `css`, `html` and `svg`
 * templates in Heard's own sources (esbuild keeps template text as written). Templates are
 * found by TypeScript's parser, so templates nested in other templates' expressions are
 * squeezed too, and backticks in comments or strings are left alone. Conservative: in CSS,
 * comments go and whitespace collapses, and disappears next to `{ } ; , >`, after `:` and before
 * `!important`, a number's leading zero goes, and so do the quotes around an attribute
 * selector's value that is an identifier; in
 * HTML, a run of whitespace that holds a line break becomes one space, which HTML reads the
 * same (Heard's templates hold no <pre>, and no <textarea> with text in it). Expressions are
 * left as they are.
 */
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

export const minifyCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .replace(/\s+!important/g, '!important')
    // `0.5em` is `.5em`: a zero that starts a number after a colon, a space, a comma or a bracket.
    .replace(/([:\s,(])0\.(\d)/g, '$1.$2')
    // `[part~='base']` is `[part~=base]`: quotes around a value that is an identifier.
    .replace(/\[([\w-]+)([~|^$*]?=)(['"])([A-Za-z_][\w-]*)\3\]/g, '[$1$2$4]');

export const minifyHtml = (text) => text.replace(/\s*\n\s*/g, ' ');

const SQUEEZE = { css: minifyCss, html: minifyHtml, svg: minifyHtml };

/** The text parts of a template literal, as [start, end) offsets between its delimiters. */
const textParts = (template, file) => {
  const literals = ts.isNoSubstitutionTemplateLiteral(template)
    ? [template]
    : [template.head, ...template.templateSpans.map((span) => span.literal)];
  return literals.map((literal) => {
    const start = literal.getStart(file) + 1;
    // A head or middle ends with `${`, a tail or a template without expressions with a backtick.
    const closing = ts.isTemplateHead(literal) || ts.isTemplateMiddle(literal) ? 2 : 1;
    return [start, literal.end - closing];
  });
};

export const minifyTemplates = (source, fileName = 'source.ts') => {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && Object.hasOwn(SQUEEZE, node.tag.text)) {
      const squeeze = SQUEEZE[node.tag.text];
      const parts = textParts(node.template, file);
      for (const [index, [start, end]] of parts.entries()) {
        let text = squeeze(source.slice(start, end));
        // A style sheet's first and last blanks mean nothing.
        if (node.tag.text === 'css' && index === 0) text = text.trimStart();
        if (node.tag.text === 'css' && index === parts.length - 1) text = text.trimEnd();
        edits.push([start, end, text]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let result = source;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0]))
    result = result.slice(0, start) + text + result.slice(end);
  return result;
};

export const minifyTemplatesPlugin = (filter = /packages\/elements\/src\/.*\.ts$/) => ({
  name: 'minify-templates',
  setup(build) {
    build.onLoad({ filter }, async ({ path }) => ({
      contents: minifyTemplates(await readFile(path, 'utf8'), path),
      loader: 'ts',
    }));
  },
});
