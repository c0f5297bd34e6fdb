/** Registers `<heard-launcher>`. Importing the class alone defines nothing. */
import { HeardLauncher } from '../launcher/launcher.js';

export { HeardLauncher };

if (!customElements.get('heard-launcher')) customElements.define('heard-launcher', HeardLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'heard-launcher': HeardLauncher;
  }
}
