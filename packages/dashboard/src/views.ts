/**
 * Registers the views of a widget, the webhooks view, the history and the chart, which the
 * page loads once signed in: they bring Observable Plot and d3, most of the dashboard's script.
 */
import { HdHistory } from './history.js';
import { HdChart } from './chart.js';
import { HdPoll } from './views/poll.js';
import { HdBeta } from './views/beta.js';
import { HdNps } from './views/nps.js';
import { HdBoard } from './views/board.js';
import { HdWebhooks } from './views/webhooks.js';
import { en, zh } from './views/webhooks.strings.js';
import { addMessages } from './i18n.js';

const ELEMENTS: [string, CustomElementConstructor][] = [
  ['hd-history', HdHistory],
  ['hd-chart', HdChart],
  ['hd-poll', HdPoll],
  ['hd-beta', HdBeta],
  ['hd-nps', HdNps],
  ['hd-board', HdBoard],
  ['hd-webhooks', HdWebhooks],
];

addMessages({ en, 'zh-CN': zh });

for (const [tag, element] of ELEMENTS) if (!customElements.get(tag)) customElements.define(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'hd-history': HdHistory;
    'hd-chart': HdChart;
    'hd-poll': HdPoll;
    'hd-beta': HdBeta;
    'hd-nps': HdNps;
    'hd-board': HdBoard;
    'hd-webhooks': HdWebhooks;
  }
}
