import { html, isServer, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Frequency } from '@heard/sdk/frequency';
import { HeardElement, type ConfigProblem } from '../shared/heard-element.js';
import { npsStrings, type NpsStrings } from './nps.strings.js';
import { parseNps, type NpsConfig } from './nps.config.js';
import { HeardAnswerEvent, HeardDismissEvent, HeardShownEvent } from './nps.events.js';
import { npsStyles } from './nps.styles.js';
import type * as PromptModule from './nps.prompt.js';
// Its events' types, and the map that types `addEventListener('heard-…')`, come with the class.
export type { HeardShownEvent, HeardDismissEvent, HeardAnswerEvent } from './nps.events.js';

type Prompting = typeof PromptModule;

type Step = 'hidden' | 'score' | 'comment' | 'thanks' | 'answered';

const SCORES = Array.from({ length: 11 }, (_, score) => score);

/**
 * @summary Asks how likely a person is to recommend the product, 0 to 10, then one follow-up
 * question that depends on the score. Inline, or as a rare corner prompt that never steals focus.
 * Never asks twice: within its cooldown, a person who answered sees that they did (or nothing,
 * with `no-answered-note`); a prompt that cannot remember a dismissal (consent pending or
 * denied, a privacy signal honoured) never opens by itself.
 *
 * @csspart base - The card.
 * @csspart question - The question.
 * @csspart scale - The group of eleven scores.
 * @csspart score - Each score button.
 * @csspart comment - The follow-up text field.
 * @csspart submit - The send button.
 * @csspart close - The close button of a prompt.
 * @csspart error - An error message.
 *
 * @cssprop --heard-accent - Colour of the chosen score and the send button.
 * @cssprop --heard-on-accent - Text colour on the accent colour.
 * @cssprop --heard-background - Background of the card.
 * @cssprop --heard-foreground - Text colour.
 * @cssprop --heard-muted - Colour of secondary text.
 * @cssprop --heard-border - Colour of borders.
 * @cssprop --heard-error - Colour of errors.
 * @cssprop --heard-focus-ring - Colour of the keyboard focus ring.
 * @cssprop --heard-radius - Corner radius.
 * @cssprop --heard-gap - Space between the parts.
 * @cssprop --heard-padding - Space inside the card.
 * @cssprop --heard-prompt-offset - Distance of a prompt from the viewport's corner.
 * @cssprop --heard-prompt-z-index - Stacking order of a prompt.
 *
 * @fires {HeardShownEvent} heard-shown - The question appeared.
 * @fires {HeardDismissEvent} heard-dismiss - The person closed it without answering.
 * @fires {HeardAnswerEvent} heard-answer - The person answered.
 */
export class HeardNps extends HeardElement<NpsStrings> {
  static override styles = [...HeardElement.styles, npsStyles];

  protected override catalogs = npsStrings;

  static override get properties(): PropertyDeclarations {
    return {
      step: { state: true },
      score: { state: true },
      failure: { state: true },
      sending: { state: true },
      saved: { state: true },
      comment: { state: true },
      announcement: { state: true },
      edge: { reflect: true, attribute: 'data-edge' },
      surveyId: { attribute: 'survey-id' },
      product: {},
      question: {},
      mode: { reflect: true },
      delay: { type: Number },
      sample: { type: Number },
      minPageViews: { type: Number, attribute: 'min-page-views' },
      cooldownDays: { type: Number, attribute: 'cooldown-days' },
      dismissCooldownDays: { type: Number, attribute: 'dismiss-cooldown-days' },
      trigger: {},
      noComment: { type: Boolean, attribute: 'no-comment' },
      noAnsweredNote: { type: Boolean, attribute: 'no-answered-note' },
    };
  }

  /** What this person was asked, and when: only prompts load this memory's rules. */
  private get frequency(): Frequency {
    return new Frequency(this.heard);
  }

  private step: Step = 'hidden';
  private score: number | undefined;
  private failure = '';
  private sending = false;
  /** The answer waits in the outbox for the network: thanked, and told so. */
  private saved = false;
  /** The follow-up as typed: kept if the endpoint refuses the answer. */
  private comment = '';
  private announcement = '';
  /** `top` while a prompt moved out of the way of what has focus. */
  private edge = '';
  /** A prompt's watch over the page while it is open (`nps.prompt.ts`); stopping it gives focus back. */
  private unwatch: (() => void) | undefined;
  private prompt: Promise<Prompting> | undefined;

