/**
 * The script-tag loader: configures the page-wide client from the script tag's `data-*`
 * attributes, then defines only the `heard-*` elements on the page, loading their code when
 * the first of their kind appears — now or later (a MutationObserver watches the page).
 */
import { configure, isConfigured, optionsFromScript } from '@heard/sdk';

/** Every element the loader knows, by tag, in the order that names a set of them. */
export const TAGS = ['heard-poll', 'heard-nps', 'heard-idea-box', 'heard-beta-signup', 'heard-launcher'] as const;

export type Tag = (typeof TAGS)[number];

/** Loads the classes of some elements at once: a module exporting each class under its tag. */
export type LoadElements = (tags: Tag[]) => Promise<Partial<Record<Tag, CustomElementConstructor>>>;

/** The next turn of the event loop. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve));

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

/**
 * Loads the code of each kind of element under `root` (and `root` itself) once: the kinds
 * found together in one load. Each kind is defined in a task of its own after the code
 * arrives, so evaluating it and upgrading each kind's elements are separate tasks, not one
 * long one.
 */
export const watchElements = (load: LoadElements): void => {
  const requested = new Set<string>();
  const selector = TAGS.join(',');
  const scan = (root: ParentNode) => {
    const found = [...root.querySelectorAll(selector)];
    if (root instanceof Element && root.matches(selector)) found.push(root);
    const tags = TAGS.filter((tag) => !requested.has(tag) && found.some((element) => element.localName === tag));
    if (!tags.length) return;
    for (const tag of tags) requested.add(tag);
    load(tags)
      .then(async (classes) => {
        for (const tag of tags) {
          const element = classes[tag];
          if (!element) throw new Error(`no class for <${tag}>`);
          // Upgrading the elements of one kind is a task of its own.
          await nextTask();
          if (!customElements.get(tag)) customElements.define(tag, element);
        }
      })
      .catch((error: unknown) => {
        for (const tag of tags) requested.delete(tag);
        console.error(`heard: could not load ${tags.map((tag) => `<${tag}>`).join(', ')}:`, error);
      });
  };
  scan(document);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) scan(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
};
