/** A poll: results as bars with counts and shares, votes over time, "other" answers, closing. */
import * as Plot from '@observablehq/plot';
import type { PollSummary } from '@heard/protocol';
import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { AdminApi } from '../api.js';
import { countAxis, fitText, periodBars, textWidth, type ChartSpec } from '../chart.js';
import { pollChanges, renderChanges, smallImage } from '../definition.js';
import type { Words } from '../i18n.js';
import { WidgetView, rangeQuery } from '../view.js';

type Option = PollSummary['options'][number];

/** What people saw an option called: its label, or its id for a poll that sent no definition. */
const nameOf = (option: Option) => option.label ?? option.id;

export const resultsChart = (summary: PollSummary, words: Words): ChartSpec => {
  const label = (option: Option) => `${words.number(option.votes)} · ${words.percent(option.percent)}`;
  // People who wrote their own answer are a bar of their own: every voter is somewhere.
  const other = '\u0000other';
  const options: Option[] = summary.otherVotes
    ? [
        ...summary.options,
        {
          id: other,
          label: words.t('otherOption'),
          image: null,
          votes: summary.otherVotes,
          percent: summary.otherPercent,
        },
      ]
    : summary.options;
  // Bars are keyed by id (two options may share a label) and named by label.
  const names = new Map(options.map((option) => [option.id, nameOf(option)]));
  return {
    title: words.t('results'),
    summary: options.map((option) => `${nameOf(option)}: ${words.percent(option.percent)}`).join(', '),
    plot: (width) => {
      const marginLeft = Math.ceil(
        Math.min(width / 3, Math.max(...options.map((option) => textWidth(nameOf(option))), 0) + 12),
      );
      const marginRight = Math.ceil(Math.max(0, ...options.map((option) => textWidth(label(option)))) + 16);
      return {
        height: 48 + options.length * 36,
        marginLeft,
        marginRight,
        x: countAxis(
          options.map((option) => option.votes),
          words,
          width - marginLeft - marginRight,
        ),
        y: {
          label: null,
          domain: options.map((option) => option.id),
          tickFormat: (id: string) => fitText(names.get(id) ?? id, marginLeft - 12),
        },
        marks: [
          Plot.barX(options, { y: 'id', x: 'votes', fill: 'var(--hd-bar)' }),
          Plot.text(options, {
            y: 'id',
            x: 'votes',
            text: label,
            textAnchor: 'start',
            dx: 6,
            fill: 'currentColor',
          }),
          Plot.ruleX([0]),
        ],
      };
    },
    columns: [words.t('option'), words.t('votes'), words.t('share')],
    rows: options.map((option) => [nameOf(option), option.votes, words.percent(option.percent)]),
  };
};

@customElement('hd-poll')
export class HdPoll extends WidgetView<PollSummary> {
  protected override fetch(api: AdminApi) {
    return api.get<PollSummary>(`/polls/${encodeURIComponent(this.widget)}/summary`, {
      ...rangeQuery(this.filters),
      by: this.filters.by,
    });
  }

  private setClosed(closed: boolean) {
    const { api, words } = this;
    if (!api || !words) return;
    return this.act(async () => {
      await api.send('PATCH', `/polls/${encodeURIComponent(this.widget)}`, { closed });
      return `${this.widget}: ${words.t(closed ? 'closed' : 'live')}`;
    });
  }

  protected override renderData(summary: PollSummary, words: Words) {
    const shown = summary.definition?.options ?? [];
    return html`
      ${summary.definition ? html`<p class="subtitle">${summary.definition.question}</p>` : nothing}
      <dl class="figures">
        <div>
          <dt>${words.t('voters')}</dt>
          <dd>${words.number(summary.voters)}</dd>
        </div>
        <div>
          <dt>${words.t('status')}</dt>
          <dd>
            <span class="badge">${words.t(summary.closed ? 'closed' : 'live')}</span>
            <small>
              <button type="button" @click=${() => void this.setClosed(!summary.closed)}>
                ${words.t(summary.closed ? 'reopenPoll' : 'closePoll')}
              </button>
            </small>
          </dd>
        </div>
      </dl>
      ${this.renderOutcome()} ${renderChanges(summary.versions, pollChanges, words)}
      ${
        shown.length
          ? html`<section aria-labelledby="shown">
              <h3 id="shown">${words.t('optionsShown')}</h3>
              <ul class="shown">
                ${shown.map((option) => {
                  const image = smallImage(option.image);
                  return html`<li>
                    ${image ? html`<img src=${image} alt="" />` : nothing}
                    <span>${option.label}</span> <span class="muted">${option.id}</span>
                  </li>`;
                })}
              </ul>
            </section>`
          : nothing
      }
      <div class="charts">
        <section><hd-chart .spec=${resultsChart(summary, words)} .words=${words}></hd-chart></section>
        <section>
          <hd-chart
            .spec=${periodBars(
              words.t('votesTrend', { period: words.t(`per_${this.filters.by}`) }),
              words.t('votes'),
              summary.trend.map((row) => ({ period: row.period, count: row.votes })),
              words,
              this.filters.by,
            )}
            .words=${words}
          ></hd-chart>
        </section>
      </div>
      <section aria-labelledby="other">
        <h3 id="other">${words.t('otherAnswers')}</h3>
        ${
          summary.other.length
            ? html`<ul class="plain">
                ${summary.other.map(
                  (answer) => html`<li><span class="muted">${words.time(answer.at)}</span> ${answer.text}</li>`,
                )}
              </ul>`
            : html`<p>${words.t('noOther')}</p>`
        }
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hd-poll': HdPoll;
  }
}
