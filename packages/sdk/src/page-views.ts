/**
 * Page views: how many pages this person has viewed on sites using one endpoint, the only
 * figure frequency rules (an NPS prompt's `after-views`) use. A document counts once, however
 * many clients start on it.
 */
import type { Store } from './store.js';

/** Counts this document as one page view and answers the count, this page included. */
export const countPageView = (store: Store): number => {
  const origin = String(Math.round(globalThis.performance?.timeOrigin ?? 0));
  let seen: unknown;
  try {
    seen = JSON.parse(store.get('views') ?? '0');
  } catch {
    // Not what Heard wrote: counting starts again.
  }
  const [count = 0, last] = Array.isArray(seen) ? (seen as [number?, string?]) : [];
  if (last === origin) return count;
  store.set('views', JSON.stringify([count + 1, origin]));
  return count + 1;
};
