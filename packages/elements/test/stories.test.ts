/**
 * Every story in the built Storybook renders, throws nothing, logs no unexpected error, and
 * passes axe. Run after `pnpm build-storybook`.
 */
import { expect } from '@open-wc/testing';
import { axeInFrame, until } from './helpers.js';

interface Entry {
  id: string;
  type: string;
  title: string;
  name: string;
}

type StoryWindow = Window & { console: Console };

const index = await fetch('/storybook-static/index.json').then(
  (response) => (response.ok ? (response.json() as Promise<{ entries: Record<string, Entry> }>) : undefined),
  () => undefined,
);

const open = async (id: string) => {
  const frame = document.createElement('iframe');
  frame.style.inlineSize = '900px';
  frame.style.blockSize = '700px';
  frame.src = `/storybook-static/iframe.html?id=${id}&viewMode=story`;
  const errors: string[] = [];
  frame.addEventListener('load', () => {
    const win = frame.contentWindow as StoryWindow;
    win.addEventListener('error', (event) => errors.push(String(event.message)));
    win.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));
    const original = win.console.error.bind(win.console);
    win.console.error = (...args: unknown[]) => {
      errors.push(args.map(String).join(' '));
      original(...args);
    };
  });
  document.body.append(frame);
  return { frame, errors };
};

describe('Storybook stories', () => {
  it('are built (run pnpm build-storybook first)', () => {
    expect(index, 'storybook-static/index.json').not.to.equal(undefined);
  });

  const stories = Object.values(index?.entries ?? {}).filter((entry) => entry.type === 'story');

  for (const story of stories) {
    it(`${story.title} / ${story.name}: renders, no errors, no axe violations`, async () => {
      const { frame, errors } = await open(story.id);
      const doc = await until(
        () => frame.contentDocument?.querySelector('[id=storybook-root] [theme]') && frame.contentDocument,
        'the story',
      );
      const element = doc.querySelector<HTMLElement>('[id=storybook-root] [theme]')!;
      await until(() => element.shadowRoot?.childElementCount, 'the element to render');
      // Let the in-memory transport answer (150 ms) and the element settle.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(element.shadowRoot!.textContent!.trim(), 'rendered text').not.to.equal('');
      expect(await axeInFrame(frame, doc.querySelector('[id=storybook-root]')!)).to.deep.equal([]);
      const expected = story.name.startsWith('Error: bad attribute') ? /^<heard-[a-z-]+> / : /^$/;
      expect(errors.filter((error) => !expected.test(error))).to.deep.equal([]);
      if (story.name.startsWith('Error: bad attribute')) expect(errors.length).to.be.greaterThan(0);
      frame.remove();
    });
  }
});
