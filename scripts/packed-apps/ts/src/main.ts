/** Heard in a plain TypeScript app: the element's properties and events are typed by its define entry. */
import { configure } from '@heard/sdk';
import '@heard/elements/define/poll';

configure({ endpoint: new URL('collector', document.baseURI).href });

const poll = document.querySelector('heard-poll')!;
poll.showResults = 'always';
poll.addEventListener('heard-vote', (event) => {
  document.querySelector('#heard')!.textContent = event.vote.options.join(', ');
});
