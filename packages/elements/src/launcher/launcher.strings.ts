/** <heard-launcher>'s strings in English and Simplified Chinese; each can be overridden. */
import { common, type Catalogs } from '../shared/strings.js';

const en = {
  ...common.en,
  feedback: 'Feedback',
};

export type LauncherStrings = { [K in keyof typeof en]: string };

export const launcherStrings: Catalogs<LauncherStrings> = {
  en,
  zh: {
    ...common.zh,
    feedback: '反馈',
  },
};
