/**
 * A chart with its text alternative: Observable Plot draws it as SVG in the page's colours
 * (axes in `currentColor`, marks in the palette's custom properties, so dark mode is CSS
 * alone), and one button shows the same figures as a table. The chart is one image to
 * assistive technology, named by its title and a sentence that says what it shows.
 */
import * as Plot from '@observablehq/plot';
import { LitElement, css, html, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { Period } from '@heard/protocol';
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

/** Plot's text: its tick labels and marks' labels, 10 px in the system font (Plot's default). */
const FONT = '10px system-ui, sans-serif';
let measure: OffscreenCanvasRenderingContext2D | null | undefined;

/** How wide `text` is drawn in a chart, in pixels. */
export const textWidth = (text: string): number => {
  measure ??= typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
  if (!measure) return text.length * 6;
  measure.font = FONT;
  return measure.measureText(text).width;
};

/** `text` cut with an ellipsis to fit in `width` pixels. */
export const fitText = (text: string, width: number): string => {
  if (textWidth(text) <= width) return text;
  let fits = '';
  for (const character of text) {
    if (textWidth(`${fits}${character}…`) > width) break;
    fits += character;
  }
  return `${fits.trimEnd()}…`;
};

/** The space a tick label needs beside the next one. */
const GAP = 12;

/** 1, 2 or 5 times a power of ten: the smallest such step of at least `raw`, and at least 1. */
const niceStep = (raw: number) => {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? 10 * power;
};

/**
 * A count axis `space` pixels long: whole numbers, as many ticks as fit (six at most), and a
 * domain that ends on its last tick, so that the axis and its grid hold the longest bar.
 */
export const countAxis = (counts: number[], words: Words, space: number) => {
  const max = Math.max(1, ...counts);
  const widest = textWidth(words.count(max * 5));
  const fit = Math.max(1, Math.min(6, Math.floor(space / (widest + GAP * 2))));
  const step = niceStep(max / fit);
  const top = Math.ceil(max / step) * step;
  return {
    grid: true,
    label: null,
    domain: [0, top],
    ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step),
    tickFormat: words.count,
  };
};

/**
 * The periods of a band axis `space` pixels long that are labelled: every nth, counted back
 * from the latest, so that no two labels touch.
 */
export const bandTicks = (periods: string[], label: (period: string) => string, space: number) => {
  const widest = Math.max(0, ...periods.map((period) => textWidth(label(period))));
  const every = Math.max(1, Math.ceil((widest + GAP) / (space / Math.max(1, periods.length))));
  return periods.filter((_, i) => (periods.length - 1 - i) % every === 0);
};

/**
 * Margins and ticks of a chart over periods, `width` pixels wide: the left margin holds the
 * value axis' labels, and both leave room for half of the first and last period's label.
 */
export const periodAxis = (periods: string[], words: Words, by: Period, width: number, valueLabel: string) => {
  const label = (period: string) => words.period(period, by);
  const half = Math.max(0, ...periods.map((period) => textWidth(label(period)))) / 2;
  const band = (width - 60) / Math.max(1, periods.length);
  const edge = Math.ceil(Math.max(0, half - band / 2)) + 4;
  const marginLeft = Math.max(Math.ceil(textWidth(valueLabel)) + 16, edge);
  const marginRight = Math.max(12, edge);
  return {
    marginLeft,
    marginRight,
    x: {
      type: 'band' as const,
      label: null,
      domain: periods,
      ticks: bandTicks(periods, label, width - marginLeft - marginRight),
      tickFormat: label,
    },
  };
};

/**
 * A series over time in one sentence: its first and last values and the change between
 * them, its highest and lowest, so that the description says what the line or bars show.
 */
export const seriesSummary = (
  points: { period: string; value: number }[],
  words: Words,
  format: (value: number) => string = words.number,
): string => {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return words.t('none');
  if (points.length === 1) return words.t('seriesOne', { period: words.day(first.period), value: format(first.value) });
  const high = points.reduce((a, b) => (b.value > a.value ? b : a));
  const low = points.reduce((a, b) => (b.value < a.value ? b : a));
  const change = Math.round((last.value - first.value) * 10) / 10;
  return words.t('series', {
    count: points.length,
    first: words.day(first.period),
    last: words.day(last.period),
    from: format(first.value),
    to: format(last.value),
    change:
      change > 0
        ? words.t('seriesUp', { by: format(change) })
        : change < 0
          ? words.t('seriesDown', { by: format(-change) })
          : words.t('seriesFlat'),
    high: format(high.value),
    highAt: words.day(high.period),
    low: format(low.value),
    lowAt: words.day(low.period),
  });
};

/** Counts per week or month as bars: votes cast, sign-ups. */
export const periodBars = (
  title: string,
  column: string,
  rows: { period: string; count: number }[],
  words: Words,
  by: Period,
): ChartSpec => ({
  title,
  summary: seriesSummary(
    rows.map((row) => ({ period: row.period, value: row.count })),
    words,
  ),
  plot: (width) => {
    const counts = rows.map((row) => row.count);
    const axis = periodAxis(
      rows.map((row) => row.period),
      words,
      by,
      width,
      words.count(Math.max(1, ...counts) * 5),
    );
    return {
      height: 220,
      ...axis,
      y: countAxis(counts, words, 220 - 50),
      marks: [Plot.barY(rows, { x: 'period', y: 'count', fill: 'var(--hd-bar)' }), Plot.ruleY([0])],
    };
  },
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
        border: 1px solid var(--hd-field-border);
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
      /* Forced colours drop the accent background: a pressed toggle keeps the system's highlight. */
      @media (forced-colors: active) {
        button[aria-pressed='true'] {
          forced-color-adjust: none;
          background: Highlight;
          color: HighlightText;
          border-color: Highlight;
        }
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
