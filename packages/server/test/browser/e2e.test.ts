/**
 * The real SDK and the real elements in Chromium, talking to the real collector over HTTP
 * across origins: a vote is stored and counted, an idea created from the form (with a proof of
 * work solved in the browser) shows up, and a
 * status the team sets through the admin API is what the voter is told next time.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createClient, type HeardClient } from '@heard/sdk';
import '@heard/elements/define/poll';
import '@heard/elements/define/idea-box';
import type { HeardPoll } from '@heard/elements/poll';
import type { HeardIdeaBox } from '@heard/elements/idea-box';
import { until } from '../../../elements/test/helpers.js';

const { url, adminToken } = (await (await fetch('/__collector')).json()) as { url: string; adminToken: string };

/** A client of its own: memory storage, so each test is a new person. */
const newPerson = (): HeardClient =>
  createClient({ endpoint: url, storage: 'memory', retry: { baseMs: 50, maxMs: 200 } });

describe('the SDK and the elements against the collector', () => {
  it('delivers a vote, counted; reads name nobody, and a signed-in person sees their vote on another device', async () => {
    const client = newPerson();
    const sent = client.send('poll.vote', 'e2e-sdk', { options: ['mango'] });
    expect(await sent.delivered).to.equal('accepted');
    const results = await client.pollResults('e2e-sdk');
    expect(results).to.deep.include({ poll: 'e2e-sdk', total: 1, other: 0, closed: false, mine: null });

    // The site's backend signs the user id; the page passes both, as data-user and data-user-signature would.
    const { signature } = (await (await fetch('/__collector/sign?user=e2e-user-1')).json()) as { signature: string };
    const laptop = newPerson();
    laptop.identify('e2e-user-1', { signature });
    expect(await laptop.send('poll.vote', 'e2e-signed', { options: ['matcha'] }).delivered).to.equal('accepted');
    const phone = newPerson();
    phone.identify('e2e-user-1', { signature });
    expect((await phone.pollResults('e2e-signed')).mine).to.deep.equal({ options: ['matcha'] });
    const forger = newPerson();
    forger.identify('e2e-user-1', { signature: '0'.repeat(64) });
    expect((await forger.pollResults('e2e-signed')).mine).to.equal(null);
    for (const each of [client, laptop, phone, forger]) each.destroy();
  });

  it('votes in <heard-poll> and shows the results the collector computed', async () => {
    const client = newPerson();
    const el = await fixture<HeardPoll>(
      html`<heard-poll
        .client=${client}
        poll-id="e2e-poll"
        question="Which flavour next?"
        options="mango=Mango, matcha=Matcha"
      ></heard-poll>`,
    );
    const root = el.shadowRoot!;
    const inputs = await until(() => {
      const found = [...root.querySelectorAll<HTMLInputElement>('input[name=answer]')];
      return found.length ? found : undefined;
    }, 'the options');
    inputs[1]!.click();
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    await until(() => root.querySelector('[part~=results]'), 'the results');
    const stored = (await (await fetch(`${url}/v1/polls/e2e-poll/results`)).json()) as {
      total: number;
      options: unknown;
    };
    expect(stored.total).to.equal(1);
    expect(stored.options).to.deep.equal([{ id: 'matcha', votes: 1 }]);
    expect(root.textContent).to.contain('Matcha');
    client.destroy();
  });

  it('creates an idea from <heard-idea-box>, and tells its author when the team ships it', async () => {
    const client = newPerson();
    const box = async () => {
      const el = await fixture<HeardIdeaBox>(
        html`<heard-idea-box .client=${client} board="e2e-board"></heard-idea-box>`,
      );
      await until(() => el.shadowRoot!.querySelector('form [name=title]'), 'the idea box');
      return el;
    };
    const first = await box();
    const root = first.shadowRoot!;
    const title = root.querySelector<HTMLInputElement>('form [name=title]')!;
    title.value = 'Offline mode for trains';
    root.querySelector<HTMLFormElement>('form')!.requestSubmit();
    const created = await until(
      () =>
        [...root.querySelectorAll('[part~=idea]')].find((idea) =>
          idea.textContent!.includes('Offline mode for trains'),
        ),
      'the new idea in the list',
    );
    expect(created.querySelector('[part~=vote]')!.getAttribute('aria-pressed')).to.equal('true');

    const similar = await client.similarIdeas('e2e-board', 'trains offline');
    expect(similar.ideas.map((idea) => idea.title)).to.deep.equal(['Offline mode for trains']);
    const { ideas } = await client.ideas('e2e-board');
    const changed = await fetch(`${url}/v1/admin/boards/e2e-board/ideas/${ideas[0]!.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'shipped', note: 'In version 2.4' }),
    });
    expect(changed.status).to.equal(200);

    const later = await box();
    const notice = await until(() => later.shadowRoot!.querySelector('.notice'), 'the closing-the-loop notice');
    expect(notice.textContent).to.equal('Shipped: “Offline mode for trains” — you asked for this.');
    client.destroy();
  });
});
