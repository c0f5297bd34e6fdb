import { css } from 'lit';

export const launcherStyles = css`
  :host {
    display: contents;
  }
  [part~='trigger'] {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    border-radius: 999px;
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.2);
  }
  :host([floating]) [part~='trigger'] {
    position: fixed;
    inset-block-end: var(--heard-launcher-offset, 1.25rem);
    inset-inline-end: var(--heard-launcher-offset, 1.25rem);
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
    inline-size: min(26rem, calc(100vw - 1rem));
    max-block-size: calc(100vh - 1rem);
    overflow: auto;
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.25);
    border-radius: var(--_radius);
  }
  .problem {
    display: block;
    padding: var(--heard-padding, 1rem);
    border: 1px solid var(--_error);
    border-radius: var(--_radius);
    color: var(--_error);
  }
`;
