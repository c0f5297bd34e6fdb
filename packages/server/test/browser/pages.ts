/** Helpers of the browser tests that open the examples as pages and use them as a person would. */
import { until } from '../../../elements/test/helpers.js';

export { until };

export interface OpenedPage {
  frame: HTMLIFrameElement;
  doc: Document;
  /** Uncaught errors of the page. */
  errors: string[];
  /** CSP violations the page reported. */
  violations: string[];
}

/** Opens a page in a frame and waits until `ready` finds what it needs in it. */
export const openPage = async (src: string, ready: (doc: Document) => unknown): Promise<OpenedPage> => {
  const frame = document.createElement('iframe');
  frame.style.inlineSize = '900px';
  frame.style.blockSize = '900px';
  frame.src = src;
  const errors: string[] = [];
  const violations: string[] = [];
  frame.addEventListener('load', () => {
    frame.contentWindow!.addEventListener('error', (event) => errors.push(event.message));
    frame.contentDocument!.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.violatedDirective}: ${event.blockedURI}`),
    );
  });
  document.body.append(frame);
  const doc = await until(
    () => {
      const current = frame.contentDocument;
      return current && ready(current) ? current : undefined;
    },
    `${src} to be ready`,
    10_000,
  );
  return { frame, doc, errors, violations };
};

/** The first poll's shadow root, once its options are there. */
export const pollIn = (doc: Document): ShadowRoot | undefined => {
  const root = doc.querySelector('heard-poll')?.shadowRoot;
  return root?.querySelector('input[name=answer]') ? root : undefined;
};

/** Picks an option of a poll and submits, as a person does. */
export const vote = async (poll: ShadowRoot, index: number): Promise<void> => {
  poll.querySelectorAll<HTMLInputElement>('input[name=answer]')[index]!.click();
  const submit = await until(
    () => poll.querySelector<HTMLButtonElement>('[part~=submit]:enabled'),
    'the vote button to be enabled',
  );
  submit.click();
};

/** Asks `read` every 50 ms until `done` holds for its answer (or 5 s pass), and gives the last answer. */
export const poll = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  let value = await read();
  for (let i = 0; i < 100 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
};

/** A JSON GET. */
export const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;
