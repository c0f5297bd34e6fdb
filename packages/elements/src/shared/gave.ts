/**
 * What this browser gave a widget, from its own memory of what it sent: reads name nobody, so
 * this is how a poll knows a person's vote and an idea box the ideas they voted for. Kept in
 * the client's memory (`recall`/`keep`, under its consent rules). Only the widgets that need
 * it load it.
 */
import type { HeardClient } from '@heard/sdk';

/** What was given under `key`, or undefined. */
export const given = <T>(client: HeardClient, key: string): T | undefined => {
  try {
    return (JSON.parse(client.recall(`gave:${key}`)!) as T | null) ?? undefined;
  } catch {
    return undefined;
  }
};

/** Remembers what was given under `key`; undefined forgets it. */
export const give = (client: HeardClient, key: string, value: unknown): void => {
  if (value === undefined) client.forget(`gave:${key}`);
  else client.keep(`gave:${key}`, JSON.stringify(value));
};
