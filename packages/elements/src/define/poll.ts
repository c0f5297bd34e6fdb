/** Registers `<heard-poll>`. Importing the class alone defines nothing. */
import { HeardPoll } from '../poll/poll.js';

export { HeardPoll };
export { HeardVoteEvent } from '../poll/poll.events.js';
export type { PollVote } from '../poll/poll.events.js';

if (!customElements.get('heard-poll')) customElements.define('heard-poll', HeardPoll);

declare global {
  interface HTMLElementTagNameMap {
    'heard-poll': HeardPoll;
  }
}
