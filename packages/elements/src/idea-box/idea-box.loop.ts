/**
 * Closing the loop: the statuses of the ideas a person voted for, as they last saw them, so the
 * box can tell them what changed since — "Shipped: you asked for this" — with no e-mail.
 */
import type { Idea, IdeaStatus } from '@heard/sdk';

export type Seen = Record<string, IdeaStatus>;

export const parseSeen = (text: string | null): Seen => {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return value && typeof value === 'object' ? (value as Seen) : {};
  } catch {
    return {};
  }
};

/** Voted ideas whose status moved since last seen, and what to remember now. */
export const changesSince = (seen: Seen, ideas: readonly Idea[]): { changed: Idea[]; next: Seen } => {
  const next: Seen = { ...seen };
  const changed: Idea[] = [];
  for (const idea of ideas) {
    if (!idea.voted) continue;
    const before = seen[idea.id];
    if (before !== undefined && before !== idea.status) changed.push(idea);
    next[idea.id] = idea.status;
  }
  return { changed, next };
};
