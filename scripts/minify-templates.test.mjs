/** The template minifier on the shapes Heard's elements use: `node --test scripts/`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyTemplates } from './minify-templates.mjs';

test('squeezes html templates, and those nested in their expressions', () => {
  const source = `const view = html\`<form>
      <p>\${ok ? html\`<b>
          yes</b>\` : { a: { b: 1 } }.a}</p>
    </form>\`;`;
  assert.equal(
    minifyTemplates(source),
    'const view = html`<form> <p>${ok ? html`<b> yes</b>` : { a: { b: 1 } }.a}</p> </form>`;',
  );
});

test('squeezes css templates around their expressions', () => {
  const source = 'const s = css`\n  :host {\n    color: ${dark};\n    /* a note */\n    margin: 0 ;\n  }\n`;';
  assert.equal(minifyTemplates(source), 'const s = css`:host{color:${dark};margin:0}`;');
});

test('leaves other templates, strings and comments as written', () => {
  const source = [
    "// Lit's `html` templates and a `css` one",
    'const a = `keep\n   this`;',
    "const b = 'html`\\n  x`';",
    'const c = other`\n  kept`;',
  ].join('\n');
  assert.equal(minifyTemplates(source), source);
});

test('drops what CSS reads the same without: space before !important, leading zeros, quotes around identifiers', () => {
  const source =
    "const s = css`[part~='base'] { opacity: 0.6 !important; margin: 0 0.5em calc(10.5em - 0.25em); }\n[data-x=\"1a\"] { content: 'a' }`;";
  assert.equal(
    minifyTemplates(source),
    'const s = css`[part~=base]{opacity:.6!important;margin:0 .5em calc(10.5em - .25em)}[data-x="1a"]{content:\'a\'}`;',
  );
});
