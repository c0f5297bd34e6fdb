/** Registers `<heard-idea-box>`. Importing the class alone defines nothing. */
import { HeardIdeaBox } from '../idea-box/idea-box.js';

export { HeardIdeaBox };
export { HeardIdeaVoteEvent, HeardSubmitEvent } from '../idea-box/idea-box.events.js';

if (!customElements.get('heard-idea-box')) customElements.define('heard-idea-box', HeardIdeaBox);

declare global {
  interface HTMLElementTagNameMap {
    'heard-idea-box': HeardIdeaBox;
  }
}
