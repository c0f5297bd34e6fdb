import { css } from 'lit';

export const npsStyles = css`
  /* The page's rules on the tag (all: initial too) never move a prompt out of its corner. */
  :host([mode='prompt']) {
    position: fixed !important;
    inset-block-end: var(--heard-prompt-offset, 1em) !important;
    inset-inline-end: var(--heard-prompt-offset, 1em) !important;
    z-index: var(--heard-prompt-z-index, 2147483000) !important;
    inline-size: min(28em, calc(100vw - 2em)) !important;
  }
  /* Moved out of the way of what has focus on the page. */
  :host([mode='prompt'][data-edge='top']) {
    inset-block: var(--heard-prompt-offset, 1em) auto !important;
  }
  [part~='base'] {
    position: relative;
    /* The scale asks how wide the card is, not the viewport: a prompt, a popover, a column. */
    container-type: inline-size;
  }
  /* A short viewport scrolls the card, whose top never leaves the screen. */
  :host([mode='prompt']) [part~='base'] {
    max-block-size: calc(100vh - 2 * var(--heard-prompt-offset, 1em));
    overflow: auto;
    box-shadow: 0 0.5em 2em rgb(0 0 0 / 0.2);
  }
  [part~='question'] {
    margin-block: 0 var(--_gap);
    padding-inline-end: 2.5em;
    font-weight: 600;
  }
  [part~='close'] {
    position: absolute;
    inset-block-start: 0.25em;
    inset-inline-end: 0.25em;
    border: none;
    background: transparent;
    color: var(--_muted);
    font-size: 1.25em;
    line-height: 1;
    min-block-size: 2.2em;
    min-inline-size: 2.2em;
    padding: 0;
  }
  [part~='scale'] {
    display: grid;
    grid-template-columns: repeat(11, minmax(1.5em, 1fr));
    gap: 0.25em;
  }
  /* Too narrow for eleven cells of 24 px (320 px phones, corner prompts): 0–5 over 6–10. */
  @container (max-width: 20em) {
    [part~='scale'] {
      grid-template-columns: repeat(6, 1fr);
    }
  }
  [part~='score'] {
    min-inline-size: 1.5em;
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
  @media (forced-colors: active) {
    [part~='score'][aria-pressed='true'] {
      forced-color-adjust: none;
      border-color: Highlight;
      background: Highlight;
      color: HighlightText;
    }
  }
  .ends {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    margin-block: 0.4em var(--_gap);
    font-size: 0.85em;
    color: var(--_muted);
  }
  label {
    display: block;
    margin-block-end: 0.4em;
    font-weight: 600;
  }
  textarea {
    display: block;
    inline-size: 100%;
    min-block-size: 5em;
    margin-block-end: var(--_gap);
    padding: 0.5em 0.75em;
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    resize: vertical;
  }
`;
