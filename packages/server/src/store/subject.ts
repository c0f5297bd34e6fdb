/**
 * Whom a vote belongs to. A user id counts only with the site's signature of it (HMAC-SHA256
 * with a secret the site's backend shares with the collector, `--identity-secret`): then the
 * person is their user id, on any device. Without a valid signature the envelope belongs to
 * its browser's anonymous id, so naming someone's user id neither reads nor changes their
 * answers. The unique keys of the vote tables are built on this key, so a person counts once
 * however many times and tabs they vote from. A vote cast before signing in and one after are
 * two subjects: the collector cannot know they are one person, and does not guess.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Subject } from '@heard/protocol';

/** Whether `signature` is the site's signature of `userId`. */
export type VerifyUser = (userId: string, signature: string | undefined) => boolean;

/** The signature a site's backend makes: HMAC-SHA256 of the user id (UTF-8), lowercase hex. */
export const signUser = (userId: string, secret: string): string =>
  createHmac('sha256', secret).update(userId, 'utf8').digest('hex');

/**
 * Checks signatures against every secret given (the current one and, while a site rotates
 * its secret, the previous one), in constant time. With no secret, no user id is trusted.
 */
export const userVerifier =
  (secrets: readonly string[]): VerifyUser =>
  (userId, signature) => {
    if (signature === undefined || !/^[0-9a-f]{64}$/.test(signature)) return false;
    const given = Buffer.from(signature, 'hex');
    let valid = false;
    for (const secret of secrets) {
      const expected = createHmac('sha256', secret).update(userId, 'utf8').digest();
      valid = timingSafeEqual(expected, given) || valid;
    }
    return valid;
  };

/** The verified user id of an envelope's subject, if it carries one. */
export const verifiedUser = (
  subject: Pick<Subject, 'userId' | 'userSignature'>,
  verify: VerifyUser,
): string | undefined =>
  subject.userId !== undefined && verify(subject.userId, subject.userSignature) ? subject.userId : undefined;

export const subjectKey = (
  subject: Pick<Subject, 'anonymousId' | 'userId' | 'userSignature'>,
  verify: VerifyUser,
): string => {
  const user = verifiedUser(subject, verify);
  return user !== undefined ? `u:${user}` : `a:${subject.anonymousId}`;
};

/**
 * The same key from a read's query parameters (`subject`, `user`, `userSignature`), or null
 * when the read names nobody. An unsigned `user` counts for nothing: the read answers as if
 * only `subject` (or nobody) had asked.
 */
export const askerKey = (
  anonymousId: string | undefined,
  userId: string | undefined,
  userSignature: string | undefined,
  verify: VerifyUser,
): string | null => {
  if (userId !== undefined && verify(userId, userSignature)) return `u:${userId}`;
  return anonymousId !== undefined ? `a:${anonymousId}` : null;
};
