/** <heard-launcher>'s strings in Simplified Chinese, loaded the first time an element speaks it. */
import { commonZh } from '../shared/strings.zh.js';
import type { LauncherStrings } from './launcher.strings.js';

export const zh: LauncherStrings = {
  ...commonZh,
  feedback: '反馈',
};
