import { css } from 'lit';

export const betaSignupStyles = css`
  .field {
    display: grid;
    gap: 0.3em;
    margin-block-end: var(--_gap);
  }
  label {
    font-weight: 600;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .consent {
    display: flex;
    align-items: flex-start;
    gap: 0.6em;
    margin-block-end: var(--_gap);
    font-weight: normal;
  }
  .consent input {
    font: inherit;
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0.1em 0 0;
    flex: none;
    accent-color: var(--_accent);
  }
  .message {
    margin: 0;
    font-size: 0.9em;
  }
`;
