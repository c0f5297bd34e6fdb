/**
 * `<hd-history>`: what the team changed on a widget, newest first — the statuses and notes
 * voters were shown, merges, closing a poll, invitations — from the collector's admin log.
 */
import type { AdminLog, AdminLogEntry } from '@heard/protocol';
import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { AdminApi } from './api.js';
import type { Words } from './i18n.js';
import { viewStyles } from './styles.js';
import { messageOf } from './view.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** One change, said in words. */
export const describeChange = (entry: AdminLogEntry, words: Words): string => {
  const { detail } = entry;
  switch (entry.action) {
    case 'idea.status': {
      const status = words.status(text(detail.status));
      const said = words.t('changedStatus', { title: text(detail.title), status });
      return detail.note ? `${said} — “${text(detail.note)}”` : said;
    }
    case 'idea.merge':
      return words.t('merged', { from: text(detail.from), into: text(detail.into) });
    case 'poll.closed':
      return words.t(detail.closed ? 'pollClosed' : 'pollReopened');
    case 'signup.status':
      return `${text(detail.email)}: ${words.t(detail.status === 'invited' ? 'invited' : 'waiting')}`;
  }
};

export class HdHistory extends LitElement {
  static override get properties(): PropertyDeclarations {
    return {
      api: { attribute: false },
      words: { attribute: false },
      widget: {},
      revision: { type: Number },
      log: { state: true },
      failure: { state: true },
    };
  }

  static override styles = viewStyles;

  api?: AdminApi;
  words?: Words;
  widget = '';
  /** Changed by the page after each change the team makes, to read the log again. */
  revision = 0;
  private log?: AdminLog;
  private failure = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('widget') || changed.has('revision') || changed.has('api')) void this.load();
  }

  private async load(more = false) {
    const { api, widget } = this;
    if (!api || !widget) return;
    try {
      const page = await api.get<AdminLog>(`/widgets/${encodeURIComponent(widget)}/log`, {
        offset: more ? (this.log?.next ?? 0) : 0,
        limit: 20,
      });
      this.log = more && this.log ? { ...page, entries: [...this.log.entries, ...page.entries] } : page;
      this.failure = '';
    } catch (error) {
      console.error('heard-dashboard:', error);
      this.failure = messageOf(error);
    }
  }

  override render() {
    const { words, log } = this;
    if (!words) return nothing;
    return html`<section aria-labelledby="history">
      <h3 id="history">${words.t('history')}</h3>
      ${this.failure ? html`<p role="alert">${words.t('loadFailed', { message: this.failure })}</p>` : nothing}
      ${
        log?.entries.length
          ? html`<ul class="plain">
              ${log.entries.map(
                (entry) =>
                  html`<li>
                    <span class="muted">${words.time(entry.at)} · ${words.t(`via_${entry.via}`)}</span>
                    <p>${describeChange(entry, words)}</p>
                  </li>`,
              )}
            </ul>`
          : html`<p>${words.t('noChanges')}</p>`
      }
      ${
        log?.next != null
          ? html`<button type="button" @click=${() => void this.load(true)}>${words.t('more')}</button>`
          : nothing
      }
    </section>`;
  }
}
