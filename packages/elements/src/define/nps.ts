/** Registers `<heard-nps>`. Importing the class alone defines nothing. */
import { HeardNps } from '../nps/nps.js';

export { HeardNps };
export { HeardShownEvent, HeardDismissEvent, HeardAnswerEvent } from '../nps/nps.events.js';

if (!customElements.get('heard-nps')) customElements.define('heard-nps', HeardNps);

declare global {
  interface HTMLElementTagNameMap {
    'heard-nps': HeardNps;
  }
}
