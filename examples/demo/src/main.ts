/** Configures the page-wide client, registers the elements, and shows what is delivered. */
import { configure } from '@heard/sdk';
import '@heard/elements/define/poll';
import '@heard/elements/define/nps';
import '@heard/elements/define/idea-box';
import '@heard/elements/define/beta-signup';
import '@heard/elements/define/launcher';

const heard = configure({ endpoint: '/__heard/demo', retry: { baseMs: 500, maxMs: 10_000 } });

const log = (text: string) => {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} — ${text}`;
  document.getElementById('log')?.prepend(item);
  const pending = document.getElementById('pending');
  if (pending) pending.textContent = String(heard.pending().length);
};

heard.addEventListener('heard-queued', (event) =>
  log(`stored ${event.envelope.type} ${event.envelope.id.slice(0, 8)}`),
);
heard.addEventListener('heard-delivered', (event) => log(`delivered ${event.eventId.slice(0, 8)} (${event.outcome})`));
heard.addEventListener('heard-delivery-error', (event) =>
  log(`refused ${event.error.eventId.slice(0, 8)}: ${event.error.message}`),
);
