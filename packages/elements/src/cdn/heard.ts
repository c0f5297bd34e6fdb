/**
 * `heard.js`, the module a page loads with one script tag:
 *
 *   <script type="module" src="https://…/heard.js" data-endpoint="https://feedback.example.com"></script>
 *
 * Each element's code is its own chunk, fetched the first time the page shows that element.
 */
import { configureFrom, watchElements } from '../loader.js';

const own = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].find(
  (script) => script.src === import.meta.url,
);
configureFrom(own);
watchElements();
