import { css } from 'lit';

export const pollStyles = css`
  .plain {
    margin: 0;
    padding: 0;
    border: none;
    min-inline-size: 0;
  }
  legend,
  .question {
    padding: 0;
    font-weight: 600;
    font-size: 1.05em;
    margin-block-end: var(--_gap);
  }
  .options {
    display: grid;
    gap: 0.5em;
    margin-block-end: var(--_gap);
  }
  .options.images {
    grid-template-columns: repeat(auto-fill, minmax(8em, 1fr));
  }
  [part~='option'] {
    display: flex;
    align-items: center;
    gap: 0.6em;
    min-block-size: 2.75em;
    padding-block: 0.4em;
    padding-inline: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.6em;
  }
  [part~='option']:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }
  [part~='option']:has(input:disabled) {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .images [part~='option'] {
    flex-direction: column;
    align-items: stretch;
    text-align: center;
  }
  [part~='image'] {
    inline-size: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
  }
  input[type='radio'],
  input[type='checkbox'] {
    font: inherit;
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0;
    accent-color: var(--_accent);
    flex: none;
  }
  .hint,
  .meta {
    margin-block: 0 var(--_gap);
    font-size: 0.9em;
  }
  [part~='results'] {
    list-style: none;
    margin: 0 0 var(--_gap);
    padding: 0;
    display: grid;
    gap: 0.6em;
  }
  [part~='result'] {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25em 0.75em;
  }
  [part~='result'].mine .label {
    font-weight: 600;
  }
  .track {
    display: block;
    grid-column: 1 / -1;
    block-size: 0.5em;
    border-radius: 999px;
    background: var(--_track);
    overflow: hidden;
  }
  [part~='bar'] {
    display: block;
    block-size: 100%;
    inline-size: 0;
    border-radius: inherit;
    background: var(--_accent);
    transition: inline-size 400ms ease-out;
  }
  /* Forced colours drop backgrounds and shadows: tracks get a border, bars the highlight. */
  @media (forced-colors: active) {
    [part~='option']:has(input:checked) {
      outline: 2px solid Highlight;
    }
    .track {
      border: 1px solid CanvasText;
    }
    [part~='bar'] {
      forced-color-adjust: none;
      background: Highlight;
    }
  }
  .mine-badge {
    margin-inline-start: 0.4em;
    font-size: 0.85em;
    color: var(--_muted);
  }
`;
