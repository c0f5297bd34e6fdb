/** The idea box's events, fired on what the person does. */

/** The person voted for an idea, or took their vote back. */
export class HeardIdeaVoteEvent extends Event {
  static readonly type = 'heard-idea-vote';
  readonly idea: string;
  readonly voted: boolean;
  constructor(idea: string, voted: boolean) {
    super(HeardIdeaVoteEvent.type, { bubbles: true, composed: true });
    this.idea = idea;
    this.voted = voted;
  }
}

/** The person posted a new idea. */
export class HeardSubmitEvent extends Event {
  static readonly type = 'heard-submit';
  readonly title: string;
  constructor(title: string) {
    super(HeardSubmitEvent.type, { bubbles: true, composed: true });
    this.title = title;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'heard-idea-vote': HeardIdeaVoteEvent;
    'heard-submit': HeardSubmitEvent;
  }
}
