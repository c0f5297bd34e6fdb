/** The dashboard page's own layout: header, widget navigation, main area, sign-in card. */
import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block;
    min-height: 100vh;
  }
  .skip {
    position: absolute;
    left: -100vw;
  }
  .skip:focus {
    left: 1rem;
    top: 1rem;
    z-index: 1;
    background: var(--hd-surface);
    padding: 0.5rem;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    padding: 0.75rem 1.25rem;
    border-bottom: 1px solid var(--hd-border);
    background: var(--hd-surface);
  }
  h1 {
    font-size: 1.25rem;
    margin: 0;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(12rem, 16rem) minmax(0, 1fr);
    gap: 1.25rem;
    padding: 1.25rem;
  }
  @media (max-width: 48rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  nav ul {
    list-style: none;
    padding: 0;
    margin: 0 0 1rem;
  }
  nav h2 {
    font-size: 0.875rem;
    color: var(--hd-muted);
    margin-block: 0 0.25rem;
  }
  nav a {
    display: block;
    padding: 0.375rem 0.5rem;
    border-radius: 0.375rem;
    color: var(--hd-fg);
    text-decoration: none;
    overflow-wrap: anywhere;
  }
  nav a small {
    display: block;
    color: var(--hd-muted);
  }
  nav a[aria-current='page'] {
    background: var(--hd-accent);
    color: var(--hd-on-accent);
  }
  nav a[aria-current='page'] small {
    color: inherit;
  }
  /* Forced colours drop the accent background: the current view keeps the system's highlight. */
  @media (forced-colors: active) {
    nav a[aria-current='page'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      outline: 2px solid CanvasText;
    }
  }
  main {
    display: grid;
    gap: 1rem;
    align-content: start;
    min-width: 0;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: end;
    justify-content: space-between;
  }
  a.button {
    display: inline-block;
    padding: 0.25rem 0.625rem;
    border: 1px solid var(--hd-field-border);
    border-radius: 0.375rem;
    color: var(--hd-fg);
    text-decoration: none;
  }
  .sign-in {
    max-width: 26rem;
    /* Centred, and clear of a phone's edges. */
    margin: 10vh max(1rem, (100% - 26rem) / 2);
    padding: 1.5rem;
  }
  code {
    white-space: nowrap;
  }
  .sign-in form {
    display: grid;
    gap: 0.75rem;
  }
`;
