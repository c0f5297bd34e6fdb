/**
 * One sender at a time. Web Locks make the tabs of an origin take turns, so an event stored
 * by several tabs is sent by one. Where Web Locks are missing or refused (old browsers,
 * opaque origins), a promise chain orders the work of this tab alone.
 */

const chains = new Map<string, Promise<unknown>>();

const inTab = <T>(name: string, task: () => Promise<T>): Promise<T> => {
  const run = (chains.get(name) ?? Promise.resolve()).then(task, task);
  chains.set(
    name,
    run.catch(() => undefined),
  );
  return run;
};

export const withLock = async <T>(name: string, acrossTabs: boolean, task: () => Promise<T>): Promise<T> => {
  const locks = acrossTabs ? globalThis.navigator?.locks : undefined;
  if (!locks) return inTab(name, task);
  let started = false;
  try {
    return await locks.request(name, () => {
      started = true;
      return task();
    });
  } catch (error) {
    // The task's own failure propagates; a refused lock (SecurityError) falls back.
    if (started) throw error;
    return inTab(name, task);
  }
};
