/**
 * The theming API every element shares: `--heard-*` custom properties (documented on each
 * element), light and dark palettes, `theme="auto|light|dark"`, the host page's font, and
 * reduced motion.
 */
import { css } from 'lit';

/** The dark palette, for `theme="dark"` and for `auto` when the system is dark. */
const dark = css`
  --_accent: var(--heard-accent, #a8c7fa);
  --_on-accent: var(--heard-on-accent, #062e6f);
  --_bg: var(--heard-background, #1f1f23);
  --_fg: var(--heard-foreground, #f1f1f4);
  --_muted: var(--heard-muted, #c4c4cc);
  --_border: var(--heard-border, #8e8e99);
  --_track: var(--heard-track, #3a3a42);
  --_error: var(--heard-error, #f2b8b5);
  --_focus: var(--heard-focus-ring, #a8c7fa);
`;

export const themeStyles = css`
  :host {
    --_accent: var(--heard-accent, #0b57d0);
    --_on-accent: var(--heard-on-accent, #ffffff);
    --_bg: var(--heard-background, #ffffff);
    --_fg: var(--heard-foreground, #1d1d1f);
    --_muted: var(--heard-muted, #5b5b66);
    --_border: var(--heard-border, #8a8a96);
    --_track: var(--heard-track, #e6e6ec);
    --_error: var(--heard-error, #b3261e);
    --_radius: var(--heard-radius, 0.5rem);
    --_gap: var(--heard-gap, 0.75rem);
    --_focus: var(--heard-focus-ring, #0b57d0);
    display: block;
    box-sizing: border-box;
    color: var(--_fg);
    font: inherit;
    line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .primary {
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .primary:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .secondary {
    border: 1px solid var(--_border);
    background: transparent;
    color: var(--_fg);
  }
  .error {
    color: var(--_error);
  }
  .muted {
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    border: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
    }
  }
`;
