/**
 * The demo's first data, sent to the collector the way widgets send theirs: votes on a poll,
 * ideas with votes and statuses, eight weeks of NPS answers with comments, beta sign-ups with
 * referrals — so that every view of the results dashboard has something to show. Sent once,
 * when the demo's database is new; the people who answered are made up for the demo.
 */
import { randomUUID } from 'node:crypto';

const person = () => randomUUID().replaceAll('-', '');

const DAY = 86_400_000;
/** A moment in the last `days` days. */
const daysAgo = (days: number) => new Date(Date.now() - Math.random() * days * DAY).toISOString();

const envelope = (type: string, widget: string, data: unknown, at = new Date().toISOString()) => ({
  v: 1,
  id: randomUUID(),
  type,
  widget,
  at,
  subject: { anonymousId: person() },
  context: { locale: 'en', page: '/', sdk: 'heard-demo/0.1.0' },
  data,
});

const POLL: Record<string, number> = { forest: 18, ocean: 11, sunset: 6 };
const IDEAS = [
  { title: 'Dark mode everywhere', description: 'Including the e-mails.', votes: 41 },
  { title: 'Export notes to Markdown', votes: 27, status: 'planned' },
  { title: 'Share a note with a link', votes: 19, status: 'in_progress' },
  { title: 'A mobile app', votes: 12, status: 'shipped' },
];

/** NPS answers per week, oldest first: scores drift up as the product gets better. */
const NPS_WEEKS = [
  [9, 7, 3, 10, 6, 8, 2, 9],
  [10, 6, 8, 9, 4, 7, 9],
  [9, 10, 7, 5, 9, 8, 10, 6, 9],
  [10, 9, 8, 9, 3, 10, 7],
  [9, 10, 10, 8, 6, 9, 9, 10],
  [10, 9, 7, 10, 9, 8, 10],
  [10, 10, 9, 8, 9, 10, 5, 9, 10],
  [10, 9, 10, 9, 8, 10],
];
const COMMENTS: Record<'promoter' | 'passive' | 'detractor', string[]> = {
  promoter: ['Sync is instant now', 'Love the new editor', 'Search finds everything'],
  passive: ['Good, but the mobile app lags', 'Fine for notes, weak for tasks'],
  detractor: ['Too slow to open big notes', 'Lost a note after an update', 'Pricing went up again'],
};
const commentFor = (score: number, i: number) => {
  if (i % 3 === 2) return undefined;
  const list = COMMENTS[score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'];
  return list[i % list.length];
};

const post = async (collector: string, events: unknown[]) => {
  for (let i = 0; i < events.length; i += 50) {
    const response = await fetch(`${collector}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: events.slice(i, i + 50) }),
    });
    if (!response.ok) throw new Error(`Seeding the demo failed: ${response.status} ${await response.text()}`);
  }
};

export const seedDemo = async (collector: string, adminToken: string): Promise<void> => {
  const votes = Object.entries(POLL).flatMap(([option, count]) =>
    [...Array(count)].map(() => envelope('poll.vote', 'next-flavour', { options: [option] }, daysAgo(45))),
  );
  const ideas = IDEAS.map((idea) =>
    envelope(
      'idea.create',
      'product-ideas',
      {
        title: idea.title,
        ...(idea.description ? { description: idea.description } : {}),
        form: { honeypot: '', fillMs: 60_000 },
      },
      new Date(Date.now() - 60 * DAY).toISOString(),
    ),
  );
  const ideaVotes = IDEAS.flatMap((idea, i) =>
    // The author's vote comes with the idea.
    [...Array(idea.votes - 1)].map(() => envelope('idea.vote', 'product-ideas', { idea: ideas[i]!.id }, daysAgo(30))),
  );
  const answers = NPS_WEEKS.flatMap((scores, week) =>
    scores.map((score, i) => {
      const comment = commentFor(score, i);
      const at = new Date(Date.now() - ((NPS_WEEKS.length - week - 1) * 7 + Math.random() * 6) * DAY).toISOString();
      return envelope('nps.response', 'nps-2026', comment ? { score, comment } : { score }, at);
    }),
  );
  const signups = [...Array(24)].map((_, i) =>
    envelope('beta.signup', 'ai-assistant-beta', {
      email: `person${i + 1}@example.com`,
      consent: true,
      code: `demo-${i + 1}`,
      // The first people share their link; a third of those after them came through it.
      ...(i > 3 && i % 3 === 0 ? { referredBy: `demo-${(i % 4) + 1}` } : {}),
      form: { honeypot: '', fillMs: 60_000 },
    }),
  );
  await post(collector, [...votes, ...ideas, ...ideaVotes, ...answers]);
  // Sign-ups one by one: the queue is by time of arrival at the collector.
  for (const signup of signups) await post(collector, [signup]);
  for (const [i, idea] of IDEAS.entries()) {
    if (!idea.status) continue;
    await fetch(`${collector}/v1/admin/boards/product-ideas/ideas/${ideas[i]!.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: idea.status }),
    });
  }
};
