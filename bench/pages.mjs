/**
 * Runtime cost on the host page, in headless Chromium with the CPU throttled 4×: for each
 * case, the page inserts its script tag as an async embed does, and the bench reports script
 * inserted → the controls a person uses are there (median of the runs; "÷Lit" against the
 * baseline of the same run), script loaded → rendered, main-thread busy time from navigation
 * to a settled page (median), the longest task seen (the Long Tasks API reports tasks over
 * 50 ms; "—" means none), and from traced runs more, the longest task with the milliseconds of
 * each origin's scripts inside it, and in how many of them a task over 50 ms ran the widget's
 * own code. Side by side, built in the same run, cases in round robin:
 *
 *   - a minimal Lit poll (the baseline: a question, three radios, a button),
 *   - Heard's poll by module script tag and by the classic script, and all five elements, on
 *     the real collector; the poll on a collector that accepts connections and never answers;
 *   - PostHog's surveys renderer from npm (`posthog-js/dist/surveys-preview`), one question;
 *   - the Lit poll and Heard's poll again with 40 ms added to every request and no CPU
 *     throttling (their ratio is against the Lit poll under the same latency).
 *
 *   pnpm bench [--runs 15] [--case heard-all] [--detail]
 *
 * `--case` runs the cases whose page file name contains it; `--detail` prints, for each case,
 * the biggest script slices of its longest task running the widget's own code (Heard's files,
 * or the case's bundle for the others: the baseline's own first render is the yardstick).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { startServer } from '../packages/server/dist/index.js';
import { chromeArgs } from '../web-test-runner.shared.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '15' }, case: { type: 'string' }, detail: { type: 'boolean' } },
});
const RUNS = Number(values.runs);
const root = new URL('..', import.meta.url).pathname;
// HEARD_BENCH_CDN measures another build of dist/cdn; HEARD_BENCH_BEFORE adds Heard's cases
// again on an earlier build, served from /heard-before/, in the same run (before and after).
const cdn = process.env.HEARD_BENCH_CDN ?? join(root, 'packages/elements/dist/cdn/');
const before = process.env.HEARD_BENCH_BEFORE && join(process.env.HEARD_BENCH_BEFORE, '/');
const out = mkdtempSync(join(tmpdir(), 'heard-bench-pages-'));

const bundle = async (name, contents) => {
  await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(out, name),
    logLevel: 'error',
  });
};

await bundle(
  'lit-poll.js',
  `import { LitElement, html, css } from 'lit';
  class LitPoll extends LitElement {
    static properties = { choice: { state: true } };
    static styles = css\`fieldset { border: 1px solid #ccc; border-radius: 8px; } label { display: block; }\`;
    render() {
      return html\`<form @submit=\${(e) => e.preventDefault()}><fieldset><legend>Which theme next?</legend>
        \${['Forest', 'Ocean', 'Sunset'].map((o) => html\`<label><input type="radio" name="a" value=\${o}
          @change=\${() => (this.choice = o)} /> \${o}</label>\`)}
        <button ?disabled=\${!this.choice}>Vote</button></fieldset></form>\`;
    }
  }
  customElements.define('lit-poll', LitPoll);`,
);
await bundle(
  'posthog.js',
  `import { renderSurveysPreview } from 'posthog-js/dist/surveys-preview';
  renderSurveysPreview({
    survey: {
      id: 'bench', name: 'Bench', description: '', type: 'popover', linked_flag_key: null, targeting_flag_key: null,
      questions: [{ type: 'single_choice', question: 'Which theme next?', choices: ['Forest', 'Ocean', 'Sunset'], id: 'q1' }],
      appearance: {}, conditions: null, start_date: null, end_date: null, current_iteration: null, current_iteration_start_date: null,
    },
    parentElement: document.getElementById('survey'),
    previewPageIndex: 0,
  });`,
);

const collector = await startServer({
  port: 0,
  host: '127.0.0.1',
  storage: join(out, 'heard.db'),
  origins: '*',
  writesPerMinute: 0,
  readsPerMinute: 0,
  minFillMs: 0,
  trustProxy: false,
});

const page = (title, head, body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

/** A collector that accepts connections and never answers. */
const hanging = createNetServer((socket) => socket.on('error', () => {}));
await new Promise((resolve) => hanging.listen(0, '127.0.0.1', resolve));
const hangingUrl = `http://127.0.0.1:${hanging.address().port}`;

/** The script tag, inserted by a snippet as embeds do: the clock starts as it is inserted. */
const embed = (src, { module = true, endpoint } = {}) =>
  `<script>performance.mark('embed');const s=document.createElement('script');${module ? "s.type='module';" : ''}` +
  `s.src=${JSON.stringify(src)};${endpoint ? `s.dataset.endpoint=${JSON.stringify(endpoint)};` : ''}document.head.append(s)</script>`;
