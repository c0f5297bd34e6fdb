/**
 * Heard from npm in an app built with Vite: import the element you use, configure the client,
 * listen to the element's events like any DOM event. The bundler keeps only what is imported.
 */
import { configure } from '@heard/sdk';
import '@heard/elements/define/beta-signup';

configure({ endpoint: new URL('/collector', location.href).href });

document.querySelector('heard-beta-signup')?.addEventListener('heard-signup', () => {
  document.getElementById('joined')!.textContent = 'Welcome aboard: check your place in line above.';
});
