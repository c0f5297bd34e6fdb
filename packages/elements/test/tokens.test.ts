/**
 * Each documented `--heard-*` custom property is used by its element's styles, and each one
 * an element's own styles use is documented. The shared theme defines the palette for all.
 */
import { expect } from '@open-wc/testing';
import { HeardPoll } from '../src/poll/poll.js';
import { HeardNps } from '../src/nps/nps.js';
import { HeardLauncher } from '../src/launcher/launcher.js';
import { HeardBetaSignup } from '../src/beta-signup/beta-signup.js';
import { HeardIdeaBox } from '../src/idea-box/idea-box.js';
import { themeStyles } from '../src/shared/theme.styles.js';
import type { CSSResult } from 'lit';

interface Declaration {
  name: string;
  cssProperties?: { name: string }[];
}

const manifest = (await fetch('/packages/elements/custom-elements.json').then((r) => r.json())) as {
  modules: { declarations?: Declaration[] }[];
};
const documented = (name: string) =>
  manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .find((d) => d.name === name)
    ?.cssProperties?.map((p) => p.name) ?? [];

const used = (styles: CSSResult[]) =>
  [
    ...new Set(
      styles
        .map((s) => s.cssText)
        .join('\n')
        .match(/--heard-[a-z-]+/g) ?? [],
    ),
  ].sort();

describe('design tokens', () => {
  for (const element of [HeardPoll, HeardNps, HeardIdeaBox, HeardBetaSignup, HeardLauncher]) {
    it(`${element.name} documents every --heard-* property it uses, and uses every one it documents`, () => {
      const styles = element.styles as CSSResult[];
      const inStyles = used(styles);
      const own = used(styles.filter((style) => style !== themeStyles));
      const inDocs = documented(element.name).sort();
      expect(inDocs.length).to.be.greaterThan(3);
      for (const token of inDocs) expect(inStyles, `${token} is documented but unused`).to.include(token);
      for (const token of own) expect(inDocs, `${token} is used but undocumented`).to.include(token);
    });
  }
});
