/** What every view shares: surfaces, figures, tables, forms and messages in the palette. */
import { css } from 'lit';

/** Data tables: figures right-aligned in tabular digits. */
export const tableStyles = css`
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 0.375rem 0.5rem;
    border-bottom: 1px solid var(--hd-border);
    vertical-align: top;
  }
  td.n,
  th.n {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
`;

export const viewStyles = css`
  ${tableStyles}
  :host {
    display: grid;
    gap: 1rem;
    color: var(--hd-fg);
  }
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.375rem;
  }
  h3 {
    font-size: 1.0625rem;
  }
  section,
  .card {
    background: var(--hd-surface);
    border: 1px solid var(--hd-border);
    border-radius: 0.75rem;
    padding: 1rem;
    display: grid;
    gap: 0.75rem;
    align-content: start;
    min-width: 0;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.75rem;
    margin: 0;
  }
  .figures div {
    background: var(--hd-surface);
    border: 1px solid var(--hd-border);
    border-radius: 0.75rem;
    padding: 0.75rem 1rem;
  }
  .figures dt {
    color: var(--hd-muted);
    font-size: 0.875rem;
  }
  .figures dd {
    margin: 0;
    font-size: 1.75rem;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .figures dd small {
    display: block;
    font-size: 0.8125rem;
    font-weight: 400;
    color: var(--hd-muted);
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr));
    gap: 1rem;
  }
  .scroll {
    overflow-x: auto;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: var(--hd-fg);
    background: var(--hd-surface);
    border: 1px solid var(--hd-field-border);
    border-radius: 0.375rem;
    padding: 0.25rem 0.5rem;
    min-height: 28px;
  }
  button {
    cursor: pointer;
  }
  button.primary {
    background: var(--hd-accent);
    border-color: var(--hd-accent);
    color: var(--hd-on-accent);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 2px solid var(--hd-accent);
    outline-offset: 2px;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-size: 0.875rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  .badge {
    display: inline-block;
    border-radius: 999px;
    padding: 0 0.5rem;
    font-size: 0.8125rem;
    border: 1px solid currentColor;
  }
  .promoter {
    color: var(--hd-promoter);
  }
  .passive {
    color: var(--hd-passive);
  }
  .detractor {
    color: var(--hd-detractor);
  }
  .outcome {
    margin: 0;
  }
  .muted {
    color: var(--hd-muted);
  }
  [role='alert'],
  .failed {
    color: var(--hd-error);
  }
  ul.plain {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 0.5rem;
  }
  ul.plain li {
    border-bottom: 1px solid var(--hd-border);
    padding-block-end: 0.5rem;
  }
  /* What people were shown: the question under the view's heading, the options, and changes. */
  .subtitle {
    margin: 0 0 1rem;
    font-size: 1.125rem;
    overflow-wrap: anywhere;
  }
  .note {
    border: 1px solid var(--hd-border);
    border-inline-start: 4px solid var(--hd-accent);
    border-radius: 6px;
    padding: 0.75rem 1rem;
    margin-block: 1rem;
    overflow-wrap: anywhere;
  }
  .note h3 {
    margin-block: 0 0.5rem;
  }
  .shown {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .shown li {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .shown img {
    inline-size: 2rem;
    block-size: 2rem;
    object-fit: cover;
    border-radius: 4px;
  }
  blockquote.consent {
    margin: 0 0 0.5rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--hd-border);
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
`;
