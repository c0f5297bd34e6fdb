/**
 * An optional proof of work for new ideas and sign-ups: the browser spends about a second of
 * CPU while the person types, so nobody solves a puzzle and a spammer pays for every post.
 * Challenges are stateless (an expiry, a salt and an HMAC over both, under the collector's
 * secret), so any instance that shares the secret verifies any other's; that each proof is
 * used once is held by the database (a primary key), not by memory.
 *
 *   challenge = <expires ms>.<salt>.<hmac>      proof = <challenge>.<nonce>
 *   valid when SHA-256(proof) starts with `difficulty` zero bits
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Challenge } from '@heard/protocol';

export interface ProofOfWork {
  /** Leading zero bits a proof's SHA-256 must have: 16 costs a browser about a second. */
  difficulty: number;
  /** HMAC key of the challenges; instances behind one load balancer share it. */
  secret: string;
  /** How long a challenge stays good. */
  ttlMs?: number;
}

const DEFAULT_TTL_MS = 30 * 60_000;

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

export const issueChallenge = (pow: ProofOfWork, now: Date): Challenge => {
  const expires = now.getTime() + (pow.ttlMs ?? DEFAULT_TTL_MS);
  const payload = `${expires}.${randomBytes(16).toString('base64url')}`;
  return {
    challenge: `${payload}.${mac(pow.secret, payload)}`,
    difficulty: pow.difficulty,
    expiresAt: new Date(expires).toISOString(),
  };
};

/** Leading zero bits of a digest. */
export const zeroBits = (digest: Uint8Array): number => {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
};

/** Why a proof does not hold, or null when it does. */
export const checkProof = (proof: string, pow: ProofOfWork, now: Date): string | null => {
  const parts = proof.split('.');
  if (parts.length !== 4) return 'The proof of work is malformed';
  const [expires, salt, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(mac(pow.secret, `${expires}.${salt}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'The proof of work answers a challenge this collector did not issue';
  }
  if (Number(expires) < now.getTime()) return 'The proof-of-work challenge has expired';
  if (zeroBits(createHash('sha256').update(proof).digest()) < pow.difficulty) {
    return 'The proof of work does not solve its challenge';
  }
  return null;
};

/** Finds a nonce that solves a challenge (what a browser does with Web Crypto). */
export const solveChallenge = ({ challenge, difficulty }: Pick<Challenge, 'challenge' | 'difficulty'>): string => {
  for (let nonce = 0; ; nonce++) {
    const proof = `${challenge}.${nonce}`;
    if (zeroBits(createHash('sha256').update(proof).digest()) >= difficulty) return proof;
  }
};
