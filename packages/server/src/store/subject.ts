import type { Subject } from '@heard/protocol';

/**
 * Whom a vote belongs to: the signed-in user when the site identified one, else the browser's
 * anonymous id. The unique keys of the vote tables are built on this, so a person counts once
 * however many times and tabs they vote from. A vote cast before signing in and one after are
 * two subjects: the collector cannot know they are one person, and does not guess.
 */
export const subjectKey = (subject: Pick<Subject, 'anonymousId' | 'userId'>): string =>
  subject.userId !== undefined ? `u:${subject.userId}` : `a:${subject.anonymousId}`;

/** The same key from a read's query parameters (`subject`, `user`), or null when anonymous reads name nobody. */
export const askerKey = (anonymousId: string | undefined, userId: string | undefined): string | null => {
  if (userId !== undefined) return `u:${userId}`;
  return anonymousId !== undefined ? `a:${anonymousId}` : null;
};
