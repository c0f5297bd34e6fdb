/**
 * Who is speaking, without cookies or fingerprinting: a random anonymous id kept in Heard's
 * own storage, and the host page's user id when it calls `identify`, with the site's
 * signature of it (a collector trusts a user id only signed). Under Global Privacy Control or
 * Do Not Track, traits and page paths are not sent (see docs/privacy.md).
 */
import type { Subject } from '@heard/protocol';
import { ANONYMOUS_ID } from '@heard/protocol/client-limits';
import { uuid } from './ids.js';
import type { Store } from './store.js';

const ANON = 'anon';

type Traits = NonNullable<Subject['traits']>;

/** What `identify` takes beside the user id. */
export interface IdentifyOptions {
  /** The site's HMAC-SHA256 of the user id, made by its backend (see docs/privacy.md). */
  signature?: string | undefined;
  traits?: Traits | undefined;
}

/** A signed-in person: their user id, with what `identify` takes beside it. */
export type User = IdentifyOptions & { id: string };

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
  private user: User | undefined;

  constructor(store: Store, honourSignal: boolean, user?: User) {
    this.store = store;
    this.honourSignal = honourSignal;
    this.user = user;
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

  identify(id: string, options: IdentifyOptions = {}): void {
    this.user = { ...options, id };
  }

  /** Signs out: forgets the user and starts a new anonymous id. */
  reset(): void {
    this.user = undefined;
    this.anonymous = undefined;
    this.store.remove(ANON);
  }

  subject(): Subject {
    const { user } = this;
    const subject: Subject = { anonymousId: this.anonymousId };
    if (user) {
      subject.userId = user.id;
      if (user.signature) subject.userSignature = user.signature;
      if (user.traits && !this.restricted) subject.traits = user.traits;
    }
    return subject;
  }

  /**
   * Query parameters of reads. They never carry the anonymous id: a read made as a page loads
   * must not identify anyone who has not spoken (widgets know what this browser gave from
   * their own memory). A signed-in person is named, with the site's signature, so that their
   * answers from other devices show.
   */
  params(): URLSearchParams {
    const user = this.user;
    return new URLSearchParams(user?.signature ? { user: user.id, userSignature: user.signature } : {});
  }
}
