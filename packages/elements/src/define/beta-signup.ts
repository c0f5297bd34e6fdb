/** Registers `<heard-beta-signup>`. Importing the class alone defines nothing. */
import { HeardBetaSignup } from '../beta-signup/beta-signup.js';

export { HeardBetaSignup };
export { HeardSignupEvent } from '../beta-signup/beta-signup.events.js';

if (!customElements.get('heard-beta-signup')) customElements.define('heard-beta-signup', HeardBetaSignup);

declare global {
  interface HTMLElementTagNameMap {
    'heard-beta-signup': HeardBetaSignup;
  }
}
