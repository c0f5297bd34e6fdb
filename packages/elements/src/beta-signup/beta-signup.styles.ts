import { css } from 'lit';

export const betaSignupStyles = css`
  .field {
    display: grid;
    gap: 0.3rem;
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
`;