const POLL = `<heard-poll poll-id="bench" question="Which theme next?" options="forest=Forest, ocean=Ocean, sunset=Sunset"></heard-poll>`;
const rendered = (tag, part = 'input') => `document.querySelector('${tag}')?.shadowRoot?.querySelector('${part}')`;
const LATENCY = 40;

const lit = {
  name: 'minimal Lit poll (baseline)',
  file: 'lit.html',
  html: page('Lit', '', `<lit-poll></lit-poll>${embed('/lit-poll.js')}`),
  script: ['lit-poll.js'],
  ready: rendered('lit-poll'),
};
const heardPoll = {
  name: 'Heard <heard-poll>, heard.js',
  file: 'heard-poll.html',
  html: page('Heard poll', '', `${POLL}${embed('/heard/heard.js', { endpoint: collector.url })}`),
  script: ['heard.js'],
  ready: rendered('heard-poll', 'input[name=answer]'),
};
const CASES = [
  lit,
  heardPoll,
  {
    name: 'Heard <heard-poll>, heard.iife.js',
    file: 'heard-iife.html',
    html: page(
      'Heard poll, classic',
      '',
      `${POLL}${embed('/heard/heard.iife.js', { module: false, endpoint: collector.url })}`,
    ),
    script: ['heard.iife.js'],
    ready: heardPoll.ready,
  },
  {
    name: 'Heard <heard-poll>, collector never answers',
    file: 'heard-poll-hanging.html',
    html: page('Heard poll, hanging collector', '', `${POLL}${embed('/heard/heard.js', { endpoint: hangingUrl })}`),
    script: ['heard.js'],
    ready: heardPoll.ready,
  },
  {
    name: 'Heard, all five elements, heard.js',
    file: 'heard-all.html',
    html: page(
      'Heard, all five',
      '',
      `${POLL}<heard-nps survey-id="bench-nps" product="Bench"></heard-nps><heard-idea-box board="bench"></heard-idea-box>
       <heard-beta-signup program="bench" consent-text="I agree to be e-mailed about the beta."></heard-beta-signup>
       <button id="open" type="button">Feedback</button>
       <heard-launcher for="open" label="Feedback"><heard-poll poll-id="bench-2" question="Helpful?" options="Yes, No"></heard-poll></heard-launcher>
       ${embed('/heard/heard.js', { endpoint: collector.url })}`,
    ),
    script: ['heard.js'],
    ready: ['heard-poll', 'heard-nps', 'heard-idea-box', 'heard-beta-signup']
      .map((tag) => rendered(tag, 'button'))
      .concat(`customElements.get('heard-launcher')`)
      .join(' && '),
  },
  {
    name: 'PostHog surveys renderer (npm)',
    file: 'posthog.html',
    html: page('PostHog', '', `<div id="survey"></div>${embed('/posthog.js')}`),
    script: ['posthog.js'],
    ready: `(document.getElementById('survey').shadowRoot ?? document.getElementById('survey')).querySelector('input, button')
      ?? [...document.querySelectorAll('*')].find((el) => el.shadowRoot?.querySelector('input, button'))`,
  },
  { ...lit, name: `minimal Lit poll, +${LATENCY} ms a request, CPU not throttled`, latency: LATENCY, baseline: true },
  { ...heardPoll, name: `Heard <heard-poll>, +${LATENCY} ms a request, CPU not throttled`, latency: LATENCY },
];
if (before)
  CASES.push(
    ...CASES.filter((spec) => spec.script.includes('heard.js')).map((spec) => ({
      ...spec,
      name: `${spec.name} (before)`,
      file: spec.file.replace('.html', spec.latency ? '-latency-before.html' : '-before.html'),
      html: spec.html.replace('/heard/heard.js', '/heard-before/heard.js'),
    })),
  );
for (const { file, html } of CASES) writeFileSync(join(out, file), html);

