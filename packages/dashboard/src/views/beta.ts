/** A beta programme: sign-ups over time, invitations, top referrers, and the queue to invite from. */
import type { BetaQueue, BetaSummary } from '@heard/protocol';
import { html, nothing, type PropertyDeclarations } from 'lit';
import type { AdminApi } from '../api.js';
import { periodBars } from '../chart.js';
import { betaChanges, renderChanges } from '../definition.js';
import type { Words } from '../i18n.js';
import { WidgetView, messageOf, rangeQuery } from '../view.js';

export class HdBeta extends WidgetView<BetaSummary> {
  static override get properties(): PropertyDeclarations {
    return {
      queue: { state: true },
    };
  }

  private queue?: BetaQueue;

  protected override async fetch(api: AdminApi) {
    const path = `/betas/${encodeURIComponent(this.widget)}`;
    const [summary, queue] = await Promise.all([
      api.get<BetaSummary>(`${path}/summary`, { ...rangeQuery(this.filters), by: this.filters.by }),
      api.get<BetaQueue>(`${path}/signups`, { limit: 50 }),
    ]);
    this.queue = queue;
    return summary;
  }

  private async more(api: AdminApi, queue: BetaQueue) {
    if (queue.next === null) return;
    try {
      const page = await api.get<BetaQueue>(`/betas/${encodeURIComponent(this.widget)}/signups`, {
        offset: queue.next,
        limit: 50,
      });
      this.queue = { ...page, signups: [...queue.signups, ...page.signups] };
    } catch (error) {
      console.error('heard-dashboard:', error);
      this.outcome = this.words?.t('loadFailed', { message: messageOf(error) }) ?? messageOf(error);
      this.outcomeFailed = true;
    }
  }

  private setStatus(code: string, email: string, status: 'waiting' | 'invited') {
    const { api, words } = this;
    if (!api || !words) return;
    return this.act(async () => {
      await api.send('PATCH', `/betas/${encodeURIComponent(this.widget)}/signups/${encodeURIComponent(code)}`, {
        status,
      });
      return `${email}: ${words.t(status)}`;
    });
  }

  /** What people agreed to, word for word, and what earlier sign-ups agreed to: evidence the team keeps. */
  private renderConsent(summary: BetaSummary, words: Words) {
    const latest =
      summary.versions.find((version) => version.definition === summary.definition) ?? summary.versions.at(-1);
    if (!latest) return nothing;
    const earlier = summary.versions.filter((version) => version !== latest).reverse();
    const seen = (version: (typeof summary.versions)[number]) =>
      words.t('consentSeen', { from: words.time(version.firstSeen), to: words.time(version.lastSeen) });
    return html`<section aria-labelledby="consent">
      <h3 id="consent">${words.t('consentWording')}</h3>
      <blockquote class="consent">${latest.definition.consent}</blockquote>
      <p class="muted">${seen(latest)}</p>
      ${renderChanges(summary.versions, betaChanges, words)}
      ${
        earlier.length
          ? html`<details>
              <summary>${words.t('earlierWordings')}</summary>
              ${earlier.map(
                (version) =>
                  html`<blockquote class="consent">${version.definition.consent}</blockquote>
                    <p class="muted">${seen(version)}</p>`,
              )}
            </details>`
          : nothing
      }
    </section>`;
  }

  protected override renderData(summary: BetaSummary, words: Words) {
    const { api, queue } = this;
    return html`
      <dl class="figures">
        <div>
          <dt>${words.t('signups')}</dt>
          <dd>${words.number(summary.signups)}</dd>
        </div>
        <div>
          <dt>${words.t('invited')}</dt>
          <dd>${words.number(summary.invited)}</dd>
        </div>
      </dl>
      <div class="charts">
        <section>
          <hd-chart
            .spec=${periodBars(
              words.t('signupsTrend', { period: words.t(`per_${this.filters.by}`) }),
              words.t('signups'),
              summary.trend.map((row) => ({ period: row.period, count: row.signups })),
              words,
              this.filters.by,
            )}
            .words=${words}
          ></hd-chart>
        </section>
        <section aria-labelledby="referrers">
          <h3 id="referrers">${words.t('referrers')}</h3>
          ${
            summary.referrers.length
              ? html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${words.t('code')}</th>
                      <th scope="col" class="n">${words.t('referrals')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${summary.referrers.map(
                      (row) =>
                        html`<tr>
                          <td><code>${row.code}</code></td>
                          <td class="n">${words.number(row.referrals)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
              : html`<p>${words.t('none')}</p>`
          }
        </section>
      </div>
      ${this.renderConsent(summary, words)}
      <section aria-labelledby="queue">
        <h3 id="queue">${words.t('queue')}</h3>
        ${this.renderOutcome()}
        ${
          queue?.signups.length
            ? html`<div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col" class="n">${words.t('position')}</th>
                      <th scope="col">${words.t('email')}</th>
                      <th scope="col" class="n">${words.t('referrals')}</th>
                      <th scope="col">${words.t('joined')}</th>
                      <th scope="col">${words.t('status')}</th>
                      <th scope="col">${words.t('action')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${queue.signups.map(
                      (signup) =>
                        html`<tr>
                          <td class="n">${words.number(signup.position)}</td>
                          <th scope="row">${signup.email}</th>
                          <td class="n">${words.number(signup.referrals)}</td>
                          <td>${words.time(signup.createdAt)}</td>
                          <td>${words.t(signup.status)}</td>
                          <td>
                            <button
                              type="button"
                              aria-label="${words.t(signup.status === 'invited' ? 'uninvite' : 'invite')}: ${signup.email}"
                              @click=${() =>
                                void this.setStatus(
                                  signup.code,
                                  signup.email,
                                  signup.status === 'invited' ? 'waiting' : 'invited',
                                )}
                            >
                              ${words.t(signup.status === 'invited' ? 'uninvite' : 'invite')}
                            </button>
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p>${words.t('none')}</p>`
        }
        ${
          api && queue && queue.next !== null
            ? html`<button type="button" @click=${() => void this.more(api, queue)}>${words.t('more')}</button>`
            : ''
        }
      </section>
    `;
  }
}
