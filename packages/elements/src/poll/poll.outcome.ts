/**
 * The poll's outcome: results with the person's choice marked, a thank-you, or the closed
 * poll's final results. A page loads it only when someone can see it — with a vote, or with
 * the results read of a person who voted before or of a closed poll — so a page where people
 * only answer never downloads it, and nobody waits for it longer than for the read.
 */
import { html, nothing } from 'lit';
import type { HeardClient, PollResults } from '@heard/sdk';
import type { PollConfig } from './poll.config.js';
import { resultRows } from './poll.results.js';
import type { PollStrings } from './poll.strings.js';
import type { PollVote } from './poll.events.js';

/** What the outcome reads of its poll: the element's own fields and helpers (private to others). */
export interface OutcomeHost {
  question: string;
  phase: string;
  results: PollResults | undefined;
  noChange: boolean;
  showResults: string;
  allowOther: boolean;
  t(key: keyof PollStrings & string, values?: Record<string, string | number>): string;
  date(date: Date): string;
  onChange(): void;
  pollId: string;
  announcement: string;
  heard: HeardClient;
  focusStep(): void;
}

const count = (poll: OutcomeHost, votes: number) => poll.t('votes', { count: votes });

export const renderResults = (poll: OutcomeHost, config: PollConfig, results: PollResults) => {
  const rows = resultRows(config.options, results, poll.allowOther ? poll.t('other') : undefined);
  return html`<ol part="results" aria-label=${poll.t('results')}>
      ${rows.map(
        (row) =>
          html`<li part="result" class=${row.mine ? 'mine' : ''}>
            <span class="label"
              >${row.label}${row.mine ? html`<span class="mine-badge">✓ ${poll.t('yourVote')}</span>` : nothing}</span
            >
            <span class="value">${poll.t('percent', { percent: row.percent })} · ${count(poll, row.votes)}</span>
            <span class="track" aria-hidden="true"><span part="bar" data-percent=${row.percent}></span></span>
          </li>`,
      )}
    </ol>
    <p class="meta muted">${poll.t('totalVoters', { count: results.total })}</p>`;
};

export const renderOutcome = (poll: OutcomeHost, config: PollConfig) => {
  const { results, phase } = poll;
  const closedText = config.closesAt ? poll.t('closedOn', { date: poll.date(config.closesAt) }) : poll.t('closed');
  return html`<section part="base" aria-label=${poll.question}>
    <p part="question" class="question" tabindex="-1" data-focus>${poll.question}</p>
    ${
      phase === 'thanks' || !results || poll.showResults === 'never'
        ? html`<p>${phase === 'closed' ? poll.t('closed') : poll.t('thanks')}</p>`
        : renderResults(poll, config, results)
    }
    ${phase === 'closed' ? html`<p class="meta muted">${closedText}</p>` : nothing}
    ${
      phase !== 'closed' && !poll.noChange
        ? html`<div class="actions">
            <button class="secondary" type="button" @click=${poll.onChange}>${poll.t('changeVote')}</button>
          </div>`
        : nothing
    }
  </section>`;
};

/** The results in words, for screen readers. */
export const summary = (poll: OutcomeHost, config: PollConfig, results: PollResults) =>
  resultRows(config.options, results)
    .map((row) => `${row.label} ${poll.t('percent', { percent: row.percent })}`)
    .join(', ');

/**
 * The results with this person's vote counted while it still waits in the outbox (voted
 * offline, then reloaded): what they gave shows as given, not as one vote short.
 */
export const counting = (poll: OutcomeHost, results: PollResults): PollResults => {
  const waiting = poll.heard.pending().find((event) => event.type === 'poll.vote' && event.widget === poll.pollId);
  if (!waiting) return results;
  const vote = waiting.data as PollVote;
  return {
    ...results,
    total: results.total + 1,
    other: results.other + (vote.other === undefined ? 0 : 1),
    options: [
      ...results.options.map((option) => ({
        ...option,
        votes: option.votes + (vote.options.includes(option.id) ? 1 : 0),
      })),
      ...vote.options
        .filter((id) => !results.options.some((option) => option.id === id))
        .map((id) => ({ id, votes: 1 })),
    ],
  };
};

/** After the endpoint has the vote: the results with it marked (or thanks, if they cannot be read), said in words. */
export const showOutcome = async (poll: OutcomeHost, config: PollConfig, vote: PollVote): Promise<void> => {
  const results = await poll.heard.pollResults(poll.pollId).catch(() => undefined);
  poll.focusStep();
  poll.results = results && { ...results, mine: vote };
  poll.phase = poll.results ? 'results' : 'thanks';
  poll.announcement = `${poll.t('thanks')} ${poll.results ? summary(poll, config, poll.results) : ''}`.trim();
};
