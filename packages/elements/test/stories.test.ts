/**
 * Every story in the built Storybook reaches the state it is named for (each declares it as
 * `parameters.state`: a selector in the element's shadow root and/or a text it shows), throws
 * nothing, logs no unexpected error, and passes axe in that state. Run after `pnpm build-storybook`.
 */
import { expect } from '@open-wc/testing';
import { axeInFrame, until } from './helpers.js';

interface Entry {
  id: string;
  type: string;
  title: string;
  name: string;
  importPath: string;
  exportName: string;
}

/** What a story shows once it reached its state. */
interface State {
  selector?: string;
  text?: string;
}

type StoryModule = Record<string, { parameters?: { state?: State } } | undefined> & {
  default: { parameters?: { state?: State } };
};

/** The state a story declares, read from its own module (the same file Storybook built). */
const declaredState = async (entry: Entry): Promise<State | undefined> => {
  const module = (await import(`/${entry.importPath.replace(/^\.\//, '')}`)) as StoryModule;
  return module[entry.exportName]?.parameters?.state ?? module.default.parameters?.state;
};

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
      const state = await declaredState(story);
      expect(state?.selector ?? state?.text, `${story.importPath} ${story.exportName}: parameters.state`).to.be.a(
        'string',
      );
      await until(
        () => {
          const root = element.shadowRoot;
          if (!root) return false;
          const shown = root.textContent!.replace(/\s+/g, ' ');
          return (
            (!state!.selector || root.querySelector(state!.selector)) && (!state!.text || shown.includes(state!.text))
          );
        },
        `the story's state ${JSON.stringify(state)}`,
      );
      expect(await axeInFrame(frame, doc.querySelector('[id=storybook-root]')!)).to.deep.equal([]);
      const expected = story.name.startsWith('Error:') ? /^<heard-[a-z-]+>:? / : /^$/;
      expect(errors.filter((error) => !expected.test(error))).to.deep.equal([]);
      if (story.name.startsWith('Error:')) expect(errors.length).to.be.greaterThan(0);
      frame.remove();
    });
  }
});
