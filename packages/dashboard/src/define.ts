/**
 * Registers the dashboard's elements. Importing a class alone defines nothing, as with the
 * widgets' own `define/` entries.
 */
import { HeardDashboard } from './app.js';
import { HdHistory } from './history.js';
import { HdChart } from './chart.js';
import { HdPoll } from './views/poll.js';
import { HdBeta } from './views/beta.js';
import { HdNps } from './views/nps.js';
import { HdBoard } from './views/board.js';

const ELEMENTS: [string, CustomElementConstructor][] = [
  ['heard-dashboard', HeardDashboard],
  ['hd-history', HdHistory],
  ['hd-chart', HdChart],
  ['hd-poll', HdPoll],
  ['hd-beta', HdBeta],
  ['hd-nps', HdNps],
  ['hd-board', HdBoard],
];

for (const [tag, element] of ELEMENTS) if (!customElements.get(tag)) customElements.define(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'heard-dashboard': HeardDashboard;
    'hd-history': HdHistory;
    'hd-chart': HdChart;
    'hd-poll': HdPoll;
    'hd-beta': HdBeta;
    'hd-nps': HdNps;
    'hd-board': HdBoard;
  }
}
