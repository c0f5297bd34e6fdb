import { html, isServer, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { PollResults, Sent } from '@heard/sdk';
import { give, given } from '../shared/gave.js';
import { HeardElement, type ConfigProblem } from '../shared/heard-element.js';
import { pollStrings, type PollStrings } from './poll.strings.js';
import { POLL_INPUTS, isClosed, isProblem, parsePoll, type PollConfig } from './poll.config.js';
import { HeardVoteEvent, type PollVote } from './poll.events.js';
import type * as Outcome from './poll.outcome.js';
import type { OutcomeHost } from './poll.outcome.js';

type OutcomeView = typeof Outcome;
import { pollStyles } from './poll.styles.js';
// Its events' types, and the map that types `addEventListener('heard-…')`, come with the class.
export type { HeardVoteEvent, PollVote } from './poll.events.js';

type Phase = 'loading' | 'ready' | 'submitting' | 'queued' | 'results' | 'thanks' | 'error' | 'closed';

/** The properties the poll's configuration and its results' read depend on. */
const CONFIG_INPUTS = [...POLL_INPUTS, 'client'] as const;

/**
 * @summary Asks one question with a few answers, then shows the results.
 *
 * @csspart base - The box around the poll.
 * @csspart question - The question.
 * @csspart option - Each answer a person can choose.
 * @csspart image - The picture of an image answer.
 * @csspart other - The free-text field of the "Other" answer.
 * @csspart submit - The vote button.
 * @csspart results - The list of results.
 * @csspart result - One answer's result.
 * @csspart bar - The bar of one result.
 * @csspart error - An error message (sending, loading, or a wrong attribute).
 *
 * @cssprop --heard-accent - Colour of the chosen answer, the button and the result bars.
 * @cssprop --heard-on-accent - Text colour on the accent colour.
 * @cssprop --heard-background - Background of the poll.
 * @cssprop --heard-foreground - Text colour.
 * @cssprop --heard-muted - Colour of secondary text.
 * @cssprop --heard-border - Colour of borders.
 * @cssprop --heard-track - Colour of the empty part of result bars.
 * @cssprop --heard-error - Colour of errors.
 * @cssprop --heard-focus-ring - Colour of the keyboard focus ring.
 * @cssprop --heard-radius - Corner radius.
 * @cssprop --heard-gap - Space between the parts.
 * @cssprop --heard-padding - Space inside the box.
 *
 * @fires {HeardVoteEvent} heard-vote - The person voted or changed their vote.
 */
export class HeardPoll extends HeardElement<PollStrings> {
  static override styles = [...HeardElement.styles, pollStyles];

  protected override catalogs = pollStrings;

  static override get properties(): PropertyDeclarations {
    return {
      phase: { state: true },
      results: { state: true },
      selected: { state: true },
      otherChosen: { state: true },
      otherText: { state: true },
      failure: { state: true },
      announcement: { state: true },
      pollId: { attribute: 'poll-id' },
      question: {},
      options: {},
      images: {},
      multiple: { type: Boolean },
      max: { type: Number },
      allowOther: { type: Boolean, attribute: 'allow-other' },
      showResults: { attribute: 'show-results' },
      closes: {},
      noChange: { type: Boolean, attribute: 'no-change' },
    };
  }

  private phase: Phase = 'loading';
  private results: PollResults | undefined;
  private selected: string[] = [];
  private otherChosen = false;
  private otherText = '';
  private failure = '';
  private announcement = '';

  /** The poll's id: results are kept under it. Required. */
  pollId = '';
  /** The question. Required. */
  question = '';
  /** The answers, separated by commas: `Mango, Matcha` or with ids, `mango=Mango, matcha=Matcha`. */
  options = '';
  /** Pictures for answers, by option id: `mango=/img/mango.jpg, matcha=/img/matcha.jpg`. */
  images = '';
  /** Lets a person choose several answers. */
  multiple = false;
  /** With `multiple`, the most answers one person may choose. */
  max: number | undefined;
  /** Adds an "Other" answer with a text field. */
  allowOther = false;
  /** When results show: `after-vote` (default), `always`, or `never` (a thank-you instead). */
  showResults: 'after-vote' | 'always' | 'never' = 'after-vote';
  /** When the poll closes (ISO date and time); after it, final results show and voting stops. */
  closes = '';
  /** Stops people from changing their vote. */
  noChange = false;

  private config: PollConfig | ConfigProblem = { attribute: 'poll-id', message: 'is required.' };
  /** The results, thanks and closed states: loaded when a person has voted or can only see results. */
  private view: OutcomeView | undefined;
  private viewLoading: Promise<OutcomeView | undefined> | undefined;
  /** Votes given on this page: a read started before the latest one is older than what it shows. */
  private votes = 0;
  private loadedFor = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadedFor = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (CONFIG_INPUTS.some((key) => changed.has(key))) {
      this.config = parsePoll(this);
      const key = isProblem(this.config) ? '' : `${this.pollId}|${this.closes}|${this.showResults}`;
      if (key && key !== this.loadedFor && !isServer) {
        this.loadedFor = key;
        void this.load();
      }
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Widths go through the CSSOM: a strict CSP refuses style attributes, not style properties.
    for (const bar of this.renderRoot.querySelectorAll<HTMLElement>('[part~=bar]')) {
      bar.style.inlineSize = `${bar.dataset.percent ?? 0}%`;
    }
  }

  override render() {
    const config = this.config;
    if (isProblem(config)) return this.renderProblem(config);
    const noClient = this.clientProblem();
    if (noClient) return this.renderProblem(noClient);
    return html`${this.renderPhase(config)}
      <div class="visually-hidden" role="status">${this.announcement}</div>`;
  }

  private renderPhase(config: PollConfig) {
    switch (this.phase) {
      case 'loading':
        return html`<div part="base"><p class="muted">${this.t('loading')}</p></div>`;
      case 'results':
      case 'closed':
      case 'thanks':
        // Until its view arrives (it loads with the vote, or with the read of a returning voter).
        return (
          this.view?.renderOutcome(this as unknown as OutcomeHost, config) ??
          html`<div part="base">
            <p class="muted" tabindex="-1" data-focus>${this.t(this.phase === 'closed' ? 'closed' : 'thanks')}</p>
          </div>`
        );
      default:
        return this.renderForm(config);
    }
  }

  private renderForm(config: PollConfig) {
    const busy = this.phase === 'submitting' || this.phase === 'queued';
    const full = this.selected.length + (this.otherChosen ? 1 : 0) >= config.max;
    const type = this.multiple ? 'checkbox' : 'radio';
    const hasImages = config.options.some((option) => option.image);
    const canVote = (this.selected.length > 0 || (this.otherChosen && this.otherText.trim() !== '')) && !busy;
    const limited = this.multiple && config.max < config.options.length + (this.allowOther ? 1 : 0);
    // While the vote goes, the button says so and keeps focus: a disabled fieldset would drop it.
    return html`<form part="base" @submit=${this.onSubmit} novalidate aria-busy=${busy ? 'true' : 'false'}>
      <fieldset class="plain">
        <legend part="question" id="question">${this.question}</legend>
        ${limited ? html`<p class="hint muted" id="hint">${this.t('chooseUpTo', { max: config.max })}</p>` : nothing}
        <div
          class="options ${hasImages ? 'images' : ''}"
          role=${this.multiple ? 'group' : 'radiogroup'}
          aria-labelledby="question"
          aria-describedby=${limited ? 'hint' : nothing}
        >
          ${config.options.map((option) => {
            const checked = this.selected.includes(option.id);
            return html`<label part="option">
              ${option.image ? html`<img part="image" src=${option.image} alt="" />` : nothing}
              <span class="choice">
                <input
                  type=${type}
                  name="answer"
                  .value=${option.id}
                  .checked=${checked}
                  ?disabled=${this.multiple && full && !checked}
                  @change=${this.onChoose}
                />
                <span>${option.label}</span>
              </span>
            </label>`;
          })}
          ${
            this.allowOther
              ? html`<label part="option">
                  <input
                    type=${type}
                    name="answer"
                    value=""
                    .checked=${this.otherChosen}
                    ?disabled=${this.multiple && full && !this.otherChosen}
                    @change=${this.onChooseOther}
                  />
                  <span>${this.t('other')}</span>
                </label>`
              : nothing
          }
        </div>
        ${
          this.allowOther && this.otherChosen
            ? html`<p>
                <input
                  part="other"
                  type="text"
                  maxlength="280"
                  aria-label=${this.t('otherPlaceholder')}
                  placeholder=${this.t('otherPlaceholder')}
                  .value=${this.otherText}
                  @input=${this.onOtherInput}
                />
              </p>`
            : nothing
        }
        ${this.renderMeta(config)}
        ${this.phase === 'error' ? html`<p part="error" class="error" role="alert">${this.failure}</p>` : nothing}
        ${this.phase === 'queued' ? html`<p class="muted">${this.t('queued')}</p>` : nothing}
        <div class="actions">
          <button
            part="submit"
            class="primary"
            type="submit"
            ?disabled=${!canVote && !busy}
            aria-disabled=${busy ? 'true' : 'false'}
          >
            ${this.phase === 'error' ? this.t('retry') : this.phase === 'submitting' ? this.t('voting') : this.t('vote')}
          </button>
        </div>
      </fieldset>
      ${
        this.showResults === 'always' && this.results && this.view
          ? this.view.renderResults(this as unknown as OutcomeHost, config, this.results)
          : nothing
      }
    </form>`;
  }

  private renderMeta(config: PollConfig) {
    if (!config.closesAt) return nothing;
    return html`<p class="meta muted">${this.t('closesOn', { date: this.date(config.closesAt) })}</p>`;
  }

  private date(date: Date) {
    return new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  /** Loads the outcome's view once (a person who only answers never waits for it), then draws it. */
  private outcomeView(): Promise<OutcomeView | undefined> {
    return (this.viewLoading ??= import('./poll.outcome.js').then(
      (view) => {
        this.view = view;
        this.requestUpdate();
        return view;
      },
      () => undefined,
    ));
  }

  /**
   * Shows the form at once to a person who has not voted here, and their vote with the results
   * to one who has; the results read then fills in totals, says whether the poll closed, and,
   * for a person the site signed in, brings their vote from another device.
   */
  private async load(): Promise<void> {
    // A vote given from here on reads its own results, newer than this load's.
    const votes = this.votes;
    // What this browser gave is known here, so the first render is already the form (or
    // "Loading…" for a returning voter's results): this part runs inside willUpdate.
    const config = this.config;
    if (isProblem(config)) return;
    // With no client yet, the poll loads when one is configured.
    if (this.clientProblem()) return void (this.loadedFor = '');
    const closed = isClosed(config);
    const gave = given<PollVote>(this.heard, `gave:poll:${this.pollId}`);
    if (gave) this.choose(gave);
    if (config.showResults === 'never' && !closed) {
      this.phase = 'ready';
      return;
    }
    this.phase = gave || closed ? 'loading' : 'ready';
    await this.updateComplete;
    // A returning voter's outcome view loads beside the read, and shows with it.
    const view = gave || closed || config.showResults === 'always' ? this.outcomeView() : undefined;
    await this.seen();
    const results = await this.patiently(
      (signal) => this.heard.pollResults(this.pollId, signal),
      (later) => this.laterResults(votes, later),
    );
    await view;
    // A vote given meanwhile read its own results, newer than these.
    if (this.votes !== votes) return;
    const mine = gave ?? results?.mine ?? null;
    const shown = results && { ...results, mine };
    // Only a person who gave something can have it still waiting: their view has loaded.
    this.results = shown && this.view ? this.view.counting(this as unknown as OutcomeHost, shown) : shown;
    // The person may have started to answer meanwhile: the form stays theirs.
    if (this.phase !== 'loading' && this.phase !== 'ready') return;
    if (mine && !gave) this.choose(mine);
    const waiting = gave && !results ? this.stillWaiting('poll.vote', this.pollId) : undefined;
    if (closed || results?.closed) this.phase = 'closed';
    else if (waiting) {
      // Given on an earlier page and not delivered yet: saved, not "in".
      this.phase = 'queued';
      this.announcement = this.t('queued');
      waiting.then(
        () => this.showOutcome(config, gave as PollVote),
        (error: unknown) => {
          give(this.heard, `gave:poll:${this.pollId}`, undefined);
          return this.fail(error);
        },
      );
    } else if (mine) this.phase = 'results';
  }

  /** Results read again after the first read was given up on: shown if nothing newer is. */
  private laterResults(votes: number, results: PollResults) {
    if (this.votes !== votes || (this.phase !== 'results' && this.phase !== 'ready')) return;
    const shown = { ...results, mine: given<PollVote>(this.heard, `gave:poll:${this.pollId}`) ?? results.mine ?? null };
    this.results = this.view ? this.view.counting(this as unknown as OutcomeHost, shown) : shown;
  }

  private choose(vote: PollVote) {
    this.selected = [...vote.options];
    this.otherChosen = vote.other !== undefined;
    this.otherText = vote.other ?? '';
  }

  private async vote(): Promise<void> {
    const config = this.config;
    if (isProblem(config) || this.phase === 'submitting' || this.phase === 'queued') return;
    const vote: PollVote = { options: [...this.selected] };
    if (this.otherChosen && this.otherText.trim()) vote.other = this.otherText.trim();
    let sent: Sent;
    const memory = `gave:poll:${this.pollId}`;
    try {
      // The poll as this person saw it: the collector keeps it, so the team reads labels, not ids.
      sent = this.heard.send('poll.vote', this.pollId, vote, {
        locale: this.language,
        definition: {
          question: this.question,
          options: config.options,
          multiple: this.multiple,
          allowOther: this.allowOther,
        },
      });
    } catch (error) {
      await this.fail(error);
      return;
    }
    const before = given(this.heard, memory);
    give(this.heard, memory, vote);
    this.votes++;
    this.dispatchEvent(new HeardVoteEvent(vote));
    void this.outcomeView();
    this.phase = 'submitting';
    this.announcement = this.t('voting');
    try {
      await this.delivery(sent, () => {
        this.phase = 'queued';
        this.announcement = this.t('queued');
      });
    } catch (error) {
      // Refused: what this browser remembers giving is what it gave before.
      give(this.heard, memory, before);
      if ((error as { code?: string }).code === 'closed') {
        this.focusStep();
        this.phase = 'closed';
        this.announcement = this.t('closed');
      } else await this.fail(error);
      return;
    }
    await this.showOutcome(config, vote);
  }

  private async showOutcome(config: PollConfig, vote: PollVote): Promise<void> {
    // The view started loading with the vote: it shows the results, or thanks where it could not load.
    const view = config.showResults === 'never' ? undefined : await this.outcomeView();
    if (view) return view.showOutcome(this as unknown as OutcomeHost, config, vote);
    this.focusStep();
    this.phase = 'thanks';
    this.announcement = this.t('thanks');
  }

  private async fail(error: unknown) {
    this.failure = this.t('errorSending', { message: await this.problemOf(error) });
    this.announcement = '';
    this.phase = 'error';
  }

  private onChoose(event: Event) {
    const input = event.target as HTMLInputElement;
    if (!this.multiple) {
      this.selected = [input.value];
      this.otherChosen = false;
    } else {
      this.selected = input.checked
        ? [...this.selected, input.value]
        : this.selected.filter((id) => id !== input.value);
    }
  }

  private onChooseOther(event: Event) {
    const input = event.target as HTMLInputElement;
    this.otherChosen = input.checked;
    if (!this.multiple && input.checked) this.selected = [];
    if (input.checked)
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('[part~=other]')?.focus());
  }

  private onOtherInput(event: Event) {
    this.otherText = (event.target as HTMLInputElement).value;
  }

  private onSubmit(event: Event) {
    event.preventDefault();
    void this.vote();
  }

  private onChange() {
    this.phase = 'ready';
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('input:checked, input')?.focus(),
    );
  }
}
