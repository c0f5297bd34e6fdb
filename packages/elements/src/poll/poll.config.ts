/**
 * Reads a poll's attributes into a checked configuration, or names the first wrong attribute.
 * Kept apart from the element so the rules are plain functions, tested on their own.
 */
import { ID, LIMITS } from '@heard/protocol/limits';
import type { ConfigProblem } from '../shared/heard-element.js';
import { idProblem, webUrl } from '../shared/id-problem.js';

export interface PollOption {
  id: string;
  label: string;
  image?: string;
}

export type ShowResults = 'after-vote' | 'always' | 'never';

export interface PollConfig {
  options: PollOption[];
  /** How many options one vote may name. */
  max: number;
  showResults: ShowResults;
  closesAt: Date | undefined;
}

export interface PollAttributes {
  pollId: string;
  question: string;
  options: string;
  images: string;
  multiple: boolean;
  max: number | undefined;
  showResults: string;
  closes: string;
}

/** The attributes (as properties) the configuration is read from: a change to any reads it again. */
export const POLL_INPUTS = [
  'pollId',
  'question',
  'options',
  'images',
  'multiple',
  'max',
  'showResults',
  'closes',
] as const satisfies readonly (keyof PollAttributes)[];

const SHOW_RESULTS: readonly ShowResults[] = ['after-vote', 'always', 'never'];

const slug = (label: string, index: number) => {
  // NFKD only when needed: its first call loads Unicode data, a long task on a slow phone.
  const made = (/^[\x20-\x7e]*$/.test(label) ? label : label.normalize('NFKD').replace(/\p{M}/gu, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return made && ID.test(made) ? made : `option-${index + 1}`;
};

/**
 * `a=b` pairs or bare labels, separated by commas. For `images`, only a comma before the next
 * `id=` separates, since URLs (data: URLs above all) hold commas of their own.
 */
const entries = (text: string, keyed = false) =>
  text
    .split(keyed ? /,\s*(?=[A-Za-z0-9][A-Za-z0-9_.:-]*\s*=)/ : ',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf('=');
      return at > 0 ? ([part.slice(0, at).trim(), part.slice(at + 1).trim()] as const) : ([undefined, part] as const);
    });

/** Pictures load from http(s) or inline `data:image/…`; never `javascript:` or other schemes. */
const safeImage = (url: string): boolean =>
  /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i.test(url) || webUrl(url);

export const parsePoll = (a: PollAttributes): PollConfig | ConfigProblem => {
  const badId = idProblem('poll-id', a.pollId, 'the id results are kept under');
  if (badId) return badId;
  if (!a.question.trim()) return { attribute: 'question', message: 'is required.' };

  const options: PollOption[] = entries(a.options).map(([id, label], index) => ({
    id: id ?? slug(label, index),
    label,
  }));
  if (options.length < 2) return { attribute: 'options', message: 'needs at least two answers, separated by commas.' };
  if (options.length > LIMITS.pollOptions)
    return { attribute: 'options', message: `has ${options.length} answers; at most ${LIMITS.pollOptions}.` };
  for (const option of options) {
    if (!ID.test(option.id)) return { attribute: 'options', message: `"${option.id}" is not a valid option id.` };
    if (!option.label) return { attribute: 'options', message: `option "${option.id}" has no label.` };
  }
  const ids = new Set(options.map((option) => option.id));
  if (ids.size !== options.length) return { attribute: 'options', message: 'two answers have the same id.' };

  for (const [id, url] of entries(a.images, true)) {
    if (id === undefined) return { attribute: 'images', message: `"${url}" must be written id=url.` };
    const option = options.find((candidate) => candidate.id === id);
    if (!option)
      return { attribute: 'images', message: `"${id}" is not one of the option ids (${[...ids].join(', ')}).` };
    if (!safeImage(url)) return { attribute: 'images', message: `"${url}" is not an http, https or data:image URL.` };
    option.image = url;
  }

  if (a.max !== undefined && !a.multiple) return { attribute: 'max', message: 'only applies with multiple.' };
  const max = a.multiple ? (a.max ?? options.length) : 1;
  if (!Number.isInteger(max) || max < 1) return { attribute: 'max', message: `must be a whole number of at least 1.` };
  if (max > options.length)
    return { attribute: 'max', message: `is ${max}, but there are only ${options.length} answers.` };

  if (!SHOW_RESULTS.includes(a.showResults as ShowResults))
    return { attribute: 'show-results', message: `"${a.showResults}" must be one of ${SHOW_RESULTS.join(', ')}.` };

  let closesAt: Date | undefined;
  if (a.closes) {
    closesAt = new Date(a.closes);
    if (Number.isNaN(closesAt.getTime()))
      return { attribute: 'closes', message: `"${a.closes}" is not a date, such as 2026-12-31T18:00:00Z.` };
  }
  return { options, max, showResults: a.showResults as ShowResults, closesAt };
};

export const isProblem = (value: PollConfig | ConfigProblem): value is ConfigProblem => 'attribute' in value;

/** Whether the poll's closing time has passed. */
export const isClosed = (config: PollConfig, now = Date.now()): boolean =>
  !!config.closesAt && config.closesAt.getTime() <= now;
