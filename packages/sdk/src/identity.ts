/**
 * Who is speaking, without cookies or fingerprinting: a random anonymous id kept in Heard's
 * own storage, and the host page's user id when it calls `identify`. Under Global Privacy
 * Control or Do Not Track, traits and page paths are not sent (see docs/privacy.md).
 */
import type { Subject } from '@heard/protocol';
import { ANONYMOUS_ID } from '@heard/protocol/limits';
import { uuid } from './ids.js';
import type { Store } from './store.js';

const ANON = 'anon';

type Traits = NonNullable<Subject['traits']>;

/** Whether the browser asks sites not to share or track: GPC, or the older DNT header. */
export const privacySignal = (nav: Navigator | undefined = globalThis.navigator): boolean => {
  if (!nav) return false;
  const gpc = (nav as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  return gpc || nav.doNotTrack === '1';
};

export class Identity {
  private readonly store: Store;
  private readonly honourSignal: boolean;
  private anonymous: string | undefined;
  private userId: string | undefined;
  private traits: Traits | undefined;

  constructor(store: Store, honourSignal: boolean) {
    this.store = store;
    this.honourSignal = honourSignal;
  }

  /** The browser's anonymous id, made on first use. */
  get anonymousId(): string {
    if (this.anonymous) return this.anonymous;
    const known = this.store.get(ANON);
    this.anonymous = known !== null && ANONYMOUS_ID.test(known) ? known : uuid();
    if (this.anonymous !== known) this.store.set(ANON, this.anonymous);
    return this.anonymous;
  }

  /** True when GPC or DNT is on and honoured: less leaves the browser. */
  get restricted(): boolean {
    return this.honourSignal && privacySignal();
  }

  identify(userId: string, traits?: Traits): void {
    this.userId = userId;
    this.traits = traits;
  }

  /** Signs out: forgets the user and starts a new anonymous id. */
  reset(): void {
    this.userId = undefined;
    this.traits = undefined;
    this.anonymous = undefined;
    this.store.remove(ANON);
  }

  subject(): Subject {
    const subject: Subject = { anonymousId: this.anonymousId };
    if (this.userId !== undefined) subject.userId = this.userId;
    if (this.traits && !this.restricted) subject.traits = this.traits;
    return subject;
  }

  /** Query parameters that let an endpoint answer "your vote" on reads. */
  params(): URLSearchParams {
    const params = new URLSearchParams({ subject: this.anonymousId });
    if (this.userId !== undefined) params.set('user', this.userId);
    return params;
  }
}
