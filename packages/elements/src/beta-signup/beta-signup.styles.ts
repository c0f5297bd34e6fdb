import { css } from 'lit';

export const betaSignupStyles = css`
  [part~='base'] {
    padding: var(--heard-padding, 1rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .field {
    display: grid;
    gap: 0.3rem;
    margin-block-end: var(--_gap);
  }
  label {
    font-weight: 600;
  }
  input[type='email'],
  input[type='text'],
  input[type='url'] {
    font: inherit;
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding-inline: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .consent {
    display: flex;
    align-items: flex-start;
    gap: 0.6rem;
    margin-block-end: var(--_gap);
    font-weight: normal;
  }
  .consent input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0.1rem 0 0;
    flex: none;
    accent-color: var(--_accent);
  }
  .message {
    margin: 0;
    font-size: 0.9em;
  }
  /* The honeypot: out of sight and out of the accessibility tree; only bots fill it. */
  .trap {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .problem {
    border-color: var(--_error);
    color: var(--_error);
  }
`;
