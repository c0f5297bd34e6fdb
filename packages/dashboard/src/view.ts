/**
 * What every view of a widget does: it loads its figures when its widget, date range or
 * grouping change, shows that it is loading, and shows (and logs) what went wrong with a way
 * to try again. Actions report their outcome in a live region.
 */
import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ApiError, type AdminApi } from './api.js';
import type { Words } from './i18n.js';
import type { Period } from '@heard/protocol';
import { viewStyles } from './styles.js';

export interface Filters {
  /** `YYYY-MM-DD`, the first day shown; empty for no bound. */
  from: string;
  /** `YYYY-MM-DD`, the last day shown; empty for no bound. */
  to: string;
  by: Period;
}

/** The filters as the admin API takes them: `to` is the day after the last one shown. */
export const rangeQuery = ({ from, to }: Filters) => ({
  from: from ? `${from}T00:00:00.000Z` : undefined,
  to: to ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString() : undefined,
});

export const messageOf = (error: unknown) =>
  error instanceof ApiError
    ? [error.message, ...error.issues.map((issue) => `${issue.path}: ${issue.message}`)].join(' — ')
    : error instanceof Error
      ? error.message
      : String(error);

export abstract class WidgetView<T> extends LitElement {
  static override get properties(): PropertyDeclarations {
    return {
      api: { attribute: false },
      words: { attribute: false },
      widget: {},
      filters: { attribute: false },
      data: { state: true },
      failure: { state: true },
      outcome: { state: true },
      outcomeFailed: { state: true },
    };
  }

  static override styles = viewStyles;

  api?: AdminApi;
  words?: Words;
  widget = '';
  filters: Filters = { from: '', to: '', by: 'week' };

  protected data?: T;
  protected failure?: string;
  /** What the last action did, announced politely. */
  protected outcome = '';
  protected outcomeFailed = false;
  private loads = 0;

  protected abstract fetch(api: AdminApi): Promise<T>;
  protected abstract renderData(data: T, words: Words): unknown;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('widget') || changed.has('filters') || changed.has('api')) void this.load();
  }

  /** Loads the view's figures; a later load wins over one still in flight. */
  async load(): Promise<void> {
    const { api } = this;
    if (!api || !this.widget) return;
    const load = ++this.loads;
    this.failure = undefined;
    try {
      const data = await this.fetch(api);
      if (load === this.loads) this.data = data;
    } catch (error) {
      if (load !== this.loads) return;
      console.error('heard-dashboard:', error);
      this.failure = messageOf(error);
      this.data = undefined;
    }
  }

  /** Runs a team action, reports its outcome, and reloads the figures it changed; true when it worked. */
  protected async act(action: () => Promise<string>): Promise<boolean> {
    try {
      this.outcome = await action();
      this.outcomeFailed = false;
      // The page reads the widget's history again.
      this.dispatchEvent(new Event('hd-changed', { bubbles: true, composed: true }));
      await this.load();
      return true;
    } catch (error) {
      console.error('heard-dashboard:', error);
      this.outcome = this.words?.t('actionFailed', { message: messageOf(error) }) ?? messageOf(error);
      this.outcomeFailed = true;
      return false;
    }
  }

  protected renderOutcome() {
    // Always in the page, so that screen readers announce what is written into it.
    return html`<p role="status" class="outcome ${this.outcomeFailed ? 'failed' : ''}">${this.outcome}</p>`;
  }

  override render() {
    const { words } = this;
    if (!words) return nothing;
    if (this.failure !== undefined) {
      return html`<div role="alert">
        <p>${words.t('loadFailed', { message: this.failure })}</p>
        <button type="button" @click=${() => void this.load()}>${words.t('retry')}</button>
      </div>`;
    }
    if (!this.data) return html`<p role="status">${words.t('loading')}</p>`;
    return this.renderData(this.data, words);
  }
}
