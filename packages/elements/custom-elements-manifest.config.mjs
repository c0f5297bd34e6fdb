/**
 * The custom-elements manifest describes what a page or an app may use, and nothing else:
 * each element's public attributes, properties, events (with the fields their event carries),
 * parts and tokens. Storybook's controls and docs, the README's tables and the editor typings
 * are made from it, so what is internal (reactive state, protected helpers, the loader) stays
 * out, and each event is listed once, under the name it is fired with.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** The fields an event class carries, with their types: `{ vote: { options: string[]; … } }`. */
const eventFields = (manifest, className) => {
  for (const module of manifest.modules) {
    const declaration = module.declarations?.find((d) => d.kind === 'class' && d.name === className);
    if (!declaration) continue;
    const source = ts.createSourceFile(module.path, readFileSync(module.path, 'utf8'), ts.ScriptTarget.Latest);
    const interfaces = new Map();
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) {
        const members = node.members.map((member) => member.getText(source).replace(/;$/, ''));
        interfaces.set(node.name.text, `{ ${members.join('; ')} }`);
      }
    });
    return (declaration.members ?? [])
      .filter((member) => member.kind === 'field' && !member.static && (member.privacy ?? 'public') === 'public')
      .map((member) => {
        const type = member.type?.text ?? 'unknown';
        return { name: member.name, type: interfaces.get(type) ?? type, description: member.description };
      });
  }
  return [];
};

const LIFECYCLE = new Set([
  'render',
  'connectedCallback',
  'disconnectedCallback',
  'attributeChangedCallback',
  'willUpdate',
  'update',
  'updated',
  'firstUpdated',
  'shouldUpdate',
]);
const isPublic = (member) =>
  (member.privacy ?? 'public') === 'public' && !member.name.startsWith('#') && !LIFECYCLE.has(member.name);

/** @type {import('@custom-elements-manifest/analyzer').Plugin} */
const publicApi = {
  name: 'heard-public-api',
  packageLinkPhase({ customElementsManifest: manifest }) {
    for (const module of manifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (!declaration.customElement || !declaration.tagName) continue;
        const kept = new Set();
        declaration.members = (declaration.members ?? []).filter((member) => {
          const keep = isPublic(member) && !member.static && member.kind === 'field';
          if (keep) kept.add(member.name);
          return keep || (member.kind === 'method' && isPublic(member) && !member.static && !member.inheritedFrom);
        });
        declaration.attributes = (declaration.attributes ?? []).filter(
          (attribute) => attribute.fieldName === undefined || kept.has(attribute.fieldName),
        );
        const events = new Map();
        for (const event of declaration.events ?? []) {
          if (!event.name?.startsWith('heard-')) continue;
          const known = events.get(event.name);
          if (!known || (!known.description && event.description)) events.set(event.name, event);
        }
        declaration.events = [...events.values()].map((event) => {
          const fields = eventFields(manifest, event.type?.text);
          const carries = fields.map((field) => `\`event.${field.name}\`: \`${field.type}\``).join(', ');
          return { ...event, description: carries ? `${event.description} Carries ${carries}.` : event.description };
        });
        declaration.description ||= declaration.summary;
        // Types as an app writes them: on one line, and the strings' catalog type (a type
        // parameter of the shared base) as the object of strings it is.
        const typeText = (text) => text.replace(/\s+/g, ' ').replace(/\bPartial<S>/g, 'Record<string, string>');
        for (const item of [...declaration.members, ...declaration.attributes])
          if (item.type) item.type.text = typeText(item.type.text);
      }
    }
    // What a page or an app imports: the elements' modules and the define entries. The loader,
    // the CDN entries and the shared base are how Heard works inside, not what it offers.
    manifest.modules = manifest.modules.filter(
      (module) =>
        module.path.startsWith('src/define/') ||
        (module.declarations ?? []).some((declaration) => declaration.customElement && declaration.tagName),
    );
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts'],
  litelement: true,
  plugins: [publicApi],
};
