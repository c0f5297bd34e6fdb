/**
 * Restraint, remembered: what each widget has shown, and whether the person answered or
 * dismissed it, shared by every widget on the page and across visits. A prompt asks
 * `decide()` before it appears; the defaults wait months, not days. It keeps its memory in
 * the client's (`recall`/`keep`, under the same consent rules) and only widgets that prompt
 * load it.
 */
import type { HeardClient } from './client.js';

/** What a Frequency needs of a client: its memory, and the pages this person has viewed. */
export type FrequencyMemory = Pick<HeardClient, 'recall' | 'keep' | 'forget' | 'pageViews'>;

const DAY = 86_400_000;

export interface FrequencyRules {
  /** Share of people who are ever asked, 0–1. The draw is made once per person and kept. */
  sample?: number;
  /** Days to wait after an answer before asking again. */
  cooldownAfterAnswerDays?: number;
  /** Days to wait after a dismissal before asking again. */
  cooldownAfterDismissDays?: number;
  /** Days to wait after showing without answer or dismissal. */
  cooldownAfterShowDays?: number;
  /** Pages this person must have viewed (on sites using Heard) before being asked. */
  minPageViews?: number;
}

export const DEFAULT_RULES: Required<FrequencyRules> = {
  sample: 1,
  cooldownAfterAnswerDays: 180,
  cooldownAfterDismissDays: 90,
  cooldownAfterShowDays: 1,
  minPageViews: 0,
};

export type Decision =
  { show: true } | { show: false; reason: 'answered' | 'dismissed' | 'shown' | 'sampled-out' | 'page-views' };

interface Memory {
  /** The sampling draw, 0–1, made once. */
  draw?: number;
  shownAt?: number;
  dismissedAt?: number;
  answeredAt?: number;
}

export class Frequency {
  private readonly client: FrequencyMemory;
  private readonly random: () => number;

  constructor(client: FrequencyMemory, random: () => number = Math.random) {
    this.client = client;
    this.random = random;
  }

  decide(widget: string, rules: FrequencyRules = {}, now = Date.now()): Decision {
    const r = { ...DEFAULT_RULES, ...rules };
    const memory = this.memory(widget);
    if (memory.answeredAt !== undefined && now - memory.answeredAt < r.cooldownAfterAnswerDays * DAY)
      return { show: false, reason: 'answered' };
    if (memory.dismissedAt !== undefined && now - memory.dismissedAt < r.cooldownAfterDismissDays * DAY)
      return { show: false, reason: 'dismissed' };
    if (memory.shownAt !== undefined && now - memory.shownAt < r.cooldownAfterShowDays * DAY)
      return { show: false, reason: 'shown' };
    if (this.client.pageViews < r.minPageViews) return { show: false, reason: 'page-views' };
    if (r.sample < 1) {
      const draw = memory.draw ?? this.random();
      if (memory.draw === undefined) this.save(widget, { ...memory, draw });
      if (draw >= r.sample) return { show: false, reason: 'sampled-out' };
    }
    return { show: true };
  }

  record(widget: string, what: 'shown' | 'dismissed' | 'answered', now = Date.now()): void {
    this.save(widget, { ...this.memory(widget), [`${what}At`]: now });
  }

  /** Takes a record back, as when the endpoint refused the answer it stood for. */
  unrecord(widget: string, what: 'shown' | 'dismissed' | 'answered'): void {
    const { [`${what}At` as const]: _taken, ...rest } = this.memory(widget);
    this.save(widget, rest);
  }

  /** Forgets one widget's memory (for "ask me again" and for tests). */
  clear(widget: string): void {
    this.client.forget(`freq:${widget}`);
  }

  private memory(widget: string): Memory {
    try {
      return (JSON.parse(this.client.recall(`freq:${widget}`) ?? 'null') as Memory | null) ?? {};
    } catch {
      return {};
    }
  }

  private save(widget: string, memory: Memory): void {
    this.client.keep(`freq:${widget}`, JSON.stringify(memory));
  }
}
