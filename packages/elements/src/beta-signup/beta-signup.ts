import { html, isServer, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { EMAIL, FILL_MS, KEY, REFERRAL_CODE } from '@heard/protocol/limits';
import { randomCode, type BetaStatus } from '@heard/sdk';
import { HeardElement, type ConfigProblem } from '../shared/heard-element.js';
import { PendingProof } from '../shared/proof.js';
import { idProblem, webUrl } from '../shared/id-problem.js';
import { betaSignupStrings, type BetaSignupStrings } from './beta-signup.strings.js';
import { HeardSignupEvent } from './beta-signup.events.js';
import { betaSignupStyles } from './beta-signup.styles.js';
import type * as Done from './beta-signup.done.js';
import type { DoneHost } from './beta-signup.done.js';
// Its events' types, and the map that types `addEventListener('heard-…')`, come with the class.
export type { HeardSignupEvent } from './beta-signup.events.js';

type Step = 'loading' | 'form' | 'sending' | 'done';

const KNOWN_FIELDS: Record<string, keyof BetaSignupStrings> = {
  name: 'fieldName',
  role: 'fieldRole',
  company: 'fieldCompany',
};

/**
 * @summary Signs people up for a beta with their e-mail and consent, then shows their place in
 * the queue and a personal invitation link that moves them up.
 *
 * @csspart base - The box around the form or the confirmation.
 * @csspart email - The e-mail field.
 * @csspart field - Each extra field.
 * @csspart consent - The consent checkbox's label.
 * @csspart submit - The sign-up button.
 * @csspart link - The invitation link.
 * @csspart share - The share or copy button.
 * @csspart error - An error message.
 *
 * @cssprop --heard-accent - Colour of the button and checkbox.
 * @cssprop --heard-on-accent - Text colour on the accent colour.
 * @cssprop --heard-background - Background of the box.
 * @cssprop --heard-foreground - Text colour.
 * @cssprop --heard-border - Colour of borders.
 * @cssprop --heard-error - Colour of errors.
 * @cssprop --heard-focus-ring - Colour of the keyboard focus ring.
 * @cssprop --heard-radius - Corner radius.
 * @cssprop --heard-gap - Space between the parts.
 * @cssprop --heard-padding - Space inside the box.
 *
 * @fires {HeardSignupEvent} heard-signup - The person signed up.
 */
export class HeardBetaSignup extends HeardElement<BetaSignupStrings> {
  static override styles = [...HeardElement.styles, betaSignupStyles];

  protected override catalogs = betaSignupStrings;

  static override get properties(): PropertyDeclarations {
    return {
      step: { state: true },
      status: { state: true },
      emailError: { state: true },
      consentError: { state: true },
      failure: { state: true },
      saved: { state: true },
      announcement: { state: true },
      program: {},
      consentText: { attribute: 'consent-text' },
      fields: {},
      refParam: { attribute: 'ref-param' },
      shareUrl: { attribute: 'share-url' },
    };
  }

  private step: Step = 'loading';
  private status: BetaStatus | undefined;
  private emailError = '';
  private consentError = '';
  private failure = '';
  /** The sign-up waits in the outbox for the network. */
  private saved = false;
  private announcement = '';

  /** The beta program's id. Required. */
  program = '';
  /** The agreement the person checks before anything is sent. Required. */
  consentText = '';
  /** Extra optional fields, by name, separated by commas: `name, role, company`. */
  fields = '';
  /** The query parameter that carries a referral code in invitation links. */
  refParam = 'ref';
  /** The page invitation links point to; by default this page. */
  shareUrl = '';

  /** The confirmation's view (`beta-signup.done.ts`), once loaded. */
  private done: typeof Done | undefined;
  private openedAt = performance.now();
  private readonly proof = new PendingProof();
  private loadedFor = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) return;
    if ((changed.has('program') || changed.has('client')) && !this.problem() && this.program !== this.loadedFor) {
      this.loadedFor = this.program;
      void this.load();
    }
  }

  override render() {
    const problem = this.problem();
    if (problem) return this.renderProblem(problem);
    return html`<div part="base">
        ${
          this.step === 'done'
            ? this.saved
              ? html`<p tabindex="-1" data-focus>${this.t('saved')}</p>`
              : (this.done?.renderDone(this as unknown as DoneHost) ??
                html`<p tabindex="-1" data-focus><strong>${this.t('onTheList')}</strong></p>`)
            : this.step === 'loading'
              ? html`<p class="muted">${this.t('loading')}</p>`
              : this.renderForm()
        }
      </div>
      <div class="visually-hidden" role="status">${this.announcement}</div>`;
  }

  private renderForm() {
    const busy = this.step === 'sending';
    return html`<form novalidate @submit=${this.onSubmit} @focusin=${this.onFocusIn}>
      <div class="field">
        <label for="email">${this.t('email')}</label>
        <input
          id="email"
          part="email"
          type="email"
          name="email"
          autocomplete="email"
          required
          maxlength="254"
          aria-invalid=${this.emailError ? 'true' : 'false'}
          aria-describedby=${this.emailError ? 'email-error' : nothing}
          ?readonly=${busy}
        />
        ${this.emailError ? html`<p id="email-error" part="error" class="message error" role="alert">${this.emailError}</p>` : nothing}
      </div>
      ${this.fieldNames().map(
        (name) =>
          html`<div class="field">
            <label for="field-${name}">${this.fieldLabel(name)}</label>
            <input id="field-${name}" part="field" type="text" name=${name} maxlength="200" ?readonly=${busy} />
          </div>`,
      )}
      <div class="trap" aria-hidden="true">
        <label for="website">Website</label>
        <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
      </div>
      <label part="consent" class="consent">
        <input
          type="checkbox"
          name="consent"
          required
          aria-invalid=${this.consentError ? 'true' : 'false'}
          aria-describedby=${this.consentError ? 'consent-error' : nothing}
          @click=${(event: Event) => busy && event.preventDefault()}
        />
        <span>${this.consentText}</span>
      </label>
      ${this.consentError ? html`<p id="consent-error" part="error" class="message error" role="alert">${this.consentError}</p>` : nothing}
      ${this.failure ? html`<p part="error" class="message error" role="alert">${this.failure}</p>` : nothing}
      ${this.saved ? html`<p class="message muted">${this.t('saved')}</p>` : nothing}
      <div class="actions">
        <button part="submit" class="primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? this.t('joining') : this.t('join')}
        </button>
      </div>
    </form>`;
  }

  private problem(): ConfigProblem | undefined {
    const badId = idProblem('program', this.program, 'the beta program people join');
    if (badId) return badId;
    if (!this.consentText.trim())
      return { attribute: 'consent-text', message: 'is required: what people agree to before anything is sent.' };
    const bad = this.fieldNames().find((name) => !KEY.test(name));
    if (bad) return { attribute: 'fields', message: `"${bad}" is not a field name (letters, digits, _ . -).` };
    if (this.fieldNames().length > 10) return { attribute: 'fields', message: 'at most 10 fields.' };
    if (!/^[A-Za-z][\w-]{0,31}$/.test(this.refParam))
      return { attribute: 'ref-param', message: `"${this.refParam}" is not a query parameter name.` };
    if (this.shareUrl && !webUrl(this.shareUrl)) return { attribute: 'share-url', message: 'must be an http(s) URL.' };
    return this.clientProblem();
  }

  private fieldLabel(name: string) {
    // Own keys only: a field named `constructor` is a field, not Object's.
    const key = Object.hasOwn(KNOWN_FIELDS, name) && KNOWN_FIELDS[name];
    return key ? this.t(key) : name;
  }

  private fieldNames() {
    return this.fields
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  }

  private get memoryKey() {
    return `beta:${this.program}`;
  }

  /** A returning person sees their status instead of the form. */
  private async load() {
    await this.updateComplete;
    const code = this.heard.recall(this.memoryKey);
    if (!code) {
      this.step = 'form';
      this.openedAt = performance.now();
      return;
    }
    await this.showStatus(code);
  }

  private async showStatus(code: string) {
    await this.seen();
    // The confirmation's view loads beside the read that fills it.
    const [status, done] = await Promise.all([
      this.patiently((signal) => this.heard.betaStatus(this.program, code, signal)),
      import('./beta-signup.done.js').catch(() => undefined),
    ]);
    this.done = done;
    this.status = status;
    const waiting = status ? undefined : this.stillWaiting('beta.signup', this.program);
    // Signed up on an earlier page and not delivered yet: saved, not "on the list".
    this.saved = !!waiting;
    waiting?.then(
      () => this.showStatus(code),
      async (error: unknown) => {
        this.heard.forget(this.memoryKey);
        this.failure = await this.problemOf(error);
        this.saved = false;
        this.step = 'form';
      },
    );
    if (this.status && this.status.referralCode !== code) this.heard.keep(this.memoryKey, this.status.referralCode);
    this.focusStep();
    this.step = 'done';
    this.announcement = this.status
      ? `${this.t('onTheList')} ${this.t('position', { position: this.status.position, total: this.status.total })}`
      : this.t(this.saved ? 'saved' : 'onTheList');
  }

  private referredBy(): string | undefined {
    const code = new URL(location.href).searchParams.get(this.refParam);
    return code && REFERRAL_CODE.test(code) ? code : undefined;
  }

  private onFocusIn() {
    if (!this.clientProblem()) this.proof.start(this.heard);
  }

  private async onSubmit(event: Event) {
    event.preventDefault();
    if (this.step === 'sending') return;
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const email = value('email');
    const consent = (form.elements.namedItem('consent') as HTMLInputElement).checked;
    this.emailError = EMAIL.test(email) && email.length <= 254 ? '' : this.t('invalidEmail');
    this.consentError = consent ? '' : this.t('consentNeeded');
    this.failure = '';
    if (this.emailError || this.consentError) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('[aria-invalid=true]')?.focus();
      return;
    }
    const fields = Object.fromEntries(
      this.fieldNames()
        .map((name) => [name, value(name)])
        .filter(([, v]) => v),
    );
    const code = randomCode(10);
    const referredBy = this.referredBy();
    this.step = 'sending';
    const proof = await this.proof.take(this.heard);
    try {
      const sent = this.heard.send(
        'beta.signup',
        this.program,
        {
          email,
          consent: true,
          code,
          ...(Object.keys(fields).length ? { fields } : {}),
          ...(referredBy ? { referredBy } : {}),
          form: {
            honeypot: value('website').slice(0, 200),
            fillMs: Math.min(FILL_MS, Math.round(performance.now() - this.openedAt)),
            ...proof,
          },
        },
        // What this person agreed to, word for word: evidence the team keeps.
        { locale: this.language, definition: { consent: this.consentText } },
      );
      // Kept at once: a reload while it waits for the network shows the sign-up, not the form.
      this.heard.keep(this.memoryKey, code);
      this.dispatchEvent(new HeardSignupEvent(code));
      // The place in line and the link come once the endpoint has the sign-up.
      await this.delivery(sent, () => {
        this.saved = true;
        this.announcement = this.t('saved');
      });
    } catch (error) {
      this.heard.forget(this.memoryKey);
      this.failure = await this.problemOf(error);
      this.saved = false;
      this.step = 'form';
      return;
    }
    this.saved = false;
    await this.showStatus(code);
  }
}
