/**
 * Events a client dispatches, so widgets can show delivery state and the host page can
 * connect its own analytics. They carry what the user sent, never more.
 */
import type { Envelope } from '@heard/protocol';
import type { HeardDeliveryError } from './errors.js';

export type DeliveryOutcome = 'accepted' | 'duplicate';

/** An event was stored and waits for delivery. */
export class HeardQueuedEvent extends Event {
  static readonly type = 'heard-queued';
  readonly envelope: Envelope;
  constructor(envelope: Envelope) {
    super(HeardQueuedEvent.type);
    this.envelope = envelope;
  }
}

/** The endpoint has the event (`duplicate`: it already had it). */
export class HeardDeliveredEvent extends Event {
  static readonly type = 'heard-delivered';
  readonly eventId: string;
  readonly outcome: DeliveryOutcome;
  constructor(eventId: string, outcome: DeliveryOutcome) {
    super(HeardDeliveredEvent.type);
    this.eventId = eventId;
    this.outcome = outcome;
  }
}

/** The endpoint refused an event for good, or it expired undelivered. */
export class HeardDeliveryErrorEvent extends Event {
  static readonly type = 'heard-delivery-error';
  readonly error: HeardDeliveryError;
  constructor(error: HeardDeliveryError) {
    super(HeardDeliveryErrorEvent.type);
    this.error = error;
  }
}

export interface HeardClientEventMap {
  'heard-queued': HeardQueuedEvent;
  'heard-delivered': HeardDeliveredEvent;
  'heard-delivery-error': HeardDeliveryErrorEvent;
}
