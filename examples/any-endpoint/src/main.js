/**
 * Heard's widgets with a backend of your own: `mapRequest` turns each answer into the body a
 * plain webhook expects, one request per answer. The webhook serves no reads, so the reads
 * widgets make find nothing there: they degrade to a thank-you instead of results.
 */
import { configure } from '@heard/sdk';
import '@heard/elements/define/nps';
import '@heard/elements/define/poll';

const WEBHOOK = new URL('/hooks/feedback', location.href).href;

configure({
  // Reads go here and are answered 404: no results, no error for the person.
  endpoint: new URL('/no-heard-api', location.href).href,
  batchSize: 1,
  mapRequest(request, envelopes) {
    if (request.method === 'GET' || !envelopes?.length) return request;
    const [event] = envelopes;
    const base = { ...request, url: WEBHOOK, headers: { 'content-type': 'application/json' } };
    if (event.type === 'nps.response') {
      const { score, comment = null } = event.data;
      return { ...base, body: JSON.stringify({ kind: 'nps', survey: event.widget, score, comment, at: event.at }) };
    }
    if (event.type === 'poll.vote') {
      const choice = event.data.options.join(', ');
      return { ...base, body: JSON.stringify({ kind: 'vote', poll: event.widget, choice, at: event.at }) };
    }
    // Anything else (an NPS prompt dismissed, say) is not for this webhook.
    return null;
  },
});
