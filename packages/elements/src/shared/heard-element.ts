/** A widget's base: HeardBase plus the client that carries its answers to an endpoint. */
import type { PropertyDeclarations } from 'lit';
import { HeardValidationError, getClient, type HeardClient } from '@heard/sdk';
import { HeardBase, type ConfigProblem } from './heard-base.js';
import { widgetStyles } from './widget.styles.js';
import type { CommonStrings } from './strings.js';

export { HeardBase, type ConfigProblem };

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

  override connectedCallback(): void {
    super.connectedCallback();
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

  /** What went wrong with a send, in words: the failing fields of an invalid event, or the error's message. */
  protected problemOf(error: unknown): string {
    if (error instanceof HeardValidationError) return error.issues.map((issue) => issue.message).join('; ');
    return error instanceof Error ? error.message : String(error);
  }

  /** The missing endpoint as a configuration problem, for the error state. */
  protected clientProblem(): ConfigProblem | undefined {
    try {
      void this.heard;
      return undefined;
    } catch (error) {
      return { attribute: 'client', message: (error as Error).message };
    }
  }
}
