/**
 * The React example (built with Vite) against the real collector: React passes attributes to
 * the elements and hears their DOM events; the vote and the idea reach the collector.
 */
import { expect } from '@open-wc/testing';
import { getJson, openPage, poll, pollIn, until, vote } from './pages.js';

const { url } = await getJson<{ url: string }>('/__collector');

describe('the React example', () => {
  it('votes and suggests through the elements, and React hears both', async () => {
    const { frame, doc, errors } = await openPage('/examples/react/dist/index.html', pollIn);
    await vote(pollIn(doc)!, 1);
    const status = await until(() => doc.querySelector('[role=status]'), 'React to hear heard-vote');
    expect(status.textContent).to.equal('React heard your vote: Board.');

    const box = await until(
      () => doc.querySelector('heard-idea-box')?.shadowRoot?.querySelector('form'),
      'the idea box',
    );
    box.querySelector<HTMLInputElement>('[name=title]')!.value = 'Keyboard shortcuts for views';
    box.requestSubmit();
    const output = await until(() => doc.querySelector('output'), 'React to hear heard-submit', 10_000);
    expect(output.textContent).to.equal('Keyboard shortcuts for views');

    const stored = await poll(
      async () => ({
        poll: (await getJson<{ total: number }>(`${url}/v1/polls/react-views/results`)).total,
        ideas: (await getJson<{ ideas: unknown[] }>(`${url}/v1/boards/react-ideas/ideas`)).ideas.length,
      }),
      (counts) => counts.poll > 0 && counts.ideas > 0,
    );
    expect(stored).to.deep.equal({ poll: 1, ideas: 1 });
    expect(errors).to.deep.equal([]);
    frame.remove();
  });
});