  /** The survey's id: answers are kept under it. Required. */
  surveyId = '';
  /** What to recommend, as it fits the question: "Acme", "this app". */
  product = '';
  /** Replaces the whole question. */
  question = '';
  /** `inline` shows at once where it stands; `prompt` shows as a corner card when its rules allow. */
  mode: 'inline' | 'prompt' = 'inline';
  /** A prompt's wait after the page loads, in seconds. */
  delay = 5;
  /** A prompt's share of people ever asked, 0 to 1. The draw is kept. */
  sample = 1;
  /** Pages a person must have seen before a prompt appears. */
  minPageViews = 0;
  /** Days before asking again after an answer. */
  cooldownDays = 180;
  /** Days before asking again after a dismissal. */
  dismissCooldownDays = 90;
  /** A window event name that shows the prompt (instead of the delay), such as `checkout-complete`. */
  trigger = '';
  /** Leaves out the follow-up comment. */
  noComment = false;
  /** Shows nothing, instead of a note that they answered, to a person who answered within the cooldown. */
  noAnsweredNote = false;

  private config: NpsConfig | ConfigProblem = { attribute: 'survey-id', message: 'is required.' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armed = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.disarm();
    this.unwatch?.();
  }

  /** Shows the question now, whatever the rules say, and moves focus into it (back where it was when it closes). */
  async show(): Promise<void> {
    const from = this.mode === 'prompt' ? (await this.prompting()).focused() : null;
    this.open(from);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~=score]')?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = [
      'surveyId',
      'mode',
      'delay',
      'sample',
      'minPageViews',
      'cooldownDays',
      'dismissCooldownDays',
      'trigger',
      'client',
    ];
    if (!inputs.some((key) => changed.has(key as keyof HeardNps))) return;
    this.config = parseNps(this);
    // A server renders the question hidden: whether to ask is the browser's to decide.
    if ('attribute' in this.config || this.clientProblem() || isServer) return;
    const key = `${this.surveyId}|${this.mode}|${this.trigger}|${this.delay}`;
    if (key === this.armed) return;
    this.armed = key;
    this.disarm();
    if (this.config.mode === 'prompt') this.arm(this.config);
    // Inline, it never asks again within the cooldown after an answer.
    else if (
      this.frequency.decide(this.surveyId, {
        cooldownAfterAnswerDays: this.cooldownDays,
        cooldownAfterDismissDays: 0,
        cooldownAfterShowDays: 0,
      }).show
    )
      this.open();
    else if (!this.noAnsweredNote) {
      // An answer still in the outbox is saved, not yet thanked for.
      this.saved = this.heard
        .pending()
        .some((given) => given.type === 'nps.response' && given.widget === this.surveyId);
      this.step = 'answered';
    }
  }

  override render() {
    if ('attribute' in this.config) return this.renderProblem(this.config);
    const noClient = this.clientProblem();
    if (noClient) return this.renderProblem(noClient);
    // The status region is there before the card, so what it says when the card appears is heard.
    const status = html`<div class="visually-hidden" role="status">${this.announcement}</div>`;
    if (this.step === 'hidden') return status;
    const prompt = this.mode === 'prompt';
    return html`<section
        part="base"
        role=${prompt ? 'dialog' : 'region'}
        aria-modal=${ifDefined(prompt ? 'false' : undefined)}
        aria-labelledby="question"
        aria-busy=${this.sending ? 'true' : 'false'}
      >
        ${
          prompt
            ? html`<button
                part="close"
                class="close"
                type="button"
                aria-label=${this.t('close')}
                @click=${this.dismiss}
              >
                ×
              </button>`
            : nothing
        }
        ${this.renderStep()}
      </section>
      ${status}`;
  }

  /** The question as this person reads it, in their language. */
  private asked() {
    return this.question || this.t('npsQuestion', { product: this.product || this.t('npsProduct') });
  }

  private renderStep() {
    const question = this.asked();
    const failure = this.failure ? html`<p part="error" class="error" role="alert">${this.failure}</p>` : nothing;
    if (this.step === 'thanks' || this.step === 'answered')
      // Thanks once the endpoint has the answer; until then, that it is saved.
      return html`<p part="question" id="question" tabindex="-1" data-focus>
        ${this.saved ? this.t('saved') : this.t('npsThanks')}
      </p>`;
    if (this.step === 'comment' && this.score !== undefined) {
      return html`<form @submit=${this.onSend}>
        <p part="question" id="question" tabindex="-1" data-focus>${this.t('npsScoreChosen', { score: this.score })}</p>
        <label for="comment">${this.followUp(this.score)}</label>
        <textarea
          id="comment"
          part="comment"
          maxlength="2000"
          .value=${this.comment}
          @input=${this.onComment}
        ></textarea>
        ${failure}
        <div class="actions">
          <button part="submit" class="primary" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>
            ${this.sending ? this.t('npsSending') : this.failure ? this.t('retry') : this.t('send')}
          </button>
          <button class="secondary" type="button" @click=${this.onSkip}>${this.t('skip')}</button>
        </div>
      </form>`;
    }
    return html`<p part="question" id="question">${question}</p>
      <div part="scale" role="group" aria-labelledby="question">
        ${SCORES.map(
          (score) =>
            html`<button
              part="score"
              type="button"
              aria-pressed=${this.score === score ? 'true' : 'false'}
              aria-label=${score === 0 ? `0, ${this.t('npsLow')}` : score === 10 ? `10, ${this.t('npsHigh')}` : nothing}
              @click=${() => this.onScore(score)}
            >
              ${score}
            </button>`,
        )}
      </div>
      <div class="ends" aria-hidden="true"><span>${this.t('npsLow')}</span><span>${this.t('npsHigh')}</span></div>
      ${failure}`;
  }

  private followUp(score: number) {
    return score <= 6 ? this.t('npsDetractor') : score <= 8 ? this.t('npsPassive') : this.t('npsPromoter');
  }

  /**
   * Waits for the prompt's moment, if its rules allow it at all, and only where a dismissal
   * can be remembered: otherwise the prompt would come back on every page.
   */
  private arm(config: NpsConfig) {
    if (!this.heard.remembers) return;
    const decision = this.frequency.decide(this.surveyId, config.rules);
    if (!decision.show) return;
    void this.prompting();
    if (config.trigger) globalThis.addEventListener(config.trigger, this.onTrigger, { once: true });
    else this.timer = setTimeout(() => this.open(), config.delay * 1_000);
  }

  private disarm() {
    clearTimeout(this.timer);
    if (!('attribute' in this.config) && this.config.trigger)
      globalThis.removeEventListener(this.config.trigger, this.onTrigger);
  }

  private readonly onTrigger = () => this.open();

  /** What a prompt does beyond an inline survey, loaded once a prompt may appear. */
  private prompting(): Promise<Prompting> {
    return (this.prompt ??= import('./nps.prompt.js'));
  }

  private open(from: HTMLElement | null = null) {
    if (this.step !== 'hidden') return;
    this.step = 'score';
    if (this.mode === 'prompt') {
      this.frequency.record(this.surveyId, 'shown');
      // A card that appears by itself is announced.
      this.announcement = this.asked();
      void this.prompting().then((prompt) => {
        if (this.step !== 'hidden' && !this.unwatch)
          this.unwatch = prompt.watch(
            { host: this, dismiss: () => this.dismiss(), move: (edge) => (this.edge = edge) },
            from,
          );
      });
    }
    this.dispatchEvent(new HeardShownEvent());
  }

  private onScore(score: number) {
    if (this.sending) return;
    this.score = score;
    if (this.noComment) {
      void this.answer();
      return;
    }
    this.step = 'comment';
    this.failure = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus());
  }

  private onComment(event: Event) {
    this.comment = (event.target as HTMLTextAreaElement).value;
  }

  private onSend(event: Event) {
    event.preventDefault();
    void this.answer(this.comment.trim() || undefined);
  }

  private onSkip() {
    void this.answer();
  }

  /**
   * Sends the answer and thanks the person once the endpoint has it, or once it is saved to go
   * when the network is back; a refusal brings back what they gave, comment included, with why.
   */
  private async answer(comment?: string) {
    const score = this.score;
    if (score === undefined || this.sending) return;
    this.failure = '';
    try {
      const sent = this.heard.send('nps.response', this.surveyId, comment ? { score, comment } : { score }, {
        locale: this.language,
        // The question as this person read it, and the product it named.
        definition: { question: this.asked(), product: this.product || undefined },
      });
      this.sending = true;
      this.announcement = this.t('npsSending');
      // Given once it is stored: a reload before the network is back must not ask again.
      this.frequency.record(this.surveyId, 'answered');
      this.dispatchEvent(new HeardAnswerEvent(score, comment));
      await this.delivery(sent, () => this.thank(true));
      this.thank(false);
    } catch (error) {
      this.frequency.unrecord(this.surveyId, 'answered');
      this.failure = await this.problemOf(error);
      this.announcement = '';
      this.saved = false;
      // A closed prompt stays closed: the console has said why.
      if (this.step !== 'hidden') this.step = this.noComment ? 'score' : 'comment';
    } finally {
      this.sending = false;
    }
  }

  private thank(saved: boolean) {
    if (this.step === 'hidden') return;
    if (this.step !== 'thanks') {
      this.focusStep();
      this.step = 'thanks';
    }
    this.saved = saved;
    this.announcement = this.t(saved ? 'saved' : 'npsThanks');
  }

  private dismiss() {
    if (this.step === 'comment' && this.score !== undefined && !this.failure) {
      // The score was given: keep it, without the comment that was not.
      void this.answer();
      this.close();
      return;
    }
    if (this.step === 'score' || this.failure) {
      try {
        this.heard.send('nps.dismissed', this.surveyId, {}, { locale: this.language });
      } catch {
        // An invalid survey id is reported by the error state already.
      }
      this.frequency.record(this.surveyId, 'dismissed');
      this.dispatchEvent(new HeardDismissEvent());
    }
    this.close();
  }

  /** Hides the card; focus that was in it goes back where it came from, never to the page's body. */
  private close() {
    this.unwatch?.();
    this.unwatch = undefined;
    this.step = 'hidden';
    this.announcement = '';
  }
}
