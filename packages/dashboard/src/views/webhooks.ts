/**
 * `<hd-webhooks>`: the endpoints the collector posts what people say to, each with its recent
 * deliveries and the last answer to each; adding one (its signing secret shown once), pausing,
 * resuming and removing one. Refusals of the admin API are shown next to the field they name.
 */
import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError, type AdminApi } from '../api.js';
import type { MessageKey, Words } from '../i18n.js';
import { viewStyles } from '../styles.js';
import { messageOf } from '../view.js';
import { webhooksStyles } from './webhooks.styles.js';

/** The events an endpoint may take, as the collector names them. */
const EVENTS = ['idea.created', 'idea.status_changed', 'nps.answered', 'poll.voted', 'beta.signed_up'] as const;
const FORMATS = ['standard', 'slack'] as const;
/** Deliveries shown per endpoint before "show all". */
const SHOWN = 5;

interface Webhook {
  id: string;
  url: string;
  events: string[];
  format: string;
  personal: boolean;
  active: boolean;
  createdAt: string;
  pending: number;
}

interface Delivery {
  id: string;
  event: string;
  widget: string;
  at: string;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed';
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
}

/** What the form's fields were refused for, by field. */
type FieldErrors = Partial<Record<'url' | 'events' | 'format' | 'personal', string>>;

const eventKey = (event: string) => `event_${event.replace('.', '_')}` as MessageKey;

export class HdWebhooks extends LitElement {
  static override get properties(): PropertyDeclarations {
    return {
      api: { attribute: false },
      words: { attribute: false },
      webhooks: { state: true },
      failure: { state: true },
      outcome: { state: true },
      outcomeFailed: { state: true },
      errors: { state: true },
      busy: { state: true },
      secret: { state: true },
      copyNote: { state: true },
      removing: { state: true },
      expanded: { state: true },
    };
  }

  static override styles = [viewStyles, webhooksStyles];

  api?: AdminApi;
  words?: Words;

