/**
 * Size check: each element as a page downloads it — its define entry bundled with Lit, the SDK
 * and the validator, minified by esbuild, then gzip — beside Lit alone, against a budget.
 */
import { fileURLToPath } from 'node:url';
import { bundleSize, kb } from '../../../scripts/bundle-size.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
// The launcher carries @floating-ui/dom (about 6 KB) and never the SDK.
const BUDGETS = {
  poll: 14 * 1024,
  nps: 14 * 1024,
  'idea-box': 14 * 1024,
  'beta-signup': 14 * 1024,
  launcher: 16 * 1024,
};

const size = (contents) => bundleSize(contents, here);

const lit = await size(`import { LitElement, html, css } from 'lit'; export { LitElement, html, css };`);
console.log(`baseline, Lit alone: ${kb(lit.gzip)} min+gzip`);
let over = false;
for (const [name, budget] of Object.entries(BUDGETS)) {
  const element = await size(`import './src/define/${name}.ts';`);
  const ratio = (element.gzip / lit.gzip).toFixed(2);
  console.log(
    `<heard-${name}> as shipped, with Lit (and the SDK for widgets): ${kb(element.min)} min, ${kb(element.gzip)} min+gzip (${ratio}× Lit; budget ${kb(budget)})`,
  );
  if (element.gzip > budget) {
    console.error(`<heard-${name}> is over budget by ${kb(element.gzip - budget)}.`);
    over = true;
  }
}
const all = await size(
  Object.keys(BUDGETS)
    .map((name) => `import './src/define/${name}.ts';`)
    .join('\n'),
);
console.log(
  `all five elements on one page: ${kb(all.min)} min, ${kb(all.gzip)} min+gzip (${(all.gzip / lit.gzip).toFixed(2)}× Lit)`,
);
process.exit(over ? 1 : 0);
