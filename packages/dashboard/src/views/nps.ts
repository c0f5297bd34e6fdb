/**
 * An NPS survey: the score with its margin of error, its trend, the 0–10 answers coloured by
 * category, and the comments, by category and searchable.
 */
import * as Plot from '@observablehq/plot';
import type { NpsCategory, NpsComments, NpsSummary, Period } from '@heard/protocol';
import { NPS_CATEGORIES, npsCategory } from '@heard/protocol/limits';
import { html, nothing, type PropertyDeclarations } from 'lit';
import type { AdminApi } from '../api.js';
import { countAxis, periodAxis, seriesSummary, textWidth, type ChartSpec } from '../chart.js';
import { npsChanges, renderChanges } from '../definition.js';
import type { Words } from '../i18n.js';
import { WidgetView, rangeQuery, messageOf } from '../view.js';

type Trend = NpsSummary['trend'][number];

const COLOUR: Record<NpsCategory, string> = {
  promoter: 'var(--hd-promoter)',
  passive: 'var(--hd-passive)',
  detractor: 'var(--hd-detractor)',
};

/** The score axis: −100 to 100, a tick every 50. */
const SCORE_TICKS = [-100, -50, 0, 50, 100];

export const npsTrendChart = (summary: NpsSummary, words: Words, by: Period): ChartSpec => ({
  title: words.t('npsTrend', { period: words.t(`per_${by}`) }),
  summary: seriesSummary(
    summary.trend.map((row) => ({ period: row.period, value: row.score })),
    words,
  ),
  plot: (width) => ({
    height: 220,
    ...periodAxis(
      summary.trend.map((row) => row.period),
      words,
      by,
      width,
      words.number(-100),
    ),
    y: { domain: [-100, 100], ticks: SCORE_TICKS, grid: true, label: null },
    marks: [
      Plot.ruleY([0], { stroke: 'var(--hd-muted)' }),
      // The 95 % interval of each period's score: wide with few answers, narrow with many.
      Plot.ruleX(summary.trend, {
        x: 'period',
        y1: (row: Trend) => Math.max(-100, row.score - row.margin),
        y2: (row: Trend) => Math.min(100, row.score + row.margin),
        stroke: 'var(--hd-bar)',
        strokeOpacity: 0.3,
        strokeWidth: 8,
      }),
      Plot.lineY(summary.trend, { x: 'period', y: 'score', stroke: 'var(--hd-bar)', strokeWidth: 2 }),
      Plot.dot(summary.trend, { x: 'period', y: 'score', fill: 'var(--hd-bar)', r: 4 }),
    ],
  }),
  columns: [words.t('period'), words.t('nps'), words.t('marginColumn'), words.t('responses')],
  rows: summary.trend.map((row) => [words.day(row.period), row.score, `± ${words.number(row.margin)}`, row.responses]),
});

export const distributionChart = (summary: NpsSummary, words: Words): ChartSpec => {
  const bars = summary.distribution.map((answers, score) => ({
    score: String(score),
    answers,
    category: npsCategory(score),
  }));
  return {
    title: words.t('distribution'),
    summary: bars.map((bar) => `${bar.score}: ${words.number(bar.answers)}`).join(', '),
    plot: () => ({
      height: 220,
      marginLeft: Math.ceil(textWidth(words.count(Math.max(1, ...summary.distribution) * 5))) + 16,
      x: { label: null, domain: bars.map((bar) => bar.score) },
      y: countAxis(summary.distribution, words, 220 - 50),
      marks: [
        Plot.barY(bars, { x: 'score', y: 'answers', fill: (bar: (typeof bars)[number]) => COLOUR[bar.category] }),
        Plot.ruleY([0]),
      ],
    }),
    columns: [words.t('score'), words.t('category'), words.t('answers')],
    rows: bars.map((bar) => [bar.score, words.t(bar.category), bar.answers]),
  };
};

export class HdNps extends WidgetView<NpsSummary> {
  static override get properties(): PropertyDeclarations {
    return {
      comments: { state: true },
      category: { state: true },
      search: { state: true },
      commentsFailure: { state: true },
    };
  }

  private comments?: NpsComments;
  private category: NpsCategory | '' = '';
  private search = '';
  private commentsFailure = '';
  private searchTimer?: ReturnType<typeof setTimeout>;

