/**
 * Strings: the ones every element shows, the language an element speaks, and placeholders.
 * Each element keeps its own catalog (`<name>.strings.ts`) so a page ships only what it shows;
 * every string can be overridden per element (the `strings` property or attribute).
 */

export type Catalog = Record<string, string>;

/** English, always at hand; Simplified Chinese for any `zh*` tag, loaded when first needed. */
export interface Catalogs<S extends Catalog = Catalog> {
  en: S;
  zh: () => Promise<S>;
}

/** The strings every element shows, in English. */
export const common = {
  loading: 'Loading…',
  retry: 'Try again',
  misconfigured: 'This widget is not set up correctly',
  close: 'Close',
  send: 'Send',
  saved: 'Saved on this device. It will be sent as soon as it can be.',
};

export type CommonStrings = typeof common;

/**
 * The language an element speaks: its own `lang`, its closest ancestor's, then the browser's.
 * Pages often write `en_US`; a tag Intl refuses would throw in every date and plural, so it
 * reads as English.
 */
export const resolveLang = (element: HTMLElement): string => {
  try {
    return (
      Intl.getCanonicalLocales(
        (element.lang || element.closest('[lang]')?.getAttribute('lang') || navigator.language).replace(/_/g, '-'),
      )[0] ?? 'en'
    );
  } catch {
    return 'en';
  }
};

/** Whether a language tag is Chinese: its strings are Simplified Chinese, others English. */
export const isChinese = (lang: string): boolean => lang.toLowerCase().startsWith('zh');

const plurals: Record<string, Intl.PluralRules> = {};

/**
 * The string for `key` from the first of `sources` (an object and the language it is written
 * in) that has one of its own. With a numeric `count`, the plural form comes first: `votes_one`
 * for one in English, else `votes` (every other count, and languages with one form).
 */
export const pick = (sources: [Partial<Catalog>, string][], key: string, count?: unknown): string | undefined => {
  for (const [source, lang] of sources) {
    const forms =
      typeof count == 'number' ? [`${key}_${(plurals[lang] ??= new Intl.PluralRules(lang)).select(count)}`] : [];
    for (const form of [...forms, key]) {
      const value = Object.hasOwn(source, form) && source[form];
      if (typeof value == 'string') return value;
    }
  }
  return undefined;
};

export const format = (template: string, values: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
