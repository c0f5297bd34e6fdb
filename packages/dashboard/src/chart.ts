/**
 * A chart with its text alternative: Observable Plot draws it as SVG in the page's colours
 * (axes in `currentColor`, marks in the palette's custom properties, so dark mode is CSS
 * alone), and one button shows the same figures as a table. The chart is one image to
 * assistive technology, named by its title and a sentence that says what it shows.
 */
import * as Plot from '@observablehq/plot';
import { LitElement, css, html, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { Words } from './i18n.js';
import { tableStyles } from './styles.js';

export interface ChartSpec {
  title: string;
  /** What the chart says, in one sentence: the image's description. */
  summary: string;
  /** Plot's options for a chart this many pixels wide. */
  plot: (width: number) => Plot.PlotOptions;
  columns: string[];
  rows: (string | number)[][];
}

/**
 * A count axis: whole numbers only, at most six ticks (`ticks` is a hint d3 rounds to a nice
 * step, so three votes give 0, 1, 2, 3 rather than halves).
 */
export const countAxis = (counts: number[], words: Words) => ({
  grid: true,
  label: null,
  tickFormat: words.count,
  ticks: Math.max(1, Math.min(6, ...counts)),
});

/** Counts per week or month as bars: votes cast, sign-ups. */
export const periodBars = (
  title: string,
  column: string,
  rows: { period: string; count: number }[],
  words: Words,
): ChartSpec => ({
  title,
  summary: rows.map((row) => `${words.day(row.period)}: ${words.number(row.count)}`).join(', ') || words.t('none'),
  plot: () => ({
    height: 220,
    marginLeft: 48,
    x: { type: 'band', label: null, tickFormat: (d: string) => words.day(d) },
    y: countAxis(
      rows.map((row) => row.count),
      words,
    ),
    marks: [Plot.barY(rows, { x: 'period', y: 'count', fill: 'var(--hd-bar)' }), Plot.ruleY([0])],
  }),
  columns: [words.t('period'), column],
  rows: rows.map((row) => [words.day(row.period), row.count]),
});

let charts = 0;

export class HdChart extends LitElement {
  static override get properties(): PropertyDeclarations {
    return {
      spec: { attribute: false },
      words: { attribute: false },
      asTable: { state: true },
      width: { state: true },
    };
  }

  static override styles = [
    tableStyles,
    css`
      :host {
        display: block;
        color: var(--hd-fg);
      }
      figure {
        margin: 0;
      }
      figcaption {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        font-weight: 600;
        margin-block-end: 0.5rem;
      }
      button {
        font: inherit;
        font-weight: 400;
        color: var(--hd-fg);
        background: transparent;
        border: 1px solid var(--hd-border);
        border-radius: 0.375rem;
        padding: 0.125rem 0.625rem;
        min-height: 24px;
        cursor: pointer;
      }
      button[aria-pressed='true'] {
        background: var(--hd-accent);
        color: var(--hd-on-accent);
        border-color: var(--hd-accent);
      }
      button:focus-visible {
        outline: 2px solid var(--hd-accent);
        outline-offset: 2px;
      }
      .plot svg {
        display: block;
        height: auto;
        max-width: 100%;
        overflow: visible;
      }
      .plot text {
        white-space: pre;
      }
    `,
  ];

  spec?: ChartSpec;
  words?: Words;
  private asTable = false;
  private width = 600;
  private get container(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.plot');
  }
  private readonly captionId = `hd-chart-${++charts}`;
  private readonly resize = new ResizeObserver(([entry]) => {
    const width = Math.floor(entry?.contentRect.width ?? 0);
    if (width > 0 && Math.abs(width - this.width) > 8) this.width = width;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  override render() {
    const { spec, words } = this;
    if (!spec || !words) return html``;
    return html`<figure>
      <figcaption>
        <span id=${this.captionId}>${spec.title}</span>
        <button
          type="button"
          aria-pressed=${this.asTable ? 'true' : 'false'}
          aria-label=${words.t('chartAndTable', { title: spec.title })}
          @click=${() => (this.asTable = !this.asTable)}
        >
          ${words.t('asTable')}
        </button>
      </figcaption>
      ${
        this.asTable
          ? html`<table aria-labelledby=${this.captionId}>
              <thead>
                <tr>
                  ${spec.columns.map((column) => html`<th scope="col">${column}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${spec.rows.map(
                  (row) =>
                    html`<tr>
                      ${row.map((cell) =>
                        typeof cell === 'number'
                          ? html`<td class="n">${words.number(cell)}</td>`
                          : html`<td>${cell}</td>`,
                      )}
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<div class="plot" role="img" aria-label="${spec.title}. ${spec.summary}"></div>`
      }
    </figure>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const { container, spec } = this;
    if (!container || !spec) return;
    const chart = Plot.plot({ ...spec.plot(this.width), width: this.width, className: 'hd-plot' });
    // Plot adds a <style> of its defaults; this element's own styles carry them, so the page
    // needs no inline styles under its CSP.
    chart.querySelector('style')?.remove();
    chart.setAttribute('aria-hidden', 'true');
    container.replaceChildren(chart);
  }
}
