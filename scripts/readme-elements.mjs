/**
 * The README's reference for each element — attributes and properties, methods, events and
 * what they carry, parts, design tokens — made from the custom-elements manifest the
 * elements' build writes, so the README says what the code declares. `node --test scripts/`
 * checks that the README holds it; after changing an element, `pnpm build` then
 * `node scripts/readme-elements.mjs --write` brings the README up to date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const README = `${ROOT}README.md`;
const MANIFEST = `${ROOT}packages/elements/custom-elements.json`;
export const START = '<!-- elements: made from custom-elements.json by scripts/readme-elements.mjs -->';
export const END = '<!-- /elements -->';

const code = (text) => (text ? `\`${String(text).replaceAll('|', '\\|')}\`` : '');
const cell = (text = '') => String(text).replace(/\s+/g, ' ').replaceAll('|', '\\|').trim();
const table = (head, rows) =>
  rows.length
    ? [
        `| ${head.join(' | ')} |`,
        `| ${head.map(() => '---').join(' | ')} |`,
        ...rows.map((row) => `| ${row.join(' | ')} |`),
      ].join('\n')
    : '';

/** The manifest's elements, in the order a page's loader lists them (`TAGS`). */
const elements = (manifest) =>
  manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .sort((a, b) => ORDER.indexOf(a.tagName) - ORDER.indexOf(b.tagName));
const ORDER = ['heard-poll', 'heard-nps', 'heard-idea-box', 'heard-beta-signup', 'heard-launcher'];

const section = (element) => {
  const fields = (element.members ?? []).filter((member) => member.kind === 'field');
  const methods = (element.members ?? []).filter((member) => member.kind === 'method');
  const parts = [`### ${code(`<${element.tagName}>`)}`, cell(element.description)];
  parts.push(
    table(
      ['Attribute', 'Property', 'Type', 'Default', 'What it does'],
      fields.map((field) => [
        code(field.attribute) || '—',
        code(field.name),
        code(field.type?.text),
        code(field.default),
        cell(field.description),
      ]),
    ),
  );
  if (methods.length)
    parts.push(
      table(
        ['Method', 'What it does'],
        methods.map((method) => [code(`${method.name}()`), cell(method.description)]),
      ),
    );
  if (element.events?.length)
    parts.push(
      table(
        ['Event', 'When, and what it carries'],
        element.events.map((event) => [code(event.name), cell(event.description)]),
      ),
    );
  if (element.cssParts?.length)
    parts.push(
      table(
        ['Part', 'What it is'],
        element.cssParts.map((part) => [code(`::part(${part.name})`), cell(part.description)]),
      ),
    );
  if (element.cssProperties?.length)
    parts.push(
      table(
        ['Token', 'What it sets'],
        element.cssProperties.map((token) => [code(token.name), cell(token.description)]),
      ),
    );
  return parts.filter(Boolean).join('\n\n');
};

/** The README's reference, as prettier writes Markdown. */
export const reference = async (manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'))) => {
  const body = elements(manifest).map(section).join('\n\n');
  const options = (await prettier.resolveConfig(README)) ?? {};
  return (await prettier.format(`${START}\n\n${body}\n\n${END}\n`, { ...options, parser: 'markdown' })).trim();
};

/** The reference as the README holds it now, or undefined when its markers are missing. */
export const inReadme = (text = readFileSync(README, 'utf8')) => {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  return start === -1 || end === -1 ? undefined : text.slice(start, end + END.length);
};

if (process.argv.includes('--write')) {
  const text = readFileSync(README, 'utf8');
  const now = inReadme(text);
  if (!now) throw new Error(`README.md has no ${START} … ${END} to write between`);
  writeFileSync(README, text.replace(now, await reference()));
  console.log('README.md: element reference written from custom-elements.json');
}
