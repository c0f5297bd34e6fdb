/** The beta sign-up's events. */

/** The person signed up (fired once the sign-up is stored for sending). */
export class HeardSignupEvent extends Event {
  static readonly type = 'heard-signup';
  /** Their referral code. */
  readonly code: string;
  constructor(code: string) {
    super(HeardSignupEvent.type, { bubbles: true, composed: true });
    this.code = code;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'heard-signup': HeardSignupEvent;
  }
}