  protected override async fetch(api: AdminApi) {
    const [summary] = await Promise.all([
      api.get<NpsSummary>(`/nps/${encodeURIComponent(this.widget)}/summary`, {
        ...rangeQuery(this.filters),
        by: this.filters.by,
      }),
      this.loadComments(false),
    ]);
    return summary;
  }

  private async loadComments(more: boolean) {
    const { api } = this;
    if (!api) return;
    try {
      const page = await api.get<NpsComments>(`/nps/${encodeURIComponent(this.widget)}/comments`, {
        ...rangeQuery(this.filters),
        category: this.category || undefined,
        q: this.search.trim() || undefined,
        offset: more ? (this.comments?.next ?? 0) : 0,
      });
      this.comments =
        more && this.comments ? { ...page, comments: [...this.comments.comments, ...page.comments] } : page;
      this.commentsFailure = '';
    } catch (error) {
      console.error('heard-dashboard:', error);
      this.commentsFailure = messageOf(error);
    }
  }

  private onSearch(event: InputEvent) {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.loadComments(false), 250);
  }

  protected override renderData(summary: NpsSummary, words: Words) {
    const share = (n: number) => (summary.responses ? words.percent((n / summary.responses) * 100) : '—');
    const { definition } = summary;
    return html`
      ${
        definition
          ? html`<p class="subtitle">${definition.question}</p>
              ${definition.product ? html`<p class="muted">${words.t('product')}: ${definition.product}</p>` : nothing}`
          : nothing
      }
      ${renderChanges(summary.versions, npsChanges, words)}
      <dl class="figures">
        <div>
          <dt>${words.t('nps')}</dt>
          <dd>
            <span class="value">${summary.score === null ? '—' : words.number(summary.score)}</span>
            <small
              >${
                summary.margin === null
                  ? words.t('none')
                  : words.t('margin', {
                      points: words.t('points', { count: summary.margin }),
                      answers: words.t('answerCount', { count: summary.responses }),
                    })
              }</small
            >
          </dd>
        </div>
        <div>
          <dt>${words.t('promoters')}</dt>
          <dd class="promoter">
            <span class="value">${share(summary.promoters)}</span><small>${words.number(summary.promoters)}</small>
          </dd>
        </div>
        <div>
          <dt>${words.t('passives')}</dt>
          <dd class="passive">
            <span class="value">${share(summary.passives)}</span><small>${words.number(summary.passives)}</small>
          </dd>
        </div>
        <div>
          <dt>${words.t('detractors')}</dt>
          <dd class="detractor">
            <span class="value">${share(summary.detractors)}</span><small>${words.number(summary.detractors)}</small>
          </dd>
        </div>
      </dl>
      <div class="charts">
        <section><hd-chart .spec=${npsTrendChart(summary, words, this.filters.by)} .words=${words}></hd-chart></section>
        <section><hd-chart .spec=${distributionChart(summary, words)} .words=${words}></hd-chart></section>
      </div>
      <section aria-labelledby="comments">
        <h3 id="comments">${words.t('comments')}</h3>
        <div class="row">
          <label
            >${words.t('category')}
            <select
              .value=${this.category}
              @change=${(event: Event) => {
                this.category = (event.target as HTMLSelectElement).value as NpsCategory | '';
                void this.loadComments(false);
              }}
            >
              <option value="">${words.t('all')}</option>
              ${NPS_CATEGORIES.map((category) => html`<option value=${category}>${words.t(category)}</option>`)}
            </select>
          </label>
          <label
            >${words.t('searchComments')}
            <input type="search" .value=${this.search} @input=${this.onSearch} />
          </label>
        </div>
        ${this.commentsFailure ? html`<p role="alert">${words.t('loadFailed', { message: this.commentsFailure })}</p>` : ''}
        ${
          this.comments?.comments.length
            ? html`<ul class="plain">
                ${this.comments.comments.map(
                  (comment) =>
                    html`<li>
                      <span class="badge ${comment.category}">${comment.score} · ${words.t(comment.category)}</span>
                      <span class="muted">${words.time(comment.at)}</span>
                      <p>${comment.comment}</p>
                    </li>`,
                )}
              </ul>`
            : html`<p>${words.t('noComments')}</p>`
        }
        ${
          this.comments?.next != null
            ? html`<button type="button" @click=${() => void this.loadComments(true)}>${words.t('more')}</button>`
            : ''
        }
      </section>
    `;
  }
}
