import { css } from 'lit';

export const ideaBoxStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: end;
    margin-block-end: var(--_gap);
  }
  .toolbar label,
  .form label {
    display: grid;
    gap: 0.25rem;
    font-size: 0.9em;
    font-weight: 600;
  }
  [part~='list'] {
    list-style: none;
    margin: 0 0 var(--_gap);
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  [part~='idea'] {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.75rem;
    align-items: start;
    padding: 0.6rem;
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
    min-inline-size: 3.25rem;
    padding: 0.3rem;
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
  [part~='status'] {
    display: inline-block;
    margin-inline-start: 0.4rem;
    padding-inline: 0.4rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: normal;
  }
  .notice {
    margin-block: 0 var(--_gap);
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--_accent);
    background: var(--_track);
    border-radius: calc(var(--_radius) / 2);
  }
  .form {
    display: grid;
    gap: 0.6rem;
    margin-block-start: var(--_gap);
  }
  .similar {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  :host([compact]) [part~='base'] {
    padding: 0.6rem;
  }
  :host([compact]) .description {
    display: none;
  }
`;
