/**
 * Loading code that may not arrive: offline, a dynamic import fails. It is tried again when
 * the browser is back online, or a minute later if the browser says nothing.
 */

/** How long to wait before loading again, if the browser says nothing. */
const RELOAD_MS = 60_000;

const backOnline = (ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      globalThis.removeEventListener?.('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    globalThis.addEventListener?.('online', done);
  });

/** Runs `load` until it succeeds, or until `stopped()` says to give up. */
export const loadUntilDone = async <T>(load: () => Promise<T>, stopped: () => boolean): Promise<T> => {
  for (;;) {
    try {
      return await load();
    } catch (error) {
      if (stopped()) throw error;
      await backOnline(RELOAD_MS);
    }
  }
};
