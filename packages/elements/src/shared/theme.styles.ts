/**
 * The theming API every element shares: `--heard-*` custom properties (documented on each
 * element), light and dark palettes, `theme="auto|light|dark"`, the host page's font family,
 * and reduced motion.
 *
 * What a widget takes from its host page: the font family, the direction, the `--heard-*`
 * properties and the box it is laid out in (margins, width, grid or flex placement). Nothing
 * else: declarations on `:host` marked `!important` outrank any normal rule of the page on the
 * tag, `all: initial` included, so the page's font size, colour, line height, letter spacing or
 * text transform never reach in. Sizes are in `em` off the `:host`'s `medium` (the reader's
 * own default size), never `rem`, which follows the page's root.
 */
import { css } from 'lit';

/**
 * Each colour for a light and a dark scheme (`light-dark()`): the host's `color-scheme`
 * chooses, which is the page's (inherited), the system's where the page says `light dark`,
 * or the one that `theme` forces or that the page's background calls for (scheme.ts).
 */
export const themeStyles = css`
  :host {
    --_accent: var(--heard-accent, light-dark(#0b57d0, #a8c7fa));
    --_on-accent: var(--heard-on-accent, light-dark(#fff, #062e6f));
    --_bg: var(--heard-background, light-dark(#fff, #1f1f23));
    --_fg: var(--heard-foreground, light-dark(#1d1d1f, #f1f1f4));
    --_muted: var(--heard-muted, light-dark(#5b5b66, #c4c4cc));
    --_border: var(--heard-border, light-dark(#8a8a96, #8e8e99));
    --_track: var(--heard-track, light-dark(#e6e6ec, #3a3a42));
    --_error: var(--heard-error, light-dark(#b3261e, #f2b8b5));
    --_radius: var(--heard-radius, 0.5em);
    --_gap: var(--heard-gap, 0.75em);
    --_focus: var(--heard-focus-ring, light-dark(#0b57d0, #a8c7fa));
    display: block !important;
    color-scheme: inherit !important;
    color: var(--_fg) !important;
    font: medium/1.45 sans-serif !important;
    font-family: inherit !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    white-space: normal !important;
    /* A long unbroken word (a URL, an id, a question in another script) breaks rather than widens the page. */
    overflow-wrap: anywhere !important;
  }
  :host([hidden]) {
    display: none !important;
  }
  :host(:state(light)) {
    color-scheme: light !important;
  }
  :host(:state(dark)) {
    color-scheme: dark !important;
  }
  /* After the page's background: the attribute is the author's word. */
  :host([theme='light']) {
    color-scheme: light !important;
  }
  :host([theme='dark']) {
    color-scheme: dark !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    min-block-size: 2.75em;
    min-inline-size: 2.75em;
    padding-block: 0.5em;
    padding-inline: 1em;
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
