/** A widget's base: HeardBase plus the client that carries its answers to an endpoint. */
import { isServer, type PropertyDeclarations, type PropertyValues } from 'lit';
import { getClient, type HeardClient, type Sent } from '@heard/sdk';
import { HeardBase, type ConfigProblem } from './heard-base.js';
import { widgetStyles } from './widget.styles.js';
import { isChinese, pick, type CommonStrings } from './strings.js';

export { HeardBase, type ConfigProblem };

/** How long a send may take before the person is told it is saved and waits for the network. */
const SAVED_AFTER_MS = 1_500;
/** How long a widget waits on a read before it shows what it has without it. */
const PATIENCE_MS = 4_000;
/** When a read given up on is tried again, once, without a word. */
export const AGAIN_MS = 15_000;

/** A widget: a HeardBase that talks to an endpoint through a client. */
export class HeardElement<S extends CommonStrings = CommonStrings> extends HeardBase<S> {
  static override styles = [...HeardBase.styles, widgetStyles];

  static override get properties(): PropertyDeclarations {
    return {
      client: { attribute: false },
    };
  }

  /** The client that carries answers; by default the page-wide one (`configure()` or the script tag). */
  client?: HeardClient;

  /** A step replaced what had focus: its successor takes it (`focusStep`). */
  private refocus = false;
  private onScreen: Promise<void> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The person acts: where focus goes now is theirs.
    for (const type of ['keydown', 'pointerdown']) this.addEventListener(type, () => (this.refocus = false));
    // A person who starts to answer will send something: the delivery code loads meanwhile.
    for (const type of ['pointerdown', 'focusin', 'click'])
      this.addEventListener(type, this.prepare, { once: true, passive: true });
  }

  private readonly prepare = () => {
    if (!this.clientProblem()) this.heard.prepare();
  };

  /** The client to use; throws `HeardConfigError` when the page has none. */
  protected get heard(): HeardClient {
    return this.client ?? getClient();
  }

  /**
   * What went wrong with a send, in words for the person who sent it, chosen by the protocol's
   * stable code (`refusal.ts`); the endpoint's own message, written for developers, goes to the console.
   */
  protected async problemOf(error: unknown): Promise<string> {
    const { code = '', message = String(error) } = error as { code?: string; message?: string };
    console.error(`<${this.localName}>: not accepted (${code || 'error'}): ${message}`);
    const { refusal } = await import('./refusal.js');
    return refusal(code, isChinese(this.language), (key) =>
      pick([[Object(this.strings) as object, this.language]], key),
    );
  }

  /**
   * Waits for the endpoint's answer to a send. `onSaved` runs if the answer is not there at
   * once (offline now, or nothing within a moment), when "saved, will be sent" is what is true:
   * the event waits in the outbox. Rejects when the endpoint refused it.
   */
  protected async delivery(sent: Sent, onSaved: () => void): Promise<void> {
    const saved = setTimeout(onSaved, navigator.onLine ? SAVED_AFTER_MS : 0);
    try {
      await sent.delivered;
    } finally {
      clearTimeout(saved);
    }
  }

  /**
   * Call as a step that replaces what has focus begins: if the person was working in this
   * element, focus moves to the new step's `[data-focus]` (its heading or status) once drawn —
   * and again if a later render of that step replaces it — until the person acts. Focus never
   * falls to the page's body.
   */
  protected focusStep(): void {
    if (this.matches(':focus-within')) this.refocus = true;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.refocus && !this.shadowRoot?.activeElement)
      this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus();
  }

  /**
   * Resolves once the element is on screen or within 200 px of it: a widget nobody can see yet
   * (in a closed launcher, far below the fold, hidden) reads nothing until it can be seen.
   */
  protected seen(): Promise<void> {
    return (this.onScreen ??= new Promise((resolve) => {
      if (typeof IntersectionObserver !== 'function') return resolve();
      const observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return;
          observer.disconnect();
          resolve();
        },
        { rootMargin: '200px' },
      );
      observer.observe(this);
    }));
  }

  /**
   * A read, given up on after a few seconds (a collector that accepts connections and never
   * answers would otherwise hold the widget for the SDK's whole timeout): undefined when it
   * fails. Then it is tried once more a little later, quietly, and `later` gets its answer.
   */
  protected async patiently<T>(
    read: (signal: AbortSignal) => Promise<T>,
    later?: (answer: T) => void,
  ): Promise<T | undefined> {
    try {
      return await read(AbortSignal.timeout(PATIENCE_MS));
    } catch {
      if (later)
        setTimeout(() => {
          if (this.isConnected) read(AbortSignal.timeout(PATIENCE_MS)).then(later, () => undefined);
        }, AGAIN_MS);
      return undefined;
    }
  }

  /**
   * An answer of `type` to `widget` that this browser gave on an earlier page and that still
   * waits in the outbox: resolves once the endpoint has it, rejects if it refuses it; undefined
   * when none waits. Until then a widget says it is saved, never that it is in.
   */
  protected stillWaiting(type: string, widget: string): Promise<void> | undefined {
    const heard = this.heard;
    const event = heard.pending().find((given) => given.type === type && given.widget === widget);
    if (!event) return undefined;
    return new Promise((resolve, reject) => {
      const settle = (settled: Event) => {
        const { eventId, error } = settled as Event & { eventId?: string; error?: { eventId: string } };
        if ((eventId ?? error?.eventId) !== event.id) return;
        heard.removeEventListener('heard-delivered', settle);
        heard.removeEventListener('heard-delivery-error', settle);
        if (error) reject(error as unknown as Error);
        else resolve();
      };
      heard.addEventListener('heard-delivered', settle);
      heard.addEventListener('heard-delivery-error', settle);
    });
  }

  private readonly onConfigure = () => this.requestUpdate('client', null);

  /** The missing endpoint as a configuration problem, for the error state. */
  protected clientProblem(): ConfigProblem | undefined {
    // A server that renders the page has no client: the browser's copy of the element gets one.
    if (isServer) return undefined;
    try {
      void this.heard;
      return undefined;
    } catch (error) {
      // Set up once the page's client is (`configure()` after this element rendered). An old
      // value unlike undefined, so that Lit counts `client` as changed.
      globalThis.addEventListener?.('heard-configure', this.onConfigure, { once: true });
      return { attribute: 'client', message: (error as Error).message };
    }
  }
}
