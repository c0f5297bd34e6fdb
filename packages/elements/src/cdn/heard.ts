/**
 * `heard.js`, the module a page loads with one script tag:
 *
 *   <script type="module" src="https://…/heard.js" data-endpoint="https://feedback.example.com"></script>
 *
 * It imports nothing itself: it asks for the core (Lit, the SDK, the loader) and for the files
 * of the elements on the page (`chunks/poll-V.js`, `chunks/nps-V.js`) at once, so they all
 * arrive in one round trip instead of one after the other. A page that shows many kinds
 * (`ALL_FROM` or more) gets one file of every element instead (`chunks/all-V.js`: files gzip
 * apart, so one is fewer bytes than five), and kinds added to it later come from that file too.
 * The build (`scripts/cdn.mjs`) replaces `HEARD_CORE` with the core's file name,
 * `ELEMENTS_VERSION` with the hash that names the elements' files, and `ALL_FROM` with a count
 * it takes from their sizes.
 */
import type { start } from '../shared/loader.js';
import { TAGS, type LoadElements } from '../tags.js';

declare const HEARD_CORE: string;
declare const ELEMENTS_VERSION: string;
declare const ALL_FROM: number;

type Classes = Awaited<ReturnType<LoadElements>>;
const chunk = (file: string) => import(new URL(`./chunks/${file}`, import.meta.url).href) as Promise<Classes>;
const file = (name: string) => chunk(`${name}-${ELEMENTS_VERSION}.js`);

let all = false;
/** `chunks/<kind>-<version>.js` for each kind, all at once, or `chunks/all-<version>.js`. */
const load: LoadElements = (tags) => {
  all ||= tags.length >= ALL_FROM;
  if (all) return file('all');
  return Promise.all(tags.map((tag) => file(tag.slice('heard-'.length)))).then(
    (files) => Object.assign({}, ...files) as Classes,
  );
};

const core = chunk(HEARD_CORE) as unknown as Promise<{ start: typeof start }>;
const onPage = TAGS.filter((tag) => document.querySelector(tag));
// Requested beside the core; the loader's own requests for the same files get these, and say what failed.
if (onPage.length) load(onPage).catch(() => undefined);
core.then(
  ({ start }) => start(import.meta.url, load, TAGS),
  (error: unknown) => console.error('heard: could not load its core:', error),
);
