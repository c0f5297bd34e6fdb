/**
 * The privacy matrix, in Chromium: for each consent state and privacy signal, a page with a
 * poll, an idea box, a beta sign-up, an inline NPS and an NPS prompt is loaded; the person
 * dismisses the prompt if it opens, votes and answers the NPS; then the page is loaded four
 * more times (a new client on the same localStorage, as a reload gives). Storage writes and
 * every request are recorded, and the observed row must equal the row of the table in
 * docs/privacy.md, read from the file.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import {
  createClient,
  MemoryCollector,
  memoryTransport,
  type Consent,
  type HeardClient,
  type HeardRequest,
} from '@heard/sdk';
import '../src/define/poll.js';
import '../src/define/nps.js';
import '../src/define/idea-box.js';
import '../src/define/beta-signup.js';
import type { HeardNps } from '../src/nps/nps.js';
import type { HeardPoll } from '../src/poll/poll.js';
import { until } from './helpers.js';

const CONSENTS: Consent[] = ['granted', 'pending', 'denied'];
const POLL = 'privacy-poll';
const INLINE = 'privacy-inline';
const PROMPT = 'privacy-prompt';

type Row = Record<string, string>;

/** The table between the privacy-matrix markers of docs/privacy.md, one object per row. */
const documented = async (): Promise<Row[]> => {
  const text = await (await fetch('/docs/privacy.md')).text();
  const table = text.split('<!-- privacy-matrix -->')[1]!.split('<!-- /privacy-matrix -->')[0]!;
  const lines = table
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  const [head, , ...rows] = lines;
  return rows.map((cells) => Object.fromEntries(head!.map((name, i) => [name, cells[i]!])));
};

const heardKeys = () =>
  Object.keys(localStorage)
    .filter((key) => key.startsWith('heard:v1:') && !key.startsWith('heard:v1:q:'))
    .map((key) => key.slice('heard:v1:'.length));

/** Keys as the table names them: widget ids replaced by their role, sorted, or — for none. */
const asCell = (keys: Iterable<string>) => {
  const named = [...new Set(keys)]
    .filter((key) => !key.startsWith('q:'))
    .map((key) => key.replace(POLL, '<poll>').replace(INLINE, '<inline>').replace(PROMPT, '<prompt>'))
    .sort();
  return named.length ? named.map((key) => `\`${key}\``).join(', ') : '—';
};

interface Page {
  client: HeardClient;
  poll: HeardPoll;
  inline: HeardNps;
  prompt: HeardNps;
}

const load = async (consent: Consent, collector: MemoryCollector, requests: HeardRequest[]): Promise<Page> => {
  const transport = memoryTransport(collector);
  const client = createClient({
    endpoint: 'https://collector.invalid',
    consent,
    retry: { baseMs: 20, maxMs: 100 },
    transport: (request) => {
      requests.push(request);
      return transport(request);
    },
  });
  const root = await fixture<HTMLElement>(
    html`<div>
      <heard-poll .client=${client} poll-id=${POLL} question="Which one?" options="a=A, b=B"></heard-poll>
      <heard-idea-box .client=${client} board="privacy-board"></heard-idea-box>
      <heard-beta-signup .client=${client} program="privacy-beta" consent-text="I agree"></heard-beta-signup>
      <heard-nps .client=${client} survey-id=${INLINE} no-comment></heard-nps>
      <heard-nps .client=${client} survey-id=${PROMPT} mode="prompt" delay="0"></heard-nps>
    </div>`,
  );
  const [poll, inline, prompt] = [
    root.querySelector<HeardPoll>('heard-poll')!,
    ...root.querySelectorAll<HeardNps>('heard-nps'),
  ] as [HeardPoll, HeardNps, HeardNps];
  // The page is drawn when the poll shows its form or the person's vote, and the inline NPS its question or note.
  await until(
    () => poll.shadowRoot!.querySelector('form, [part~=results], section') && inline.shadowRoot!.querySelector('p'),
    'the widgets to draw',
  );
  // Time under test: a prompt with delay="0" that may open has opened within this wait.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { client, poll, inline, prompt };
};

