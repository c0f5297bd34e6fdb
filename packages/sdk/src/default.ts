/**
 * The page-wide client that elements use: configured once from the script tag's `data-*`
 * attributes or with `configure(...)`.
 */
import { createClient, type ClientOptions, type Consent, type HeardClient } from './client.js';
import { HeardConfigError } from './errors.js';

/**
 * The page-wide client is kept on the page, not in this module, so that every copy of the SDK
 * a page runs (an app's and the one the elements were built with) shares it.
 */
const PAGE_CLIENT = Symbol.for('heard.client');
const page = globalThis as { [PAGE_CLIENT]?: HeardClient };

/**
 * Sets up the page-wide client; calling it again replaces the previous one. Elements that
 * rendered before it hear `heard-configure` on the window and set themselves up with it.
 */
export const configure = (options: ClientOptions): HeardClient => {
  page[PAGE_CLIENT]?.destroy();
  const client = (page[PAGE_CLIENT] = createClient(options));
  globalThis.dispatchEvent?.(new Event('heard-configure'));
  return client;
};

const CONSENTS: readonly Consent[] = ['granted', 'pending', 'denied'];

/**
 * Reads `data-endpoint`, `data-consent`, `data-locale`, `data-beacon="false"`, `data-user` and
 * `data-user-signature` from a script tag, as in
 * `<script src=".../heard.js" data-endpoint="https://feedback.example.com">`.
 */
export const optionsFromScript = (script: HTMLScriptElement | SVGScriptElement): ClientOptions => {
  const data = (script as HTMLScriptElement).dataset;
  if (!data.endpoint) throw new HeardConfigError('The Heard script tag needs data-endpoint="https://…"');
  const consent = data.consent as Consent | undefined;
  if (consent !== undefined && !CONSENTS.includes(consent)) {
    throw new HeardConfigError(`data-consent must be one of ${CONSENTS.join(', ')}, not "${consent}"`);
  }
  return {
    endpoint: data.endpoint,
    ...(consent ? { consent } : {}),
    ...(data.locale ? { locale: data.locale } : {}),
    ...(data.beacon === 'false' ? { beacon: false } : {}),
    ...(data.user ? { user: { id: data.user, signature: data.userSignature } } : {}),
  };
};

/** The page-wide client. Throws `HeardConfigError` when nothing configured one. */
export const getClient = (): HeardClient => {
  const current = page[PAGE_CLIENT];
  if (!current) {
    throw new HeardConfigError(
      'Heard has no endpoint: add data-endpoint to its script tag or call configure({ endpoint })',
    );
  }
  return current;
};

/** Whether a page-wide client exists. */
export const isConfigured = (): boolean => page[PAGE_CLIENT] !== undefined;
