import { css } from 'lit';

export const ideaBoxStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    align-items: end;
    margin-block-end: var(--_gap);
  }
  .toolbar label,
  .form label {
    display: grid;
    gap: 0.25em;
    font-size: 0.9em;
    font-weight: 600;
  }
  [part~='list'] {
    list-style: none;
    margin: 0 0 var(--_gap);
    padding: 0;
    display: grid;
    gap: 0.5em;
  }
  [part~='idea'] {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.75em;
    align-items: start;
    padding: 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* User text stays text: isolated from the page's direction, long words wrap. */
  .title,
  .description {
    unicode-bidi: isolate;
    overflow-wrap: anywhere;
    margin: 0;
  }
  .title {
    font-weight: 600;
  }
  .description {
    color: var(--_muted);
    font-size: 0.9em;
    white-space: pre-line;
  }
  [part~='vote'] {
    display: grid;
    justify-items: center;
    min-inline-size: 3.25em;
    padding: 0.3em;
    border: 1px solid var(--_border);
    background: transparent;
    color: var(--_fg);
    line-height: 1.2;
  }
  [part~='vote'][aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  /* Forced colours drop backgrounds: a vote given is told by the system's highlight. */
  @media (forced-colors: active) {
    [part~='vote'][aria-pressed='true'] {
      forced-color-adjust: none;
      border-color: Highlight;
      background: Highlight;
      color: HighlightText;
    }
  }
  [part~='status'] {
    display: inline-block;
    margin-inline-start: 0.4em;
    padding-inline: 0.4em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: normal;
  }
  .notice {
    margin-block: 0 var(--_gap);
    padding: 0.5em 0.75em;
    border-inline-start: 4px solid var(--_accent);
    background: var(--_track);
    border-radius: calc(var(--_radius) / 2);
  }
  .form {
    display: grid;
    gap: 0.6em;
    margin-block-start: var(--_gap);
  }
  .similar {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  :host([compact]) [part~='base'] {
    padding: 0.6em;
  }
  :host([compact]) .description {
    display: none;
  }
`;
