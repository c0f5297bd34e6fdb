/**
 * The outbox: where events wait in storage until the endpoint has them. This part is small
 * and loads with the client, so an event is stored the moment it is sent; the code that
 * delivers it (`queue.ts`) loads only when there is something to deliver.
 */
import type { Envelope } from '@heard/protocol';
import type { Store } from './store.js';

/** One stored event and its delivery state. */
export interface Item {
  /** The envelope, exactly as first stored: the same id on every attempt. */
  e: Envelope;
  /** Attempts so far. */
  n: number;
  /** Not before this time (ms since epoch). */
  t: number;
  /** When it was stored. */
  c: number;
  /** Its place among events stored in the same millisecond by this page. */
  o: number;
  /** Send alone: its batch was refused, so each is tried by itself to find the bad one. */
  s?: 1;
  /** The wait was asked for by the server (`Retry-After`), and holds across page loads. */
  r?: 1;
  /** Checked against the protocol by a queue: only checked events may leave in a beacon. */
  k?: 1;
}

/** A short, stable name for an endpoint, so each endpoint has its own queue and lock. */
const hash = (text: string) => {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 33) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
};

/** Storage key prefix of an endpoint's queue. */
export const outboxPrefix = (endpoint: string): string => `q:${hash(endpoint)}:`;

export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

let order = 0;

/** Writes a new event to the outbox and returns its item. */
export const store = (outbox: Store, prefix: string, envelope: Envelope): Item => {
  const item: Item = { e: envelope, n: 0, t: 0, c: Date.now(), o: order++ };
  outbox.set(prefix + envelope.id, JSON.stringify(item));
  return item;
};

/** The stored events by id; entries that are not events are removed. */
export const storedItems = (outbox: Store, prefix: string): Map<string, Item> => {
  const items = new Map<string, Item>();
  for (const key of outbox.keys(prefix)) {
    const item = parseJson(outbox.get(key) ?? '') as Item | undefined;
    if (isRecord(item) && isRecord(item.e) && typeof item.e.id === 'string') items.set(item.e.id, item);
    else outbox.remove(key);
  }
  return items;
};

/** Oldest first. */
export const inOrder = (items: Iterable<Item>): Item[] => [...items].sort((a, b) => a.c - b.c || a.o - b.o);