const promptOpen = (page: Page) => !!page.prompt.shadowRoot!.querySelector('[part~=score]');

const setSignal = (on: boolean) => {
  if (on) Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
  else delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
};

const clearHeard = () => {
  for (const key of Object.keys(localStorage)) if (key.startsWith('heard:')) localStorage.removeItem(key);
};

/** Walks one cell of the matrix and describes it as the table does. */
const observe = async (consent: Consent, signal: boolean): Promise<Row> => {
  clearHeard();
  setSignal(signal);
  const collector = new MemoryCollector();
  const requests: HeardRequest[] = [];
  const written: string[] = [];
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
    written.push(key.slice('heard:v1:'.length));
    return setItem.call(this, key, value);
  };
  try {
    const first = await load(consent, collector, requests);
    const storedOnLoad = asCell(written.filter((key) => !key.startsWith('q:')));
    const onLoad = [...requests];
    const opened = promptOpen(first);
    if (opened) first.prompt.shadowRoot!.querySelector<HTMLButtonElement>('[part~=close]')!.click();

    // The person votes and answers.
    const poll = first.poll.shadowRoot!;
    poll.querySelector<HTMLInputElement>('input[name=answer]')!.click();
    await first.poll.updateComplete;
    poll.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    first.inline.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=score]')[9]!.click();
    await until(() => collector.events.size >= (opened ? 3 : 2), 'the answers to arrive');
    await until(() => first.client.pending().length === 0, 'the outbox to empty');
    const id = first.client.anonymousId;
    const carries = (request: HeardRequest) => request.url.includes(id) || (request.body ?? '').includes(id);
    const idOnLoad = onLoad.some(carries) || onLoad.some((request) => new URL(request.url).searchParams.has('subject'));
    const idWithAnswer = requests.slice(onLoad.length).some(carries);
    const storedAfter = asCell(heardKeys());
    first.client.destroy();
    fixtureCleanup();

    // Four reloads.
    const after: string[] = [];
    for (let reload = 0; reload < 4; reload++) {
      const page = await load(consent, collector, requests);
      const voteShown = !!page.poll.shadowRoot!.querySelector('[part~=results] .mine');
      const answered = !page.inline.shadowRoot!.querySelector('[part~=score]');
      after.push(
        promptOpen(page)
          ? 'prompt opened again'
          : voteShown && answered
            ? 'vote shown, NPS answered, prompt stays closed'
            : !voteShown && !answered
              ? 'asks again'
              : `vote shown ${voteShown}, answered ${answered}`,
      );
      page.client.destroy();
      fixtureCleanup();
    }
    const dismissals = [...collector.events.values()].filter((event) => event.type === 'nps.dismissed').length;
    expect(dismissals, 'dismissals sent').to.equal(opened ? 1 : 0);
    return {
      consent,
      'GPC or DNT': signal ? 'on' : 'off',
      'stored on load': storedOnLoad,
      'id sent on load': idOnLoad ? 'yes' : 'no',
      'id sent with an answer': idWithAnswer ? 'yes' : 'no',
      'stored after answering': storedAfter,
      'prompt opens by itself': opened ? 'yes' : 'no',
      'after a reload': [...new Set(after)].join('; '),
    };
  } finally {
    Storage.prototype.setItem = setItem;
    setSignal(false);
    clearHeard();
  }
};

describe('the privacy matrix of docs/privacy.md', () => {
  for (const consent of CONSENTS) {
    for (const signal of [false, true]) {
      it(`holds for consent ${consent}, GPC ${signal ? 'on' : 'off'}`, async () => {
        const table = await documented();
        const row = table.find((each) => each.consent === consent && each['GPC or DNT'] === (signal ? 'on' : 'off'));
        expect(row, 'a row in the table').not.to.equal(undefined);
        expect(await observe(consent, signal)).to.deep.equal(row);
      });
    }
  }
});