  private webhooks?: { webhook: Webhook; deliveries: Delivery[] }[];
  private failure?: string;
  /** What the last action did, announced politely. */
  private outcome = '';
  private outcomeFailed = false;
  private errors: FieldErrors = {};
  private busy = false;
  /** The endpoint just added and its signing secret, until the team says it kept it. */
  private secret?: { url: string; secret: string };
  private copyNote = '';
  /** The endpoint the removal dialog asks about. */
  private removing?: Webhook;
  /** Endpoints whose deliveries are all shown. */
  private expanded = new Set<string>();
  private loads = 0;

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api')) void this.load();
  }

  /** Reads the endpoints and each one's recent deliveries; a later load wins over one in flight. */
  async load(): Promise<void> {
    const { api } = this;
    if (!api) return;
    const load = ++this.loads;
    try {
      const { webhooks } = await api.get<{ webhooks: Webhook[] }>('/webhooks');
      const rows = await Promise.all(
        webhooks.map(async (webhook) => ({
          webhook,
          deliveries: (await api.get<{ deliveries: Delivery[] }>(`/webhooks/${webhook.id}/deliveries`)).deliveries,
        })),
      );
      if (load !== this.loads) return;
      this.webhooks = rows;
      this.failure = undefined;
    } catch (error) {
      if (load !== this.loads) return;
      console.error('heard-dashboard:', error);
      this.failure = messageOf(error);
    }
  }

  private async refresh() {
    await this.load();
    if (this.failure === undefined) this.say(this.words?.t('refreshed') ?? '');
  }

  private say(outcome: string, failed = false) {
    this.outcome = outcome;
    this.outcomeFailed = failed;
  }

  private async setActive(webhook: Webhook, active: boolean) {
    const { api, words } = this;
    if (!api || !words) return;
    try {
      await api.send('PATCH', `/webhooks/${webhook.id}`, { active });
      await this.load();
      this.say(words.t(active ? 'resumedOutcome' : 'pausedOutcome', { url: webhook.url }));
    } catch (error) {
      console.error('heard-dashboard:', error);
      this.say(words.t('actionFailed', { message: messageOf(error) }), true);
    }
  }

  private async askRemove(webhook: Webhook) {
    this.removing = webhook;
    // Open before the render, so that a close event still queued from the last answer finds it open.
    this.dialog?.showModal();
    await this.updateComplete;
    // The safe answer first: Enter keeps the endpoint.
    this.renderRoot.querySelector<HTMLButtonElement>('dialog .keep')?.focus();
  }

  private async removeConfirmed() {
    const { api, words, removing } = this;
    // Answered: focus goes to the list once it is read again, not back to the button.
    this.removing = undefined;
    this.dialog?.close();
    if (!api || !words || !removing) return;
    try {
      await api.send('DELETE', `/webhooks/${removing.id}`);
      await this.load();
      this.say(words.t('removedOutcome', { url: removing.url }));
      await this.updateComplete;
      // Its card is gone: the list's heading holds focus, so Tab goes on from the list.
      this.renderRoot.querySelector<HTMLElement>('#endpoints')?.focus();
    } catch (error) {
      console.error('heard-dashboard:', error);
      this.say(words.t('actionFailed', { message: messageOf(error) }), true);
    }
  }

  private closed() {
    // Escape closes at once but its event comes a task later: by then the dialog may ask again.
    if (this.dialog?.open) return;
    const id = this.removing?.id;
    this.removing = undefined;
    // Kept: focus goes back to the button that asked.
    if (id) this.renderRoot.querySelector<HTMLButtonElement>(`button.danger[data-id="${id}"]`)?.focus();
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const { api, words } = this;
    if (!api || !words) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.errors = {};
    try {
      const created = await api.send<Webhook & { secret: string }>('POST', '/webhooks', {
        url: String(data.get('url') ?? '').trim(),
        events: data.getAll('events').map(String),
        format: String(data.get('format') ?? 'standard'),
        personal: data.get('personal') === 'on',
      });
      form.reset();
      this.secret = { url: created.url, secret: created.secret };
      this.copyNote = '';
      this.say(words.t('addedOutcome', { url: created.url }));
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#secret-title')?.focus();
    } catch (error) {
      this.errors = this.fieldErrors(error, words);
      // A refused field is the answer the form shows, not a fault to log.
      if (!Object.keys(this.errors).length) console.error('heard-dashboard:', error);
      if (Object.keys(this.errors).length) {
        await this.updateComplete;
        // The first field refused takes focus; its message is read as it appears.
        const first = (['url', 'events', 'format', 'personal'] as const).find((field) => this.errors[field]);
        this.renderRoot.querySelector<HTMLInputElement>(`form input[name="${first}"]`)?.focus();
      } else this.say(words.t('actionFailed', { message: messageOf(error) }), true);
    } finally {
      this.busy = false;
    }
  }

  /** The collector's refusal, field by field, in the page's language where the field is known. */
  private fieldErrors(error: unknown, words: Words): FieldErrors {
    if (!(error instanceof ApiError) || error.status >= 500) return {};
    const errors: FieldErrors = {};
    for (const issue of error.issues) {
      const field = issue.path.split('.')[0];
      if (field === 'url') errors.url ??= words.t('urlInvalid');
      else if (field === 'events') errors.events ??= words.t('eventsMissing');
      else if (field === 'format' || field === 'personal') errors[field] ??= issue.message;
    }
    return errors;
  }

  private async copy() {
    const { secret, words } = this;
    if (!secret || !words) return;
    try {
      await navigator.clipboard.writeText(secret.secret);
      this.copyNote = words.t('copied');
    } catch {
      // No clipboard for this page: the secret is selected, for the keyboard's own copy.
      const code = this.renderRoot.querySelector('.secret code');
      if (code) getSelection()?.selectAllChildren(code);
      this.copyNote = words.t('copyFailed');
    }
  }

  private async keptSecret() {
    this.secret = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#endpoints')?.focus();
  }

  private showAll(id: string) {
    this.expanded = new Set([...this.expanded, id]);
  }

  override render() {
    const { words } = this;
    if (!words) return nothing;
    if (this.failure !== undefined && !this.webhooks) {
      return html`<div role="alert">
        <p>${words.t('loadFailed', { message: this.failure })}</p>
        <button type="button" @click=${() => void this.load()}>${words.t('retry')}</button>
      </div>`;
    }
    if (!this.webhooks) return html`<p role="status">${words.t('loading')}</p>`;
    const { webhooks } = this;
    return html`
      <p>${words.t('webhooksIntro')}</p>
      <section aria-labelledby="endpoints">
        <div class="row">
          <h3 id="endpoints" tabindex="-1">${words.t('endpoints')}</h3>
          <span class="muted">${words.t('endpointCount', { count: webhooks.length })}</span>
          <button type="button" @click=${() => void this.refresh()}>${words.t('refresh')}</button>
        </div>
        <p role="status" class="outcome ${this.outcomeFailed ? 'failed' : ''}">${this.outcome}</p>
        ${
          webhooks.length
            ? html`<ul class="plain endpoints">
                ${repeat(
                  webhooks,
                  ({ webhook }) => webhook.id,
                  ({ webhook, deliveries }) => this.renderWebhook(webhook, deliveries, words),
                )}
              </ul>`
            : html`<p>${words.t('noEndpoints')}</p>`
        }
      </section>
      <section aria-labelledby=${this.secret ? 'secret-title' : 'add-title'} class=${this.secret ? 'secret' : ''}>
        ${this.secret ? this.renderSecret(this.secret, words) : this.renderForm(words)}
      </section>
      ${this.renderDialog(words)}
    `;
  }

  private renderWebhook(webhook: Webhook, deliveries: Delivery[], words: Words) {
    const all = this.expanded.has(webhook.id) || deliveries.length <= SHOWN;
    const state = webhook.active ? 'active' : 'paused';
    return html`<li class=${state}>
      <h4 class="url" id="url-${webhook.id}">${webhook.url}</h4>
      <dl class="facts">
        <div>
          <dt>${words.t('state')}</dt>
          <dd>
            <span class="badge ${state}">${words.t(state)}</span>
            ${
              webhook.pending
                ? html`<span class="muted waiting">${words.t('waitingCount', { count: webhook.pending })}</span>`
                : nothing
            }
          </dd>
        </div>
        <div>
          <dt>${words.t('webhookEvents')}</dt>
          <dd>${webhook.events.map((event) => words.t(eventKey(event))).join(', ')}</dd>
        </div>
        <div>
          <dt>${words.t('format')}</dt>
          <dd>${words.t(webhook.format === 'slack' ? 'format_slack' : 'format_standard')}</dd>
        </div>
        <div>
          <dt>${words.t('personalData')}</dt>
          <dd>${words.t(webhook.personal ? 'personalYes' : 'personalNo')}</dd>
        </div>
      </dl>
      <div class="row">
        <button
          type="button"
          aria-label="${words.t(webhook.active ? 'pause' : 'resume')}: ${webhook.url}"
          @click=${() => void this.setActive(webhook, !webhook.active)}
        >
          ${words.t(webhook.active ? 'pause' : 'resume')}
        </button>
        <button
          type="button"
          class="danger"
          data-id=${webhook.id}
          aria-label="${words.t('remove')}: ${webhook.url}"
          @click=${() => void this.askRemove(webhook)}
        >
          ${words.t('remove')}
        </button>
      </div>
      <h5>${words.t('deliveries')}</h5>
      ${
        deliveries.length
          ? html`<ul class="plain deliveries">
              ${(all ? deliveries : deliveries.slice(0, SHOWN)).map((delivery) =>
                this.renderDelivery(delivery, webhook, words),
              )}
            </ul>`
          : html`<p class="muted">${words.t('noDeliveries')}</p>`
      }
      ${
        all
          ? nothing
          : html`<button type="button" @click=${() => this.showAll(webhook.id)}>
              ${words.t('showAllDeliveries', { count: deliveries.length })}
            </button>`
      }
    </li>`;
  }

  private renderDelivery(delivery: Delivery, webhook: Webhook, words: Words) {
    const answer =
      delivery.lastStatus !== null
        ? `${words.t('statusCode', { status: String(delivery.lastStatus) })}${
            delivery.lastError ? ` — ${delivery.lastError}` : ''
          }`
        : (delivery.lastError ?? words.t('notTriedYet'));
    // Waiting deliveries of a paused endpoint are not being tried: they say so.
    const shown =
      delivery.state !== 'pending'
        ? delivery.state
        : !webhook.active
          ? 'held'
          : delivery.attempts
            ? 'pending'
            : 'waiting';
    return html`<li>
      <span><strong>${words.t(eventKey(delivery.event))}</strong> · <code>${delivery.widget}</code></span>
      <span class="answer">
        <span class="badge ${delivery.state}">${words.t(`delivery_${shown}`)}</span>
        <span>${words.t('attempts', { count: delivery.attempts })}</span>
        <span>${words.t('lastAnswer')}: ${answer}</span>
      </span>
      <span class="answer muted">
        <span>${words.t('happened')}: <time>${words.time(delivery.at)}</time></span>
        ${
          delivery.lastAttemptAt
            ? html`<span>${words.t('lastAttempt')}: <time>${words.time(delivery.lastAttemptAt)}</time></span>`
            : nothing
        }
        ${
          delivery.nextAttemptAt && webhook.active
            ? html`<span>${words.t('nextRetry')}: <time>${words.time(delivery.nextAttemptAt)}</time></span>`
            : nothing
        }
      </span>
    </li>`;
  }

  private renderForm(words: Words) {
    const { errors } = this;
    return html`<h3 id="add-title">${words.t('addEndpoint')}</h3>
      <form novalidate @submit=${this.add}>
        <div class="field">
          <label
            >${words.t('url')}
            <input
              type="url"
              name="url"
              inputmode="url"
              autocomplete="off"
              spellcheck="false"
              placeholder="https://hooks.example.com/heard"
              aria-describedby="url-help url-error"
              aria-invalid=${errors.url ? 'true' : 'false'}
            />
          </label>
          <p id="url-help" class="help">${words.t('urlHelp')}</p>
          <p id="url-error" class="field-error" role="alert">${errors.url ?? ''}</p>
        </div>
        <fieldset aria-describedby="events-help events-error" aria-invalid=${errors.events ? 'true' : 'false'}>
          <legend>${words.t('webhookEvents')}</legend>
          ${EVENTS.map(
            (event) =>
              html`<label class="check"
                ><input type="checkbox" name="events" value=${event} />
                <span>${words.t(eventKey(event))} <code class="muted">${event}</code></span></label
              >`,
          )}
          <p id="events-help" class="help">${words.t('eventsHelp')}</p>
          <p id="events-error" class="field-error" role="alert">${errors.events ?? ''}</p>
        </fieldset>
        <fieldset aria-describedby="format-error">
          <legend>${words.t('format')}</legend>
          ${FORMATS.map(
            (format) =>
              html`<label class="check"
                ><input type="radio" name="format" value=${format} ?checked=${format === 'standard'} />
                <span>${words.t(`format_${format}`)}</span></label
              >`,
          )}
          <p id="format-error" class="field-error" role="alert">${errors.format ?? ''}</p>
        </fieldset>
        <div class="field">
          <label class="check"
            ><input
              type="checkbox"
              name="personal"
              aria-describedby="personal-warning personal-error"
              aria-invalid=${errors.personal ? 'true' : 'false'}
            />
            <span>${words.t('personalLabel')}</span></label
          >
          <p id="personal-warning" class="warning">
            <strong>${words.t('warning')}</strong> ${words.t('personalWarning')}
          </p>
          <p id="personal-error" class="field-error" role="alert">${errors.personal ?? ''}</p>
        </div>
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.busy}>${words.t(this.busy ? 'adding' : 'add')}</button>
        </div>
      </form>`;
  }

  private renderSecret(secret: { url: string; secret: string }, words: Words) {
    return html`<h3 id="secret-title" tabindex="-1">${words.t('secretTitle', { url: secret.url })}</h3>
      <p class="once">${words.t('secretOnce')}</p>
      <p>${words.t('secretHelp')}</p>
      <code>${secret.secret}</code>
      <div class="row">
        <button type="button" class="primary" @click=${() => void this.copy()}>${words.t('copy')}</button>
        <button type="button" @click=${() => void this.keptSecret()}>${words.t('secretDone')}</button>
      </div>
      <p role="status">${this.copyNote}</p>`;
  }

  private renderDialog(words: Words) {
    const { removing } = this;
    // Always in the page, so that it can open modally; empty while nothing is asked.
    return html`<dialog aria-labelledby="remove-title" aria-describedby="remove-warning" @close=${this.closed}>
      ${
        removing
          ? html`<h3 id="remove-title">${words.t('removeTitle')}</h3>
              <p id="remove-warning">${words.t('removeWarning', { url: removing.url })}</p>
              <div class="row">
                <button type="button" class="keep" @click=${() => this.dialog?.close()}>${words.t('keep')}</button>
                <button type="button" class="danger confirm" @click=${() => void this.removeConfirmed()}>
                  ${words.t('removeConfirm')}
                </button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}
