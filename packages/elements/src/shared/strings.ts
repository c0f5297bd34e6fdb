/**
 * Strings: the ones every element shows, the language an element speaks, and placeholders.
 * Each element keeps its own catalog (`<name>.strings.ts`) so a page ships only what it shows;
 * every string can be overridden per element (the `strings` property or attribute).
 */

export type Catalog = Record<string, string>;

/** A catalog per language: English, and Simplified Chinese for any `zh*` tag. */
export interface Catalogs<S extends Catalog = Catalog> {
  en: S;
  zh: S;
}

export const common = {
  en: {
    loading: 'Loading…',
    retry: 'Try again',
    misconfigured: 'This widget is not set up correctly',
    close: 'Close',
    send: 'Send',
  },
  zh: {
    loading: '加载中…',
    retry: '重试',
    misconfigured: '此组件配置有误',
    close: '关闭',
    send: '发送',
  },
};

export type CommonStrings = typeof common.en;

/** The language an element speaks: its own `lang`, its closest ancestor's, then the browser's. */
export const resolveLang = (element: HTMLElement): string =>
  element.closest('[lang]')?.getAttribute('lang') || globalThis.navigator?.language || 'en';

/** The built-in catalog for a language tag: Chinese for any `zh*`, English otherwise. */
export const pick = <S extends Catalog>(catalogs: Catalogs<S>, lang: string): S =>
  lang.toLowerCase().startsWith('zh') ? catalogs.zh : catalogs.en;

export const format = (template: string, values: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
