import { css } from 'lit';

export const launcherStyles = css`
  :host {
    display: contents !important;
  }
  [part~='trigger'] {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    border-radius: 999px;
    box-shadow: 0 0.25em 1em rgb(0 0 0 / 0.2);
  }
  /* In the top layer (a manual popover): above any z-index of the page. */
  :host([floating]) [part~='trigger'] {
    position: fixed;
    inset: auto;
    inset-block-end: var(--heard-launcher-offset, 1.25em);
    inset-inline-end: var(--heard-launcher-offset, 1.25em);
    margin: 0;
    overflow: visible;
    z-index: var(--heard-prompt-z-index, 2147483000);
  }
  [part~='panel'] {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 0;
    border: none;
    background: transparent;
    color: inherit;
    inline-size: min(26em, calc(100vw - 1em));
    max-block-size: calc(100vh - 16px);
    overflow: auto;
    box-shadow: 0 0.5em 2em rgb(0 0 0 / 0.25);
    border-radius: var(--_radius);
  }
  .problem {
    display: block;
    padding: var(--heard-padding, 1em);
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
    color: var(--_error);
  }
`;
