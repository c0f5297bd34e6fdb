/** The NPS prompt's events, fired on what the person does or sees. */

/** The prompt appeared (inline: when first rendered; prompt: when its rules let it show). */
export class HeardShownEvent extends Event {
  static readonly type = 'heard-shown';
  constructor() {
    super(HeardShownEvent.type, { bubbles: true, composed: true });
  }
}

/** The person closed the prompt without answering. */
export class HeardDismissEvent extends Event {
  static readonly type = 'heard-dismiss';
  constructor() {
    super(HeardDismissEvent.type, { bubbles: true, composed: true });
  }
}

/** The person answered: a score, and a comment if they wrote one. */
export class HeardAnswerEvent extends Event {
  static readonly type = 'heard-answer';
  readonly score: number;
  readonly comment: string | undefined;
  constructor(score: number, comment?: string) {
    super(HeardAnswerEvent.type, { bubbles: true, composed: true });
    this.score = score;
    this.comment = comment;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'heard-shown': HeardShownEvent;
    'heard-dismiss': HeardDismissEvent;
    'heard-answer': HeardAnswerEvent;
  }
}
