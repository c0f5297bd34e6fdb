/** Heard in a React 19 app: attributes in, DOM events out, typed by `@heard/elements/react` (see tsconfig.json). */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { configure } from '@heard/sdk';
import '@heard/elements/define/poll';

configure({ endpoint: new URL('collector', document.baseURI).href });

function App() {
  const [vote, setVote] = useState('');
  return (
    <main>
      <heard-poll
        class="poll"
        poll-id="flavours"
        question="Which flavour next?"
        options="mango=Mango, matcha=Matcha"
        show-results="always"
        multiple={false}
        onheard-vote={(event) => setVote(event.vote.options.join(', '))}
      />
      <p id="heard">{vote}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
