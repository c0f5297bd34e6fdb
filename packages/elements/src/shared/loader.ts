/**
 * The script-tag loader, in the core beside the SDK it configures: finds its own tag however
 * the page reached it, configures the page-wide client from the tag's `data-*` attributes,
 * then defines only the `heard-*` elements on the page, loading their code when the first of
 * their kind appears — now or later (a MutationObserver watches the page).
 */
import { configure, isConfigured, optionsFromScript } from '@heard/sdk';
import type { LoadElements, Tag } from '../tags.js';

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

const fileName = (url: string) => new URL(url, document.baseURI).pathname.split('/').pop();

/**
 * The tag that loaded the module at `url`: the one whose `src` is that URL; else, when the
 * URL is not the one written (a CDN redirected an unversioned URL, a query string was
 * dropped), a tag with `data-endpoint` and the same file name; else the only tag with
 * `data-endpoint`.
 */
export const ownScript = (url: string): HTMLScriptElement | undefined => {
  const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src]')];
  const configured = scripts.filter((script) => script.dataset.endpoint !== undefined);
  return (
    scripts.find((script) => script.src === url) ??
    configured.find((script) => fileName(script.src) === fileName(url)) ??
    (configured.length === 1 ? configured[0] : undefined)
  );
};

/**
 * Loads the code of each kind of element under `root` (and `root` itself) once: the kinds
 * found together in one load. Each kind is defined in a task of its own after the code
 * arrives, so evaluating it and upgrading each kind's elements are separate tasks, not one
 * long one.
 */
export const watchElements = (load: LoadElements, all: readonly Tag[]): void => {
  const requested = new Set<string>();
  const selector = all.join(',');
  const scan = (root: ParentNode) => {
    const found = [...root.querySelectorAll(selector)];
    if (root instanceof Element && root.matches(selector)) found.push(root);
    const tags = all.filter((tag) => !requested.has(tag) && found.some((element) => element.localName === tag));
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

let started = false;

/**
 * What `heard.js` runs once the core has arrived: `url` is the loader's own (`import.meta.url`),
 * `load` fetches a set of elements, `all` is every tag it knows (`TAGS`). A second tag on the page (pasted twice, another query
 * string) starts nothing more.
 */
export const start = (url: string, load: LoadElements, all: readonly Tag[]): void => {
  if (started) return;
  started = true;
  configureFrom(ownScript(url));
  watchElements(load, all);
};
