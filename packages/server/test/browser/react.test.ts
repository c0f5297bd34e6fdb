/**
 * The React example (built with Vite) against the real collector: React passes attributes to
 * the elements and hears their DOM events; the vote and the idea reach the collector.
 */
import { expect } from '@open-wc/testing';
import { until } from '../../../elements/test/helpers.js';

const { url } = (await (await fetch('/__collector')).json()) as { url: string };

describe('the React example', () => {
  it('votes and suggests through the elements, and React hears both', async () => {
    const frame = document.createElement('iframe');
    frame.style.inlineSize = '800px';
    frame.style.blockSize = '900px';
    frame.src = '/examples/react/dist/index.html';
    document.body.append(frame);
    const doc = await until(
      () =>
        frame.contentDocument?.querySelector('heard-poll')?.shadowRoot?.querySelector('input') && frame.contentDocument,
      'the poll in the React app',
      10_000,
    );
    const poll = doc.querySelector('heard-poll')!.shadowRoot!;
    poll.querySelectorAll<HTMLInputElement>('input[name=answer]')[1]!.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    poll.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
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

    let stored = { poll: 0, ideas: 0 };
    for (let i = 0; i < 100 && !(stored.poll && stored.ideas); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const results = (await (await fetch(`${url}/v1/polls/react-views/results`)).json()) as { total: number };
      const list = (await (await fetch(`${url}/v1/boards/react-ideas/ideas`)).json()) as { ideas: unknown[] };
      stored = { poll: results.total, ideas: list.ideas.length };
    }
    expect(stored).to.deep.equal({ poll: 1, ideas: 1 });
    frame.remove();
  });
});
