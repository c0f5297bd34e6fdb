/** What every widget's box, fields, buttons row, error state and honeypot look like. */
import { css } from 'lit';

export const widgetStyles = css`
  [part~='base'] {
    margin: 0;
    min-inline-size: 0;
    padding: var(--heard-padding, 1em);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  input[type='text'],
  input[type='email'],
  input[type='url'],
  select,
  textarea {
    font: inherit;
    min-block-size: 2.75em;
    padding-inline: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
  }
  input[type='text'],
  input[type='email'],
  input[type='url'],
  textarea {
    inline-size: 100%;
  }
  textarea {
    min-block-size: 4.5em;
    padding-block: 0.5em;
    resize: vertical;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  .problem {
    border-color: var(--_error);
    color: var(--_error);
  }
  .problem p {
    margin-block-end: 0;
  }
  /* A honeypot: out of sight and out of the accessibility tree; only bots fill it. */
  .trap {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;
