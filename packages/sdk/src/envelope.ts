/**
 * Envelopes: one event as the protocol carries it, built from what a widget sends and what
 * the page says about itself (its language, its path). Checked later, by the delivery queue.
 */
import type { Envelope, EventData, EventType } from '@heard/protocol';
import { LOCALE, PAGE_PATH } from '@heard/protocol/client-limits';
import type { Identity } from './identity.js';
import { uuid } from './ids.js';
import { SDK } from './version.js';

/** The first of the candidates that is a language tag the protocol takes, else `en`. */
const pickLocale = (...candidates: (string | undefined | null)[]) =>
  candidates.find((locale): locale is string => !!locale && locale.length <= 35 && LOCALE.test(locale)) ?? 'en';

const currentPage = (): string | undefined => {
  const path = globalThis.location?.pathname;
  return path && PAGE_PATH.test(path) ? path : undefined;
};

/**
 * One event from `widget`, about the person `identity` knows, in the first of `locales` the protocol takes (else
 * the page's language, the browser's, or `en`). Under GPC or DNT (`identity.restricted`) the page path
 * stays out.
 */
export const envelopeOf = <T extends EventType>(
  type: T,
  widget: string,
  data: EventData<T>,
  identity: Pick<Identity, 'subject' | 'restricted'>,
  ...locales: (string | undefined)[]
): Envelope => {
  const page = identity.restricted ? undefined : currentPage();
  return {
    v: 1,
    id: uuid(),
    type,
    widget,
    at: new Date().toISOString(),
    subject: identity.subject(),
    context: {
      locale: pickLocale(...locales, globalThis.document?.documentElement.lang, globalThis.navigator?.language),
      ...(page ? { page } : {}),
      sdk: SDK,
    },
    data,
  } as Envelope;
};
