/**
 * What people were shown: a widget's definitions as the collector kept them, told as changes
 * ("Definition changed") with the date each new version was first received.
 */
import type { BetaDefinition, DefinitionVersion, NpsDefinition, PollDefinition } from '@heard/protocol';
import { html, nothing } from 'lit';
import type { Words } from './i18n.js';

type Change = (words: Words) => string[];

/** Inline pictures only: the dashboard's CSP loads no image from another site. */
export const smallImage = (url: string | null | undefined): string | undefined =>
  url && url.startsWith('data:image/') && url.length <= 8_192 ? url : undefined;

export const pollChanges =
  (before: PollDefinition, after: PollDefinition): Change =>
  (words) => {
    const lines: string[] = [];
    if (before.question !== after.question)
      lines.push(words.t('changeQuestion', { from: before.question, to: after.question }));
    const old = new Map(before.options.map((option) => [option.id, option]));
    for (const option of after.options) {
      const was = old.get(option.id);
      if (!was) lines.push(words.t('changeAdded', { label: option.label }));
      else {
        if (was.label !== option.label)
          lines.push(words.t('changeLabel', { from: was.label, to: option.label, id: option.id }));
        if ((was.image ?? '') !== (option.image ?? '')) lines.push(words.t('changeImage', { label: option.label }));
      }
    }
    const kept = new Set(after.options.map((option) => option.id));
    for (const option of before.options)
      if (!kept.has(option.id)) lines.push(words.t('changeRemoved', { label: option.label }));
    if (!!before.multiple !== !!after.multiple || !!before.allowOther !== !!after.allowOther)
      lines.push(words.t('changeSettings'));
    return lines;
  };

export const npsChanges =
  (before: NpsDefinition, after: NpsDefinition): Change =>
  (words) => [
    ...(before.question !== after.question
      ? [words.t('changeQuestion', { from: before.question, to: after.question })]
      : []),
    ...((before.product ?? '') !== (after.product ?? '')
      ? [words.t('changeProduct', { from: before.product ?? '', to: after.product ?? '' })]
      : []),
  ];

export const betaChanges =
  (before: BetaDefinition, after: BetaDefinition): Change =>
  (words) =>
    before.consent !== after.consent ? [words.t('changeConsent', { from: before.consent, to: after.consent })] : [];

/**
 * The "Definition changed" note: each version after the first, with when it was first received
 * and what changed. Nothing while there was only ever one.
 */
export const renderChanges = <D>(
  versions: readonly DefinitionVersion<D>[],
  changes: (before: D, after: D) => Change,
  words: Words,
) => {
  const steps = versions.slice(1).map((version, index) => ({
    at: version.firstSeen,
    // `versions[index]` is the version before this one: slice(1) shifted the indexes by one.
    lines: changes((versions[index] as DefinitionVersion<D>).definition, version.definition)(words),
  }));
  const shown = steps.filter((step) => step.lines.length);
  if (!shown.length) return nothing;
  return html`<aside class="note" aria-labelledby="definition-changed">
    <h3 id="definition-changed">${words.t('definitionChanged')}</h3>
    <ul class="plain">
      ${shown.map(
        (step) =>
          html`<li>
            <span class="muted">${words.time(step.at)}</span>
            ${
              step.lines.length === 1
                ? step.lines[0]
                : html`<ul>
                    ${step.lines.map((line) => html`<li>${line}</li>`)}
                  </ul>`
            }
          </li>`,
      )}
    </ul>
  </aside>`;
};
