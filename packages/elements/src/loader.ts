/**
 * The script-tag loader: configures the page-wide client from the script tag's `data-*`
 * attributes, then defines only the `heard-*` elements on the page, loading each one's code
 * when the first of its kind appears — now or later (a MutationObserver watches the page).
 */
import { configure, isConfigured, optionsFromScript } from '@heard/sdk';

export type ElementLoaders = Readonly<Record<string, () => Promise<unknown>>>;

/** The next turn of the event loop. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

/**
 * Loads an element's class, then defines it a task later: evaluating the code and drawing
 * the elements already on the page are two tasks of the host page, not one long one.
 */
const defineLater = (tag: string, load: () => Promise<CustomElementConstructor>) => async (): Promise<void> => {
  const element = await load();
  await nextTask();
  if (!customElements.get(tag)) customElements.define(tag, element);
};

/** Every element the loader knows, by tag. */
export const ELEMENTS: ElementLoaders = {
  'heard-poll': defineLater('heard-poll', async () => (await import('./poll/poll.js')).HeardPoll),
  'heard-nps': defineLater('heard-nps', async () => (await import('./nps/nps.js')).HeardNps),
  'heard-idea-box': defineLater('heard-idea-box', async () => (await import('./idea-box/idea-box.js')).HeardIdeaBox),
  'heard-beta-signup': defineLater(
    'heard-beta-signup',
    async () => (await import('./beta-signup/beta-signup.js')).HeardBetaSignup,
  ),
  'heard-launcher': defineLater('heard-launcher', async () => (await import('./launcher/launcher.js')).HeardLauncher),
};

/** Configures the page-wide client from a script tag, unless the page already did. */
export const configureFrom = (script: HTMLScriptElement | SVGScriptElement | null | undefined): void => {
  if (!script || isConfigured()) return;
  try {
    configure(optionsFromScript(script));
  } catch (error) {
    // The elements show the problem where they stand; the console says what to fix.
    console.error(`heard: ${(error as Error).message}`);
  }
};

/** Loads the code of each kind of element under `root` (and `root` itself) once. */
export const watchElements = (loaders: ElementLoaders = ELEMENTS): void => {
  const requested = new Set<string>();
  const selector = Object.keys(loaders).join(',');
  const load = (root: ParentNode) => {
    const found = [...root.querySelectorAll(selector)];
    if (root instanceof Element && root.matches(selector)) found.push(root);
    for (const { localName: tag } of found) {
      const loader = loaders[tag];
      if (!loader || requested.has(tag)) continue;
      requested.add(tag);
      loader().catch((error: unknown) => {
        requested.delete(tag);
        console.error(`heard: could not load <${tag}>:`, error);
      });
    }
  };
  load(document);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) load(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
};
