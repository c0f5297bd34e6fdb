/**
 * An in-memory collector that speaks the protocol, and a transport that talks to it without
 * a network. For stories, demos, prototypes and tests: a team can try every widget before it
 * has a backend. It keeps what it is sent for the life of the page, counts one vote per
 * person, and answers every read from what it received. It trusts its input (the SDK has
 * validated every envelope); a real collector validates each request against the schemas.
 */
import type { BetaStatus, Envelope, Idea, IdeaList, IdeaStatus, PollResults } from '@heard/protocol';
import type { HeardRequest, HeardResponse, Transport } from './transport.js';

export interface MemoryAnswer {
  status: number;
  body: unknown;
}

export interface SeedIdea {
  id: string;
  title: string;
  votes?: number;
  status?: IdeaStatus;
  description?: string;
  createdAt?: string;
}

export interface MemorySeed {
  /** Votes already cast, per poll and option id. */
  polls?: Record<string, Record<string, number>>;
  /** Polls that are closed. */
  closedPolls?: string[];
  /** Ideas already on a board. */
  boards?: Record<string, SeedIdea[]>;
}

const json = (status: number, body: unknown): MemoryAnswer => ({ status, body });
const notFound = (what: string) => json(404, { code: 'not_found', message: `No ${what}` });

export class MemoryCollector {
  /** Every envelope received, once per id, in arrival order. */
  readonly events = new Map<string, Envelope>();
  /** Status changes made by the team (what an admin API would do). */
  private readonly statuses = new Map<string, { status: IdeaStatus; note: string | null; at: string }>();
  private readonly seed: MemorySeed;

  constructor(seed: MemorySeed = {}) {
    this.seed = seed;
  }

  /** Answers a request as a collector would. `url` may be absolute or a path. */
  handle(method: string, url: string, body?: string): MemoryAnswer {
    const { pathname, searchParams } = new URL(url, 'http://memory.invalid');
    const route = pathname.replace(/^.*?(\/v1\/)/, '/v1/');
    const subject = searchParams.get('subject') ?? '';
    if (method === 'POST' && route === '/v1/events') return this.receive(body ?? '');
    if (method !== 'GET') return json(405, { code: 'method_not_allowed', message: `${method} ${route}` });
    const [, kind, id, rest, code] = route.split('/').slice(1);
    const widget = decodeURIComponent(id ?? '');
    // It asks for no proof of work.
    if (kind === 'challenge') return json(204, undefined);
    if (kind === 'polls' && rest === 'results') return json(200, this.pollResults(widget, subject));
    if (kind === 'boards' && rest === 'ideas' && code === 'similar') {
      // A crude stand-in for full-text search: any word of three letters or more in common.
      const words = (searchParams.get('q') ?? '')
        .toLowerCase()
        .split(/\s+/)
        .filter((word) => word.length >= 3);
      const ideas = this.ideas(widget, subject).filter((idea) =>
        words.some((word) => idea.title.toLowerCase().includes(word)),
      );
      return json(200, {
        ideas: ideas.slice(0, 5).map(({ id, title, status, votes, voted }) => ({ id, title, status, votes, voted })),
      });
    }
    if (kind === 'boards' && rest === 'ideas') {
      const sort = searchParams.get('sort') ?? 'top';
      const status = searchParams.get('status');
      const limit = Math.min(Math.max(Number(searchParams.get('limit')) || 20, 1), 100);
      const offset = Number(searchParams.get('cursor')) || 0;
      let ideas = this.ideas(widget, subject).filter((idea) => !status || idea.status === status);
      if (sort === 'new') ideas = ideas.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const page = ideas.slice(offset, offset + limit);
      const list: IdeaList = { ideas: page, nextCursor: offset + limit < ideas.length ? String(offset + limit) : null };
      return json(200, list);
    }
    if (kind === 'betas' && rest === 'signups' && code) {
      const status = this.betaStatus(widget, decodeURIComponent(code));
      return status ? json(200, status) : notFound('such sign-up');
    }
    return notFound(`route ${method} ${route}`);
  }

  /** Changes an idea's status, as a team member would in the dashboard. */
  setStatus(board: string, idea: string, status: IdeaStatus, note: string | null = null): void {
    this.statuses.set(`${board}/${idea}`, { status, note, at: new Date().toISOString() });
  }

