/**
 * `heard.js`, the module a page loads with one script tag:
 *
 *   <script type="module" src="https://…/heard.js" data-endpoint="https://feedback.example.com"></script>
 *
 * The elements a page shows as it loads come in one file made for that set of elements
 * (`chunks/poll_nps-V.js`: the poll and the NPS prompt); a kind added later comes in a file
 * of its own. Each file imports the core beside it. The build (`scripts/cdn.mjs`) writes a
 * file for every set, and replaces `ELEMENT_SETS_VERSION` with the hash that names them.
 */
import { TAGS, configureFrom, watchElements, type LoadElements } from '../loader.js';

declare const ELEMENT_SETS_VERSION: string;

/** `chunks/<kinds, in the loader's order, joined by _>-<version>.js`. */
const load: LoadElements = (tags) => {
  const set = TAGS.filter((tag) => tags.includes(tag))
    .map((tag) => tag.slice('heard-'.length))
    .join('_');
  return import(new URL(`./chunks/${set}-${ELEMENT_SETS_VERSION}.js`, import.meta.url).href);
};

const own = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find(
  (script) => script.src === import.meta.url,
);
configureFrom(own);
watchElements(load);
