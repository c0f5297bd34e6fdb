/**
 * An idea board: the leaderboard (votes in the range, the last 7 days, status) and what the
 * team does with it: set a status and its public note (a declined idea needs a reason), and
 * merge a duplicate into another idea. Voters see the outcome the next time they look.
 */
import * as Plot from '@observablehq/plot';
import type { BoardSummary, IdeaStatus } from '@heard/protocol';
import { IDEA_STATUSES } from '@heard/protocol/limits';
import { html } from 'lit';
import type { AdminApi } from '../api.js';
import { countAxis, fitText, textWidth, type ChartSpec } from '../chart.js';
import type { Words } from '../i18n.js';
import { WidgetView, rangeQuery } from '../view.js';

type Idea = BoardSummary['ideas'][number];

const TOP = 10;

export const topIdeasChart = (summary: BoardSummary, words: Words): ChartSpec => {
  const top = summary.ideas.slice(0, TOP);
  return {
    title: words.t('topIdeas'),
    summary: top.map((idea) => `${idea.title}: ${words.number(idea.votes)}`).join(', '),
    plot: (width) => {
      const marginLeft = Math.ceil(
        Math.min(width / 2.5, 240, Math.max(0, ...top.map((idea) => textWidth(idea.title))) + 12),
      );
      const marginRight = Math.ceil(Math.max(0, ...top.map((idea) => textWidth(words.number(idea.votes)))) + 16);
      return {
        height: 48 + top.length * 32,
        marginLeft,
        marginRight,
        x: countAxis(
          top.map((idea) => idea.votes),
          words,
          width - marginLeft - marginRight,
        ),
        y: {
          label: null,
          domain: top.map((idea) => idea.id),
          tickFormat: (id: string) => fitText(titleOf(top, id), marginLeft - 12),
        },
        marks: [
          Plot.barX(top, { y: 'id', x: 'votes', fill: 'var(--hd-bar)' }),
          Plot.text(top, {
            y: 'id',
            x: 'votes',
            text: (idea: Idea) => words.number(idea.votes),
            textAnchor: 'start',
            dx: 6,
            fill: 'currentColor',
          }),
          Plot.ruleX([0]),
        ],
      };
    },
    columns: [words.t('idea'), words.t('votes'), words.t('recent'), words.t('status')],
    rows: top.map((idea) => [idea.title, idea.votes, idea.recent, words.status(idea.status)]),
  };
};

const titleOf = (ideas: Idea[], id: string) => ideas.find((idea) => idea.id === id)?.title ?? id;

export class HdBoard extends WidgetView<BoardSummary> {
  protected override fetch(api: AdminApi) {
    return api.get<BoardSummary>(`/boards/${encodeURIComponent(this.widget)}/summary`, rangeQuery(this.filters));
  }

  private field<T extends HTMLInputElement | HTMLSelectElement>(name: string, idea: Idea) {
    return this.renderRoot.querySelector<T>(`[data-field="${name}"][data-idea="${CSS.escape(idea.id)}"]`);
  }

  private save(idea: Idea) {
    const { api, words } = this;
    const status = this.field<HTMLSelectElement>('status', idea)?.value as IdeaStatus | undefined;
    const noteField = this.field<HTMLInputElement>('note', idea);
    if (!api || !words || !status || !noteField) return;
    const note = noteField.value.trim();
    if (status === 'declined' && !note) {
      noteField.setCustomValidity(words.t('needsReason'));
      noteField.reportValidity();
      this.outcome = words.t('needsReason');
      this.outcomeFailed = true;
      return;
    }
    noteField.setCustomValidity('');
    return this.act(async () => {
      const path = `/boards/${encodeURIComponent(this.widget)}/ideas/${encodeURIComponent(idea.id)}`;
      await api.send('PATCH', path, { status, note: note || null });
      return words.t('saved', { title: idea.title, status: words.status(status) });
    });
  }

  private async merge(idea: Idea, ideas: Idea[]) {
    const { api, words } = this;
    const into = this.field<HTMLSelectElement>('into', idea)?.value;
    if (!api || !words || !into) return;
    const merged = await this.act(async () => {
      const path = `/boards/${encodeURIComponent(this.widget)}/ideas/${encodeURIComponent(idea.id)}/merge`;
      await api.send('POST', path, { into });
      return words.t('merged', { from: idea.title, into: titleOf(ideas, into) });
    });
    // The merged idea's row, and the button that had focus, are gone: focus the table's heading.
    if (merged) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#leaderboard')?.focus();
    }
  }

  protected override renderData(summary: BoardSummary, words: Words) {
    const { ideas } = summary;
    return html`
      <dl class="figures">
        ${IDEA_STATUSES.map(
          (status) =>
            html`<div>
              <dt>${words.status(status)}</dt>
              <dd>${words.number(summary.statuses[status] ?? 0)}</dd>
            </div>`,
        )}
      </dl>
      ${
        ideas.length
          ? html`<section><hd-chart .spec=${topIdeasChart(summary, words)} .words=${words}></hd-chart></section>`
          : ''
      }
      <section aria-labelledby="leaderboard">
        <h3 id="leaderboard" tabindex="-1">${words.t('leaderboard')}</h3>
        <p class="muted" id="note-help">${words.t('noteHelp')}</p>
        ${this.renderOutcome()}
        ${
          ideas.length
            ? html`<div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${words.t('idea')}</th>
                      <th scope="col" class="n">${words.t('votes')}</th>
                      <th scope="col" class="n">${words.t('recent')}</th>
                      <th scope="col">${words.t('status')}</th>
                      <th scope="col">${words.t('mergeInto')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${ideas.map((idea) => this.renderIdea(idea, ideas, words))}
                  </tbody>
                </table>
              </div>`
            : html`<p>${words.t('none')}</p>`
        }
      </section>
    `;
  }

  private renderIdea(idea: Idea, ideas: Idea[], words: Words) {
    return html`<tr>
      <th scope="row">${idea.title}</th>
      <td class="n">${words.number(idea.votes)}</td>
      <td class="n">${words.number(idea.recent)}</td>
      <td>
        <div class="row">
          <select data-field="status" data-idea=${idea.id} aria-label="${words.t('status')}: ${idea.title}">
            ${IDEA_STATUSES.map(
              (status) =>
                html`<option value=${status} ?selected=${status === idea.status}>${words.status(status)}</option>`,
            )}
          </select>
          <label
            >${words.t('note')}
            <input
              data-field="note"
              data-idea=${idea.id}
              maxlength="280"
              .value=${idea.statusNote ?? ''}
              aria-label="${words.t('note')}: ${idea.title}"
              aria-describedby="note-help"
              @input=${(event: Event) => (event.target as HTMLInputElement).setCustomValidity('')}
          /></label>
          <button type="button" aria-label="${words.t('save')}: ${idea.title}" @click=${() => void this.save(idea)}>
            ${words.t('save')}
          </button>
        </div>
      </td>
      <td>
        <div class="row">
          <select data-field="into" data-idea=${idea.id} aria-label="${words.t('mergeInto')}: ${idea.title}">
            <option value="">${words.t('chooseIdea')}</option>
            ${ideas
              .filter((other) => other.id !== idea.id)
              .map((other) => html`<option value=${other.id}>${other.title}</option>`)}
          </select>
          <button
            type="button"
            aria-label="${words.t('merge')}: ${idea.title}"
            @click=${() => void this.merge(idea, ideas)}
          >
            ${words.t('merge')}
          </button>
        </div>
      </td>
    </tr>`;
  }
}
