/**
 * Subresource Integrity as documented: `heard.js` with the `integrity` attribute from
 * `dist/cdn/sri.json`, its chunks pinned by the import map published beside it. The page
 * works; change one chunk's hash and the browser refuses that chunk.
 */
import { expect } from '@open-wc/testing';
import { storedAt, until } from './helpers.js';

const BASE = new URL('/packages/elements/dist/cdn/', location.href).href;

interface Sri {
  files: Record<string, string>;
  importMap: { integrity: Record<string, string> };
}

/** The page records what its console says was an error: a refused chunk is reported there. */
const RECORD_ERRORS = `<script>window.errors = []; const log = console.error; console.error = (...args) => { errors.push(args.join(' ')); log(...args); };</script>`;

const page = (sri: Sri, tamper?: string) => {
  const integrity = Object.fromEntries(
    Object.entries(sri.importMap.integrity).map(([url, hash]) => [
      url.replace('<BASE>', BASE),
      tamper && url.includes(tamper) ? `sha384-${btoa('not the file'.padEnd(48, '.'))}` : hash,
    ]),
  );
  return `<!doctype html><html lang="en"><head><title>SRI</title>${RECORD_ERRORS}
    <script type="importmap">${JSON.stringify({ integrity })}</script>
    <script type="module" src="${BASE}heard.js" integrity="${sri.files['heard.js']}" crossorigin="anonymous" data-endpoint="/__heard/sri"></script>
    </head><body><heard-poll poll-id="sri" question="Q?" options="a=A, b=B"></heard-poll></body></html>`;
};

const open = async (html: string) => {
  const frame = document.createElement('iframe');
  frame.srcdoc = html;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame;
};

describe('Subresource Integrity', () => {
  it('publishes a hash for every file, and a page pinned by them works', async () => {
    const sri = (await (await fetch(`${BASE}sri.json`)).json()) as Sri;
    expect(Object.keys(sri.files)).to.include.members(['heard.js', 'heard.iife.js']);
    for (const [file, hash] of Object.entries(sri.files)) {
      const bytes = await (await fetch(BASE + file)).arrayBuffer();
      const digest = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-384', bytes))));
      expect(hash, file).to.equal(`sha384-${digest}`);
    }
    const frame = await open(page(sri));
    const option = await until(
      () => frame.contentDocument!.querySelector('heard-poll')?.shadowRoot?.querySelector('input'),
      'the poll under SRI',
    );
    // The delivery queue, which the core imports on the first answer, is pinned too, and delivers.
    await fetch('/__heard/sri/control', { method: 'POST', body: JSON.stringify({ reset: true }) });
    option.click();
    const submit = await until(
      () =>
        frame
          .contentDocument!.querySelector('heard-poll')!
          .shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]:enabled'),
      'the vote button to be enabled',
    );
    submit.click();
    const stored = await storedAt('sri');
    expect(stored, 'the vote, sent by the pinned queue').to.have.length(1);
    expect(Object.keys(sri.importMap.integrity).some((url) => /chunks\/queue-/.test(url))).to.equal(true);
    frame.remove();
  });

  it('refuses a chunk whose hash does not match', async () => {
    const sri = (await (await fetch(`${BASE}sri.json`)).json()) as Sri;
    const frame = await open(page(sri, 'chunks/poll-'));
    const win = frame.contentWindow as Window & { errors: string[] };
    const refusal = await until(
      () => win.errors.find((error) => error.includes('could not load <heard-poll>')),
      'the refusal',
    );
    // The core ran (its loader said so) and the file refused is the tampered one, which is there to fetch.
    const chunk = Object.keys(sri.importMap.integrity)
      .find((url) => url.includes('chunks/poll-'))!
      .replace('<BASE>', BASE);
    expect(refusal).to.contain(chunk);
    expect((await fetch(chunk)).ok, chunk).to.equal(true);
    expect(win.customElements.get('heard-poll')).to.equal(undefined);
    frame.remove();
  });
});
