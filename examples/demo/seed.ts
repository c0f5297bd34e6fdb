/**
 * The demo's first data, sent to the collector the way widgets send theirs: votes on a poll,
 * ideas with votes and statuses. Sent once, when the demo's database is new; the people who
 * cast these votes are made up for the demo.
 */
import { randomUUID } from 'node:crypto';

const person = () => randomUUID().replaceAll('-', '');

const envelope = (type: string, widget: string, data: unknown, anonymousId = person()) => ({
  v: 1,
  id: randomUUID(),
  type,
  widget,
  at: new Date().toISOString(),
  subject: { anonymousId },
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
    [...Array(count)].map(() => envelope('poll.vote', 'next-flavour', { options: [option] })),
  );
  const ideas = IDEAS.map((idea) =>
    envelope('idea.create', 'product-ideas', {
      title: idea.title,
      ...(idea.description ? { description: idea.description } : {}),
      form: { honeypot: '', fillMs: 60_000 },
    }),
  );
  const ideaVotes = IDEAS.flatMap((idea, i) =>
    // The author's vote comes with the idea.
    [...Array(idea.votes - 1)].map(() => envelope('idea.vote', 'product-ideas', { idea: ideas[i]!.id })),
  );
  await post(collector, [...votes, ...ideas, ...ideaVotes]);
  for (const [i, idea] of IDEAS.entries()) {
    if (!idea.status) continue;
    await fetch(`${collector}/v1/admin/boards/product-ideas/ideas/${ideas[i]!.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: idea.status }),
    });
  }
};
