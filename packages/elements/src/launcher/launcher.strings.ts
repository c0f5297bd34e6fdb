/**
 * <heard-launcher>'s strings in English, and Simplified Chinese loaded when an element speaks
 * it; each can be overridden.
 */
import { common, type Catalogs } from '../shared/strings.js';

const en = {
  ...common,
  feedback: 'Feedback',
};

export type LauncherStrings = { [K in keyof typeof en]: string };

export const launcherStrings: Catalogs<LauncherStrings> = {
  en,
  zh: async () => (await import('./launcher.strings.zh.js')).zh,
};