  private receive(text: string): MemoryAnswer {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, { code: 'invalid_json', message: 'The body is not JSON' });
    }
    const events = (
      Array.isArray((body as { events?: unknown }).events) ? (body as { events: unknown[] }).events : [body]
    ) as Envelope[];
    const answer = { accepted: [] as string[], duplicates: [] as string[], rejected: [] as unknown[] };
    events.forEach((event, index) => {
      if (typeof event?.id !== 'string')
        answer.rejected.push({ id: null, index, code: 'invalid_body', message: 'No id' });
      else if (this.events.has(event.id)) answer.duplicates.push(event.id);
      else {
        this.events.set(event.id, event);
        answer.accepted.push(event.id);
      }
    });
    return json(200, answer);
  }

  private of<T extends Envelope['type']>(type: T, widget: string): Extract<Envelope, { type: T }>[] {
    return [...this.events.values()].filter(
      (event): event is Extract<Envelope, { type: T }> => event.type === type && event.widget === widget,
    );
  }

  private pollResults(poll: string, subject: string): PollResults {
    const latest = new Map<string, Extract<Envelope, { type: 'poll.vote' }>['data']>();
    for (const vote of this.of('poll.vote', poll)) latest.set(vote.subject.anonymousId, vote.data);
    const counts = new Map(Object.entries(this.seed.polls?.[poll] ?? {}));
    let other = 0;
    for (const vote of latest.values()) {
      for (const option of vote.options) counts.set(option, (counts.get(option) ?? 0) + 1);
      if (vote.other) other++;
    }
    const seeded = Object.values(this.seed.polls?.[poll] ?? {}).reduce((sum, n) => sum + n, 0);
    const mine = latest.get(subject);
    return {
      poll,
      total: seeded + latest.size,
      options: [...counts].map(([id, votes]) => ({ id, votes })),
      other,
      mine: mine ? { options: mine.options, ...(mine.other ? { other: mine.other } : {}) } : null,
      closed: this.seed.closedPolls?.includes(poll) ?? false,
    };
  }

  private ideas(board: string, subject: string): Idea[] {
    const ideas: (Idea & { voters: Set<string> })[] = (this.seed.boards?.[board] ?? []).map((seed) => ({
      id: seed.id,
      title: seed.title,
      description: seed.description ?? null,
      status: seed.status ?? 'open',
      statusNote: null,
      statusChangedAt: null,
      votes: seed.votes ?? 0,
      voted: false,
      createdAt: seed.createdAt ?? '2026-01-01T00:00:00Z',
      voters: new Set<string>(),
    }));
    for (const created of this.of('idea.create', board)) {
      ideas.push({
        id: created.id.slice(0, 8),
        title: created.data.title,
        description: created.data.description ?? null,
        status: 'open',
        statusNote: null,
        statusChangedAt: null,
        votes: 0,
        voted: false,
        createdAt: created.at,
        voters: new Set([created.subject.anonymousId]),
      });
    }
    for (const event of this.events.values()) {
      if (event.widget !== board || (event.type !== 'idea.vote' && event.type !== 'idea.unvote')) continue;
      const idea = ideas.find((candidate) => candidate.id === event.data.idea);
      if (event.type === 'idea.vote') idea?.voters.add(event.subject.anonymousId);
      else idea?.voters.delete(event.subject.anonymousId);
    }
    return ideas
      .map(({ voters, ...idea }) => {
        const changed = this.statuses.get(`${board}/${idea.id}`);
        const status = changed ? { status: changed.status, statusNote: changed.note, statusChangedAt: changed.at } : {};
        return { ...idea, ...status, votes: idea.votes + voters.size, voted: voters.has(subject) };
      })
      .sort((a, b) => b.votes - a.votes);
  }

  private betaStatus(program: string, code: string): BetaStatus | undefined {
    const all = this.of('beta.signup', program);
    // One sign-up per e-mail: a later one with the same address answers for the first.
    const signups = all.filter((signup, i) => all.findIndex((other) => other.data.email === signup.data.email) === i);
    const asked = all.find((signup) => signup.data.code === code);
    const index = signups.findIndex((signup) => signup.data.email === asked?.data.email);
    const first = signups[index];
    if (!asked || !first) return undefined;
    code = first.data.code;
    const referrals = signups.filter((signup) => signup.data.referredBy === code).length;
    return {
      program,
      position: Math.max(1, index + 1 - referrals),
      total: signups.length,
      referralCode: code,
      referrals,
      status: 'waiting',
    };
  }
}

/** A transport answered by an in-memory collector, after an optional simulated latency. */
export const memoryTransport =
  (collector = new MemoryCollector(), options: { latencyMs?: number } = {}): Transport =>
  async (request: HeardRequest): Promise<HeardResponse> => {
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    request.signal?.throwIfAborted();
    const answer = collector.handle(request.method, request.url, request.body);
    return {
      status: answer.status,
      headers: { get: () => null },
      text: async () => (answer.body === undefined ? '' : JSON.stringify(answer.body)),
    };
  };
