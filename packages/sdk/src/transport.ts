/**
 * How requests leave the browser. The default transport is `fetch`; a team can replace it
 * (any backend, any client library) or keep it and reshape requests for an endpoint that
 * speaks another format. Beacons carry what is left when the page goes away.
 */
import type { Envelope } from '@heard/protocol';
import { utf8Bytes } from '@heard/protocol/client-limits';
import type { Item } from './outbox.js';

export interface HeardRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Let the request outlive the page (fetch `keepalive`). */
  keepalive?: boolean;
  signal?: AbortSignal;
}

export interface HeardResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type Transport = (request: HeardRequest) => Promise<HeardResponse>;

/**
 * Reshapes a request for an endpoint that does not speak Heard's protocol. `envelopes` is set
 * for event deliveries. Return null for requests the endpoint cannot serve: reads then fail
 * as `unsupported` and widgets degrade (a poll says thanks instead of showing results).
 */
export type MapRequest = (request: HeardRequest, envelopes?: readonly Envelope[]) => HeardRequest | null;

/** Keepalive requests and beacons share a 64 KiB budget per page; stay under it. */
export const KEEPALIVE_BYTES = 60_000;

export const fetchTransport =
  (fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init)): Transport =>
  async (request) =>
    fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      keepalive: request.keepalive ?? false,
      signal: request.signal ?? null,
      credentials: 'omit',
      mode: 'cors',
      referrerPolicy: 'strict-origin',
    });

/**
 * Sends a body with `navigator.sendBeacon` as `text/plain`, a CORS-safelisted type, so no
 * preflight is needed while the page unloads. Returns whether the browser took it.
 */
export const beacon = (url: string, body: string): boolean => {
  try {
    return navigator.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
  } catch {
    return false;
  }
};

/** Where and how events go: the endpoint, and the team's request mapping if any. */
export interface Delivery {
  endpoint: string;
  mapRequest?: MapRequest;
  batchSize: number;
}

/** The request that delivers these events: one envelope alone, several as a batch. */
export const deliveryRequest = (delivery: Delivery, envelopes: readonly Envelope[]): HeardRequest | null => {
  const body = envelopes.length === 1 ? JSON.stringify(envelopes[0]) : JSON.stringify({ events: envelopes });
  const request: HeardRequest = {
    method: 'POST',
    url: `${delivery.endpoint}/v1/events`,
    headers: { 'content-type': 'application/json' },
    body,
    keepalive: utf8Bytes(body) < KEEPALIVE_BYTES,
  };
  return delivery.mapRequest ? delivery.mapRequest(request, envelopes) : request;
};

/**
 * The page is going away: hands the checked events to the browser in beacons of at most a
 * batch and the keepalive budget each; the browser sends them after the page is gone.
 */
export const beaconAll = (delivery: Delivery, items: readonly Item[]): void => {
  let chunk: Envelope[] = [];
  const send = () => {
    const request = deliveryRequest(delivery, chunk);
    if (request?.body) beacon(request.url, request.body);
    chunk = [];
  };
  for (const { e: envelope, k } of items) {
    if (!k) continue;
    const next = [...chunk, envelope];
    if (
      chunk.length &&
      (next.length > delivery.batchSize || utf8Bytes(JSON.stringify({ events: next })) > KEEPALIVE_BYTES)
    )
      send();
    chunk.push(envelope);
  }
  if (chunk.length) send();
};
