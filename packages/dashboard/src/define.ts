/**
 * Registers the page's element. Its views, their charts and Observable Plot come after
 * sign-in (`views.ts`), so the sign-in form shows without them. Importing a class alone
 * defines nothing, as with the widgets' own `define/` entries.
 */
import { HeardDashboard } from './app.js';

if (!customElements.get('heard-dashboard')) customElements.define('heard-dashboard', HeardDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'heard-dashboard': HeardDashboard;
  }
}
