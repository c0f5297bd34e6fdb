import type { HeardClient } from '@heard/sdk';

/** How long a post waits for its proof before it goes without one. */
const WAIT_MS = 4_000;

/**
 * The proof of work for a form's next post, for collectors that ask for one. It starts when a
 * person begins to fill the form (so it is solved while they type) and is spent by one post.
 * Against a collector that asks for none, it costs one small read per post. A post never
 * waits long for it: offline, or on a hung network, it goes without after a few seconds and
 * into the durable queue like any other.
 */
export class PendingProof {
  private work: Promise<string | undefined> | undefined;

  /** Starts solving, once per post. */
  start(client: HeardClient): void {
    this.work ??= client.proofOfWork();
  }

  /** The proof to put in `form.proof` (waits for the solving to finish), and a fresh start for the next post. */
  async take(client: HeardClient): Promise<{ proof?: string }> {
    this.start(client);
    const proof = await Promise.race([this.work, new Promise<undefined>((resolve) => setTimeout(resolve, WAIT_MS))]);
    this.work = undefined;
    return proof ? { proof } : {};
  }
}
