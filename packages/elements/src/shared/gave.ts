/**
 * A widget's memory of this person, as JSON in the client's (`recall`/`keep`, under its consent
 * rules): above all what this browser gave (`gave:*`), since reads name nobody — how a poll
 * knows a person's vote and an idea box the ideas they voted for. Only the widgets that need
 * it load it.
 */
import type { HeardClient } from '@heard/sdk';

/** What is kept under `key`, or undefined. */
export const given = <T>(client: HeardClient, key: string): T | undefined => {
  try {
    return (JSON.parse(client.recall(key) ?? 'null') as T | null) ?? undefined;
  } catch {
    return undefined;
  }
};

/** Keeps `value` under `key`; undefined forgets it. */
export const give = (client: HeardClient, key: string, value: unknown): void => {
  if (value === undefined) client.forget(key);
  else client.keep(key, JSON.stringify(value));
};
