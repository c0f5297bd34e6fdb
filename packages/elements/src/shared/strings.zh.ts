/** The strings every element shows, in Simplified Chinese. */
import type { CommonStrings } from './strings.js';

export const commonZh: CommonStrings = {
  loading: '加载中…',
  retry: '重试',
  misconfigured: '此组件配置有误',
  close: '关闭',
  send: '发送',
  saved: '已保存在此设备上，将尽快发送。',
};
