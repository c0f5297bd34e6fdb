/**
 * `heard.js`, the module a page loads with one script tag:
 *
 *   <script type="module" src="https://…/heard.js" data-endpoint="https://feedback.example.com"></script>
 *
 * It imports nothing itself: it asks for the core (Lit, the SDK, the loader) and for the file
 * made for the set of elements on the page (`chunks/poll_nps-V.js`: the poll and the NPS
 * prompt) at once, so both arrive in one round trip instead of one after the other. A kind
 * added later comes in a file of its own. The build (`scripts/cdn.mjs`) replaces
 * `ELEMENT_SETS_VERSION` with the hash that names the sets and `HEARD_CORE` with the core's
 * file name.
 */
import type { start } from '../shared/loader.js';
import { TAGS, type LoadElements } from '../tags.js';

declare const ELEMENT_SETS_VERSION: string;
declare const HEARD_CORE: string;

const chunk = (file: string) => new URL(`./chunks/${file}`, import.meta.url).href;

/** `chunks/<kinds, in the loader's order, joined by _>-<version>.js`. */
const load: LoadElements = (tags) => {
  const set = TAGS.filter((tag) => tags.includes(tag))
    .map((tag) => tag.slice('heard-'.length))
    .join('_');
  return import(chunk(`${set}-${ELEMENT_SETS_VERSION}.js`));
};

const core = import(chunk(HEARD_CORE)) as Promise<{ start: typeof start }>;
const onPage = TAGS.filter((tag) => document.querySelector(tag));
// Requested beside the core; the loader's own request for the same file gets this one, and says what failed.
if (onPage.length) load(onPage).catch(() => undefined);
core.then(
  ({ start }) => start(import.meta.url, load, TAGS),
  (error: unknown) => console.error('heard: could not load its core:', error),
);
