/**
 * Every string that carries a count reads right for one and for more, in English and in
 * Chinese: the elements' catalogs and the dashboard's, and an override through `strings`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { SeedIdea } from '@heard/sdk';
import '../src/define/poll.js';
import '../src/define/idea-box.js';
import { wordsFor } from '../../dashboard/src/i18n.js';
import { memoryClient, until } from './helpers.js';

const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** A poll that shows its results before anyone votes, on a collector with `votes` for mango. */
const poll = async (votes: Record<string, number>, attributes = '') => {
  const { client } = memoryClient({ polls: { p: votes } });
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<heard-poll poll-id="p" question="Q?" options="mango=Mango, matcha=Matcha" show-results="always" ${attributes}></heard-poll>`;
  const el = host.firstElementChild as HTMLElement & { client: unknown };
  el.client = client;
  await until(() => el.shadowRoot?.querySelector('[part~=results]'), 'the results');
  return el;
};

const results = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('[part~=result] .value')].map((row) => row.textContent!.trim());

/** An idea box with one idea of `votes` votes, and the similar ideas it suggests for its title. */
const box = async (votes: number, attributes = '') => {
  const ideas: SeedIdea[] = [{ id: 'dark', title: 'Dark mode', votes, createdAt: '2026-03-01T00:00:00Z' }];
  const { client } = memoryClient({ boards: { b: ideas } });
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<heard-idea-box board="b" ${attributes}></heard-idea-box>`;
  const el = host.firstElementChild as HTMLElement & { client: unknown };
  el.client = client;
  await until(() => el.shadowRoot?.querySelector('[part~=vote]'), 'the ideas');
  const title = el.shadowRoot!.querySelector<HTMLInputElement>('[name=title]')!;
  title.value = 'dark mode please';
  title.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await until(() => el.shadowRoot!.querySelector('.similar'), 'similar ideas');
  return el;
};

describe('plurals', () => {
  it('poll: "1 person voted", "2 people voted", "1 vote", "0 votes"', async () => {
    const one = await poll({ mango: 1 });
    expect(text(one)).to.contain('1 person voted');
    expect(results(one)).to.deep.equal(['100% · 1 vote', '0% · 0 votes']);
    const two = await poll({ mango: 2 });
    expect(text(two)).to.contain('2 people voted');
    expect(results(two)).to.deep.equal(['100% · 2 votes', '0% · 0 votes']);
  });

  it('poll in Chinese: "共 1 人投票", "共 2 人投票", "1 票"', async () => {
    const one = await poll({ mango: 1 }, 'lang="zh-CN"');
    expect(text(one)).to.contain('共 1 人投票');
    expect(results(one)).to.deep.equal(['100% · 1 票', '0% · 0 票']);
    const two = await poll({ mango: 1, matcha: 1 }, 'lang="zh"');
    expect(text(two)).to.contain('共 2 人投票');
  });

  it('poll: an override of the form for any count changes every count; a _one override the singular', async () => {
    const all = await poll({ mango: 1 }, `strings='{"totalVoters":"{count} voters"}'`);
    expect(text(all)).to.contain('1 voters');
    const both = await poll(
      { mango: 1 },
      `strings='{"totalVoters":"{count} voters","totalVoters_one":"a single voter"}'`,
    );
    expect(text(both)).to.contain('a single voter');
    const other = await poll(
      { mango: 2 },
      `strings='{"totalVoters":"{count} voters","totalVoters_one":"a single voter"}'`,
    );
    expect(text(other)).to.contain('2 voters');
  });

  it('idea box: "1 vote for …", "2 votes for …", and "(1 vote)" in similar ideas', async () => {
    const one = await box(1);
    expect(one.shadowRoot!.querySelector('[part~=vote]')!.textContent!.replace(/\s+/g, ' ')).to.contain(
      '1 vote for “Dark mode”',
    );
    expect(one.shadowRoot!.querySelector('.similar')!.textContent).to.contain('(1 vote)');
    const two = await box(2);
    expect(two.shadowRoot!.querySelector('[part~=vote]')!.textContent!.replace(/\s+/g, ' ')).to.contain(
      '2 votes for “Dark mode”',
    );
    expect(two.shadowRoot!.querySelector('.similar')!.textContent).to.contain('(2 votes)');
  });

  it('idea box in Chinese: "1 票", "2 票"', async () => {
    const one = await box(1, 'lang="zh-CN"');
    expect(one.shadowRoot!.querySelector('.similar')!.textContent).to.contain('(1 票)');
    const two = await box(2, 'lang="zh-CN"');
    expect(two.shadowRoot!.querySelector('.similar')!.textContent).to.contain('(2 票)');
  });

  it('dashboard: "1 event", "2 events", "± 1 point … 1 answer", in English and Chinese', () => {
    const en = wordsFor('en');
    expect(en.t('events', { count: 1 })).to.equal('1 event');
    expect(en.t('events', { count: 2 })).to.equal('2 events');
    const margin = (words: typeof en, points: number, answers: number) =>
      words.t('margin', {
        points: words.t('points', { count: points }),
        answers: words.t('answerCount', { count: answers }),
      });
    expect(margin(en, 1, 1)).to.equal('± 1 point, 95 % confidence, 1 answer');
    expect(margin(en, 4.5, 2)).to.equal('± 4.5 points, 95 % confidence, 2 answers');
    const zh = wordsFor('zh-CN');
    expect(zh.t('events', { count: 1 })).to.equal('1 个事件');
    expect(zh.t('events', { count: 2 })).to.equal('2 个事件');
    expect(margin(zh, 1, 1)).to.equal('± 1 分，95% 置信度，共 1 个回答');
  });
});
