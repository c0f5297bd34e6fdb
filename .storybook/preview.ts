/**
 * Controls and docs come from the custom-elements manifest the elements' build writes: each
 * element's Docs page lists its properties (with the attribute each reflects), events, parts
 * and design tokens. A story's controls are the arguments it draws the element with, and every
 * `--heard-*` token, applied live around the story.
 */
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components';
import manifest from '../packages/elements/custom-elements.json';

interface Item {
  name: string;
  kind?: string;
  description?: string;
  fieldName?: string;
  type?: { text: string };
}
interface Declaration {
  tagName?: string;
  members?: Item[];
  attributes?: Item[];
  cssParts?: Item[];
}
interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

/**
 * The manifest as Storybook's tables read them: one row per property, naming the attribute it
 * reflects, instead of an attribute row and a property row; parts as `::part(name)`, so that a
 * part never takes the row (and the control) of the attribute of the same name (`question`).
 */
const forStorybook = (source: Manifest): Manifest => ({
  ...source,
  modules: source.modules.map((module) => ({
    ...module,
    declarations: module.declarations?.map((declaration) => {
      if (!declaration.tagName) return declaration;
      const attributes = new Map((declaration.attributes ?? []).map((item) => [item.fieldName, item.name]));
      return {
        ...declaration,
        members: (declaration.members ?? []).map((member) =>
          attributes.has(member.name)
            ? { ...member, description: `${member.description ?? ''} Attribute: \`${attributes.get(member.name)}\`.` }
            : member,
        ),
        attributes: (declaration.attributes ?? []).filter((item) => !item.fieldName),
        cssParts: (declaration.cssParts ?? []).map((part) => ({ ...part, name: `::part(${part.name})` })),
      };
    }),
  })),
});

setCustomElementsManifest(forStorybook(manifest as Manifest));

const TOKEN = /^--heard-/;
const COLOUR = /accent|background|foreground|muted|border|track|error|focus-ring/;
/** `'a' | 'b'` as ['a', 'b']; undefined when the type is not a union of string literals. */
const words = (type = '') => {
  const parts = type.split('|').map((part) => part.trim());
  return parts.every((part) => /^'[^']*'$/.test(part)) ? parts.map((part) => part.slice(1, -1)) : undefined;
};

/**
 * Controls for what a story draws the element with (its args) and for every design token;
 * the rest of the manifest (other properties, events, parts) is listed without a control, as
 * changing it would change nothing on screen.
 */
const controls: NonNullable<Preview['argTypesEnhancers']>[number] = ({ argTypes, initialArgs }) => {
  const result: typeof argTypes = {};
  for (const [name, argType] of Object.entries(argTypes)) {
    if (TOKEN.test(name)) {
      result[name] = { ...argType, control: COLOUR.test(name) ? 'color' : 'text' };
    } else if (name in initialArgs) {
      const type = argType.table?.type?.summary;
      const options = words(type);
      if (options) result[name] = { ...argType, control: 'select', options };
      else result[name] = /^number\b/.test(type ?? '') ? { ...argType, control: 'number' } : argType;
    } else result[name] = { ...argType, control: false };
  }
  return result;
};

/**
 * The tokens set in the controls, on a box around the story: they reach into every widget.
 * Set through the CSSOM (`styleMap`), which a strict CSP allows, not a style attribute.
 */
const tokens: Decorator = (story, { args }) => {
  const style = Object.fromEntries(
    Object.entries(args).filter(([name, value]) => TOKEN.test(name) && typeof value === 'string' && value),
  ) as Record<string, string>;
  return Object.keys(style).length ? html`<div style=${styleMap(style)}>${story()}</div>` : story();
};

const preview: Preview = {
  parameters: {
    controls: { expanded: true, exclude: ['client'] },
    layout: 'padded',
  },
  argTypesEnhancers: [controls],
  decorators: [tokens],
};

export default preview;
