/** The poll's events. */

export interface PollVote {
  options: string[];
  other?: string;
}

/** The person voted (or changed their vote). Fired on user action only. */
export class HeardVoteEvent extends Event {
  static readonly type = 'heard-vote';
  readonly vote: PollVote;
  constructor(vote: PollVote) {
    super(HeardVoteEvent.type, { bubbles: true, composed: true });
    this.vote = vote;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'heard-vote': HeardVoteEvent;
  }
}
