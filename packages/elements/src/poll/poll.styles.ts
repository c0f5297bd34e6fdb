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
    gap: 0.5rem;
    margin-block-end: var(--_gap);
  }
  .options.images {
    grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr));
  }
  [part~='option'] {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    min-block-size: 2.75rem;
    padding-block: 0.4rem;
    padding-inline: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.6rem;
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
    inline-size: 1.25rem;
    block-size: 1.25rem;
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
    gap: 0.6rem;
  }
  [part~='result'] {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem 0.75rem;
  }
  [part~='result'].mine .label {
    font-weight: 600;
  }
  .track {
    display: block;
    grid-column: 1 / -1;
    block-size: 0.5rem;
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
  .mine-badge {
    margin-inline-start: 0.4rem;
    font-size: 0.85em;
    color: var(--_muted);
  }
`;
