import { css } from 'lit';

export const npsStyles = css`
  :host([mode='prompt']) {
    position: fixed;
    inset-block-end: var(--heard-prompt-offset, 1rem);
    inset-inline-end: var(--heard-prompt-offset, 1rem);
    z-index: var(--heard-prompt-z-index, 2147483000);
    inline-size: min(28rem, calc(100vw - 2rem));
  }
  /* Moved out of the way of what has focus on the page. */
  :host([mode='prompt'][data-edge='top']) {
    inset-block: var(--heard-prompt-offset, 1rem) auto;
  }
  [part~='base'] {
    position: relative;
  }
  :host([mode='prompt']) [part~='base'] {
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.2);
  }
  [part~='question'] {
    margin-block: 0 var(--_gap);
    padding-inline-end: 2.5rem;
    font-weight: 600;
  }
  [part~='close'] {
    position: absolute;
    inset-block-start: 0.25rem;
    inset-inline-end: 0.25rem;
    border: none;
    background: transparent;
    color: var(--_muted);
    font-size: 1.25rem;
    line-height: 1;
    padding: 0;
  }
  [part~='scale'] {
    display: grid;
    grid-template-columns: repeat(11, minmax(1.5rem, 1fr));
    gap: 0.25rem;
  }
  [part~='score'] {
    min-inline-size: 1.5rem;
    padding-inline: 0;
    border: 1px solid var(--_border);
    background: transparent;
    color: var(--_fg);
  }
  [part~='score'][aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .ends {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    margin-block: 0.4rem var(--_gap);
    font-size: 0.85em;
    color: var(--_muted);
  }
  label {
    display: block;
    margin-block-end: 0.4rem;
    font-weight: 600;
  }
  textarea {
    display: block;
    inline-size: 100%;
    min-block-size: 5rem;
    margin-block-end: var(--_gap);
    padding: 0.5rem 0.75rem;
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    resize: vertical;
  }
`;