const TYPES = { '.html': 'text/html', '.js': 'text/javascript' };
const site = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const [dir, rest] = path.startsWith('/heard/')
    ? [cdn, path.slice(7)]
    : before && path.startsWith('/heard-before/')
      ? [before, path.slice(14)]
      : [out, path.slice(1)];
  const file = normalize(join(dir, rest));
  try {
    if (!file.startsWith(dir)) throw new Error('outside');
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${site.address().port}`;

if (process.env.HEARD_BENCH_SERVE) {
  console.log(origin);
  await new Promise(() => {});
}
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: chromeArgs,
});

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** The case's conditions: the CPU throttled 4×, or its latency added to every request. */
const conditions = async (tab, spec) => {
  const cdp = await tab.createCDPSession();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: spec.latency ? 1 : 4 });
  if (spec.latency) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: spec.latency,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  }
  return cdp;
};

const measure = async (spec) => {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const cdp = await conditions(tab, spec);
  await cdp.send('Performance.enable');
  await tab.evaluateOnNewDocument(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await tab.goto(`${origin}/${spec.file}`, { waitUntil: 'domcontentloaded' });
  await tab
    .waitForFunction(`Boolean(${spec.ready}) && (window.__renderedAt ??= performance.now())`, {
      polling: 'raf',
      timeout: 60_000,
    })
    .catch((error) => {
      throw new Error(`${spec.name}: never rendered`, { cause: error });
    });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const result = await tab.evaluate(
    (scripts) => ({
      renderedAt: window.__renderedAt,
      embedAt: performance.getEntriesByName('embed')[0].startTime,
      loadedAt: Math.max(
        ...performance
          .getEntriesByType('resource')
          .filter((entry) => scripts.some((script) => entry.name.endsWith(`/${script}`)))
          .map((entry) => entry.responseEnd),
      ),
      longest: window.__longest,
      bytes: performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('.js'))
        .map((entry) => entry.name),
    }),
    spec.script,
  );
  const { metrics } = await cdp.send('Performance.getMetrics');
  await context.close();
  return { ...result, busy: metrics.find((metric) => metric.name === 'TaskDuration').value * 1000 };
};

/**
 * Five more runs per case, traced: the page's longest main-thread task and whose scripts ran
 * in it (the trace's compile, evaluate, function-call and microtask slices, by the URL of the
 * script: Heard's files under /heard/, the case's own bundle, or other; from the run with the
 * median longest task), and the longest task that ran the widget's own code (Heard's files,
 * or the case's bundle), with that code's milliseconds in it (medians of the five).
 */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'];
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'RunMicrotasks',
]);

const longestTask = (events, origin, own) => {
  // The page's renderer main thread: the renderer main thread that parsed the page.
  const mains = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const parse = events.find(
    (event) =>
      event.name === 'ParseHTML' &&
      mains.has(`${event.pid}:${event.tid}`) &&
      event.args?.beginData?.url?.startsWith(origin),
  );
  const main = parse && `${parse.pid}:${parse.tid}`;
  const slices = events.filter(
    (event) => event.ph === 'X' && `${event.pid}:${event.tid}` === main && event.dur !== undefined,
  );
  const tasks = slices.filter((event) => event.name === 'RunTask');
  const inside = (task, event) => event !== task && event.ts >= task.ts && event.ts + event.dur <= task.ts + task.dur;
  const classify = (url) =>
    url.startsWith(`${origin}/heard`) ? 'Heard' : url.startsWith(origin) ? 'page bundle' : url ? 'other' : '';
  const urlOf = (event) => event.args?.fileName || event.args?.data?.url || '';
  /** A script slice's origin: its own URL, else (module evaluation, microtasks) that of the calls inside it. */
  const originOf = (event) =>
    classify(urlOf(event)) ||
    slices.filter((nested) => inside(event, nested) && urlOf(nested)).map((nested) => classify(urlOf(nested)))[0] ||
    'unattributed';
  /** Milliseconds of script per origin in a task, counting outermost script slices only. */
  const scriptsIn = (task) => {
    const byScript = {};
    let reached = 0;
    const scripts = slices
      .filter((event) => SCRIPT_EVENTS.has(event.name) && inside(task, event))
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    for (const event of scripts) {
      if (event.ts < reached) continue;
      reached = event.ts + event.dur;
      const name = originOf(event);
      byScript[name] = (byScript[name] ?? 0) + event.dur / 1000;
    }
    return byScript;
  };
  const breakdown = (task) => {
    const parts = Object.entries(scriptsIn(task)).sort(([, a], [, b]) => b - a);
    const script = parts.reduce((sum, [, ms]) => sum + ms, 0);
    return [...parts, ['not script', task.dur / 1000 - script]]
      .map(([name, ms]) => `${name} ${Math.round(ms)}`)
      .join(', ');
  };
  const [longest] = [...tasks].sort((a, b) => b.dur - a.dur);
  const withOwn = tasks
    .map((task) => ({ task, own: scriptsIn(task)[own] ?? 0 }))
    .filter(({ own: ms }) => ms > 0)
    .sort((a, b) => b.task.dur - a.task.dur)[0];
  /** The task's biggest outermost script slices: what they were, where from, how long. */
  const detail = (task) => {
    let reached = 0;
    return slices
      .filter((event) => SCRIPT_EVENTS.has(event.name) && inside(task, event))
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur)
      .filter((event) => event.ts >= reached && (reached = event.ts + event.dur))
      .sort((a, b) => b.dur - a.dur)
      .slice(0, 6)
      .map((event) => {
        const fn = event.args?.data?.functionName;
        const url = urlOf(event).replace(/^.*\//, '') || urlOf(slices.find((n) => inside(event, n) && urlOf(n)) ?? {});
        return `${event.name}${fn ? ` ${fn}` : ''} ${url.replace(/^.*\//, '')} ${Math.round(event.dur / 1000)} ms`;
      });
  };
  return {
    longest: longest && { ms: longest.dur / 1000, parts: breakdown(longest) },
    own: withOwn && { ms: withOwn.task.dur / 1000, own: withOwn.own, detail: detail(withOwn.task) },
  };
};

