/**
 * `heard.iife.js`, one classic script with every element, for pages that cannot load modules:
 *
 *   <script src="https://…/heard.iife.js" data-endpoint="https://feedback.example.com" defer></script>
 */
import '../define/poll.js';
import '../define/nps.js';
import '../define/idea-box.js';
import '../define/beta-signup.js';
import '../define/launcher.js';
import { configureFrom } from '../shared/loader.js';

configureFrom(document.currentScript as HTMLScriptElement | null);
