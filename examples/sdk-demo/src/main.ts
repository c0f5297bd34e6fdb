/** Wires the demo page's buttons to the SDK and shows what the endpoint answers. */
import { configure, HeardValidationError } from '@heard/sdk';

const heard = configure({ endpoint: '/__heard/demo', retry: { baseMs: 500, maxMs: 10_000 } });

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const log = (text: string) => {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} — ${text}`;
  $('log').prepend(item);
  $('pending').textContent = String(heard.pending().length);
};

heard.addEventListener('heard-queued', (event) =>
  log(`stored ${event.envelope.type} ${event.envelope.id.slice(0, 8)}`),
);
heard.addEventListener('heard-delivered', (event) => log(`delivered ${event.eventId.slice(0, 8)} (${event.outcome})`));
heard.addEventListener('heard-delivery-error', (event) =>
  log(`refused ${event.error.eventId.slice(0, 8)}: ${event.error.message}`),
);

const showResults = async () => {
  try {
    const results = await heard.pollResults('next-flavour');
    const parts = results.options.map((option) => `${option.id} ${option.votes}`);
    const mine = results.mine ? ` — you chose ${results.mine.options.join(', ')}` : '';
    $('results').textContent = results.total ? `${results.total} voted: ${parts.join(', ')}${mine}` : 'No votes yet.';
  } catch {
    $('results').textContent = 'Thanks! Results will show once the endpoint is reachable.';
  }
};

for (const button of $('poll').querySelectorAll('button')) {
  button.addEventListener('click', async () => {
    for (const other of $('poll').querySelectorAll('button'))
      other.setAttribute('aria-pressed', String(other === button));
    const sent = heard.send('poll.vote', 'next-flavour', { options: [button.value] });
    await sent.delivered.catch(() => undefined);
    await showResults();
  });
}

for (let score = 0; score <= 10; score++) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = String(score);
  button.addEventListener('click', () => {
    try {
      heard.send('nps.response', 'demo-nps', { score });
    } catch (error) {
      if (error instanceof HeardValidationError) log(error.message);
    }
  });
  $('nps').append(button);
}

$('pending').textContent = String(heard.pending().length);
void showResults();