const traced = async (spec, own) => {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  await conditions(tab, spec);
  await tab.tracing.start({ categories: TRACE_CATEGORIES });
  await tab.goto(`${origin}/${spec.file}`, { waitUntil: 'domcontentloaded' });
  await tab.waitForFunction(`Boolean(${spec.ready})`, { polling: 'raf', timeout: 60_000 });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const { traceEvents } = JSON.parse(Buffer.from(await tab.tracing.stop()).toString());
  await context.close();
  return longestTask(traceEvents, origin, own);
};

const gz = (url) => {
  const path = new URL(url).pathname;
  const file = path.startsWith('/heard/')
    ? join(cdn, path.slice(7))
    : path.startsWith('/heard-before/')
      ? join(before, path.slice(14))
      : join(out, path.slice(1));
  return gzipSync(readFileSync(file), { level: 9 }).length;
};

const rows = [];
const selected = CASES.filter((c) => !values.case || c.file.includes(values.case) || c.baseline || c === lit);
const own = (spec) => (spec.script.some((script) => script.startsWith('heard')) ? 'Heard' : 'page bundle');
const measured = new Map(selected.map((spec) => [spec, { runs: [], traces: [] }]));
try {
  // Round robin: a moment the machine is slower slows every case alike.
  for (let i = 0; i < RUNS; i++) for (const spec of selected) measured.get(spec).runs.push(await measure(spec));
  // Traced runs cost more than plain ones: as many, for the count of long tasks running the widget's code.
  for (let i = 0; i < RUNS; i++)
    for (const spec of selected) measured.get(spec).traces.push(await traced(spec, own(spec)));
  for (const spec of selected) {
    const { runs, traces } = measured.get(spec);
    const byLongest = (list) => [...list].sort((a, b) => (a?.longest?.ms ?? 0) - (b?.longest?.ms ?? 0));
    const trace = byLongest(traces)[Math.floor(traces.length / 2)] ?? {};
    const ownTasks = traces.map((run) => run?.own).filter(Boolean);
    if (values.detail)
      for (const task of ownTasks) console.log(`${spec.name}: ${Math.round(task.ms)} ms —`, task.detail.join('; '));
    const median_ = (key) => Math.round(median(runs.map(key)));
    rows.push({
      case: spec.name,
      spec,
      'JS KB gz': (runs[0].bytes.reduce((sum, url) => sum + gz(url), 0) / 1024).toFixed(1),
      'inserted→rendered ms': median_((run) => run.renderedAt - run.embedAt),
      'loaded→rendered ms': median_((run) => run.renderedAt - run.loadedAt),
      'busy ms': median_((run) => run.busy),
      'longest task ms': Math.max(...runs.map((run) => run.longest))
        ? Math.round(Math.max(...runs.map((run) => run.longest)))
        : '—',
      'traced: longest task ms (what ran in it, ms)': trace.longest
        ? `${Math.round(trace.longest.ms)} (${trace.longest.parts})`
        : '—',
      "traced: runs with a task > 50 ms running the widget's code": `${ownTasks.filter((task) => task.ms > 50).length} of ${traces.length}`,
      'traced: longest such task ms (its share)': ownTasks.length
        ? `${Math.round(median(ownTasks.map((task) => task.ms)))} (${Math.round(median(ownTasks.map((task) => task.own)))})`
        : '—',
    });
  }
} finally {
  await browser.close();
  site.close();
  hanging.close();
  await collector.close();
}
const [baseline] = rows;
const latencyBaseline = rows.find((row) => row.spec.baseline);
for (const row of rows) {
  const base = row.spec.latency ? latencyBaseline : baseline;
  row['rendered ÷Lit'] = (row['inserted→rendered ms'] / Math.max(base['inserted→rendered ms'], 1)).toFixed(2);
  row['busy ÷Lit'] = row.spec.latency ? '—' : (row['busy ms'] / Math.max(base['busy ms'], 1)).toFixed(2);
  delete row.spec;
}
// A Markdown table: it reads in a terminal and pastes into a note.
const columns = Object.keys(rows[0]);
console.log(
  [columns, columns.map(() => '---'), ...rows.map((row) => columns.map((key) => row[key]))]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n'),
);
console.log(
  `${RUNS} runs each in round robin, CPU throttled 4× (latency cases: not throttled), medians; longest task is the maximum over the runs; traced columns from ${RUNS} runs more.`,
);
