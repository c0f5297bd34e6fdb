/**
 * What every Heard element shares: strings in the page's language (overridable), the theme,
 * and the designer-friendly error state shown instead of a blank element when an attribute
 * is wrong. Widgets add a client (heard-element.ts); the launcher needs none.
 */
import { LitElement, html, type TemplateResult, type PropertyDeclarations, type PropertyValues } from 'lit';
import {
  common,
  format,
  isChinese,
  pick,
  resolveLang,
  type Catalog,
  type Catalogs,
  type CommonStrings,
} from './strings.js';
import { themeStyles } from './theme.styles.js';
import { SchemeController } from './scheme.js';

/** A wrong attribute: which one, and what is wrong with it. */
export interface ConfigProblem {
  attribute: string;
  message: string;
}

/** Attributes of every HTML element, and names frameworks add (`_ngcontent-…`, `:prop`): never reported. */
const GLOBAL_ATTRIBUTES = /^(aria-|data-|on|[^a-z])|^(id|class|style|hidden|dir|title|slot|part|tabindex|role|inert)$/;

/** Catalogs in other languages, once loaded, by their loader. */
const loaded = new WeakMap<() => Promise<Catalog>, Catalog>();

/** Strings, theme and the error state: what every element has, widget or not. */
export class HeardBase<S extends CommonStrings = CommonStrings> extends LitElement {
  static override styles = [themeStyles];

  static override get properties(): PropertyDeclarations {
    return {
      // Malformed JSON stays the text it was, so the error state can name it instead of throwing;
      // a removed attribute overrides nothing.
      strings: {
        converter: (value: string | null) => {
          try {
            return JSON.parse(value ?? '{}') as unknown;
          } catch {
            return value;
          }
        },
      },
      theme: { reflect: true },
      lang: {},
    };
  }

  /**
   * Replacements for built-in strings, as an object or a JSON attribute: `strings='{"vote":"Send"}'`.
   * A string with a count takes plural forms as keys with the `Intl.PluralRules` category: `votes_one`.
   */
  strings: Partial<S> = {};

  /** `auto` follows the page behind the element (its background, its `color-scheme`), then the system; `light` and `dark` force one. */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  /** Keeps the `dark` state of `auto` in line with the page. */
  private readonly scheme = new SchemeController(this);

  /** The language of the element's strings; defaults to the closest `lang`, then the browser's. */
  override lang = '';

  private readonly reported = new Set<string>();

  protected get language(): string {
    return resolveLang(this);
  }

  /** This element's built-in strings; each element sets its own catalog. */
  protected catalogs = { en: common, zh: async () => (await import('./strings.zh.js')).commonZh } as Catalogs<S>;

  /** A built-in string, or its override: only an override's own string values count (`[]` has a `join`). */
  protected t(key: keyof S & string, values?: Record<string, string | number>): string {
    const zh = isChinese(this.language) && (loaded.get(this.catalogs.zh) as S | undefined);
    const sources: [Partial<Catalog>, string][] = [
      [Object(this.strings), this.language],
      [zh || this.catalogs.en, zh ? 'zh' : 'en'],
    ];
    return format(pick(sources, key, values?.count) ?? key, values);
  }

  /**
   * A `strings` that is not an object of strings shows the error state in place of whatever the
   * element draws; an attribute the element does not know (a typo, another widget's) is named
   * in the console.
   */
  protected override update(changed: PropertyValues): void {
    if (!this.hasUpdated) {
      const known = (this.constructor as typeof LitElement).observedAttributes;
      for (const name of this.getAttributeNames())
        if (!known.includes(name) && !GLOBAL_ATTRIBUTES.test(name))
          this.report({ attribute: name, message: 'is not an attribute of this element.' });
    }
    if (Object.getPrototypeOf(this.strings ?? 0) !== Object.prototype) {
      const problem = { attribute: 'strings', message: 'must be a JSON object, such as {"send":"Go"}.' };
      this.render = () => this.renderProblem(problem);
    } else delete (this as unknown as { render?: unknown }).render;
    super.update(changed);
  }

  /**
   * Each element's first render is a task of its own, so a page with several elements never
   * draws them all in one long task; and an element that speaks Chinese waits for its
   * catalog before it renders: no flash of English.
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await new Promise((resolve) => setTimeout(resolve));
    const { zh } = this.catalogs;
    if (isChinese(this.language) && !loaded.has(zh)) {
      try {
        loaded.set(zh, await zh());
      } catch (error) {
        // Offline or blocked: English rather than nothing, and said once.
        loaded.set(zh, this.catalogs.en);
        console.error(`<${this.localName}>: could not load its Chinese strings`, error);
      }
    }
    super.scheduleUpdate();
  }

  /**
   * Logs a configuration problem for the developer, naming the tag and attribute: once per
   * element and problem, however often it renders.
   */
  protected report(problem: ConfigProblem): void {
    const text = `<${this.localName}> ${problem.attribute}: ${problem.message}`;
    if (this.reported.has(text)) return;
    this.reported.add(text);
    console.error(text, this);
  }

  protected renderProblem(problem: ConfigProblem): TemplateResult {
    this.report(problem);
    return html`<div part="base error" class="problem" role="alert">
      <strong>${this.t('misconfigured')}</strong>
      <p><code>${problem.attribute}</code>: ${problem.message}</p>
    </div>`;
  }
}
