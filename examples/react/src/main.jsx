/**
 * Heard in a React app. The elements are plain custom elements: React 19 passes attributes
 * to them and listens to their DOM events (`onheard-vote`), with nothing in between.
 * `pnpm start` expects the collector on http://127.0.0.1:8787 (`pnpm --filter @heard/server
 * start`); the page talks to it through /collector.
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { configure } from '@heard/sdk';
import '@heard/elements/define/poll';
import '@heard/elements/define/idea-box';

configure({ endpoint: new URL('/collector', location.href).href.replace(/\/$/, '') });

const VIEWS = { list: 'List', board: 'Board', calendar: 'Calendar' };

function App() {
  const [vote, setVote] = useState(null);
  const [ideas, setIdeas] = useState([]);
  return (
    <main>
      <h1>Acme Notes for React</h1>
      <heard-poll
        poll-id="react-views"
        question="Which view do you use most?"
        options={Object.entries(VIEWS)
          .map(([id, label]) => `${id}=${label}`)
          .join(', ')}
        onheard-vote={(event) => setVote(event.vote.options.map((id) => VIEWS[id]).join(', '))}
      />
      {vote && <p role="status">React heard your vote: {vote}.</p>}
      <heard-idea-box
        board="react-ideas"
        compact
        onheard-submit={(event) => setIdeas((all) => [...all, event.title])}
      />
      {ideas.length > 0 && (
        <p>
          You suggested: <output>{ideas.join('; ')}</output>
        </p>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
