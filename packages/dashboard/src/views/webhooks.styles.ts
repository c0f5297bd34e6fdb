/** The webhooks view's own styles: endpoint cards, delivery lines, the form, the secret, the dialog. */
import { css } from 'lit';

export const webhooksStyles = css`
  p {
    margin: 0;
  }
  h4,
  h5 {
    margin: 0;
    line-height: 1.3;
  }
  h4 {
    font-size: 1rem;
  }
  h5 {
    font-size: 0.9375rem;
  }
  /* URLs and secrets have no spaces: they break anywhere rather than widen a phone's page. */
  h3,
  .url,
  code {
    overflow-wrap: anywhere;
  }
  ul.plain.endpoints {
    gap: 1rem;
  }
  ul.plain.endpoints > li {
    border: 1px solid var(--hd-border);
    border-radius: 0.5rem;
    padding: 0.75rem;
    display: grid;
    gap: 0.625rem;
    min-width: 0;
  }
  ul.plain.endpoints > li.paused {
    border-style: dashed;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0.5rem 1rem;
    margin: 0;
  }
  .facts dt {
    color: var(--hd-muted);
    font-size: 0.8125rem;
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .badge.paused,
  .badge.pending {
    border-style: dashed;
  }
  .badge.failed {
    border-width: 2px;
  }
  .badge.active,
  .badge.delivered {
    font-weight: 600;
  }
  .deliveries li {
    display: grid;
    gap: 0.25rem;
    font-size: 0.9375rem;
  }
  ul.plain.deliveries li:last-child {
    border-bottom: none;
    padding-block-end: 0;
  }
  time {
    white-space: nowrap;
  }
  .waiting {
    display: block;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .deliveries .answer {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
  }
  form {
    display: grid;
    gap: 1rem;
  }
  fieldset {
    border: 1px solid var(--hd-border);
    border-radius: 0.5rem;
    margin: 0;
    padding: 0.5rem 0.75rem 0.75rem;
    display: grid;
    gap: 0.375rem;
    min-width: 0;
  }
  legend {
    font-size: 0.875rem;
    padding: 0 0.25rem;
  }
  label.check {
    display: flex;
    gap: 0.5rem;
    align-items: start;
    font-size: 0.9375rem;
  }
  input[type='checkbox'],
  input[type='radio'] {
    min-height: 0;
    margin: 0;
    width: 1.125rem;
    height: 1.125rem;
    flex: none;
    /* Level with the first line of its label, however many lines that takes. */
    margin-block-start: 0.1875rem;
    accent-color: var(--hd-accent);
  }
  input[type='url'] {
    width: 100%;
    box-sizing: border-box;
  }
  .help {
    color: var(--hd-muted);
    font-size: 0.8125rem;
  }
  .field-error {
    font-size: 0.875rem;
    font-weight: 600;
  }
  .warning {
    border-inline-start: 4px solid var(--hd-passive);
    padding: 0.25rem 0 0.25rem 0.625rem;
    font-size: 0.875rem;
  }
  .secret {
    border: 2px solid var(--hd-accent);
  }
  .secret code {
    display: block;
    padding: 0.5rem;
    border: 1px solid var(--hd-field-border);
    border-radius: 0.375rem;
    background: var(--hd-bg);
    font-size: 0.9375rem;
  }
  .once {
    font-weight: 650;
  }
  button.danger {
    border-color: var(--hd-error);
    color: var(--hd-error);
  }
  dialog {
    color: var(--hd-fg);
    background: var(--hd-surface);
    border: 1px solid var(--hd-field-border);
    border-radius: 0.75rem;
    padding: 1rem;
    max-width: min(28rem, calc(100vw - 3rem));
  }
  dialog[open] {
    display: grid;
    gap: 0.75rem;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  @media (forced-colors: active) {
    .badge.active,
    .badge.delivered {
      border-width: 2px;
    }
  }
`;
