/** <heard-nps>'s strings in Simplified Chinese, loaded the first time an element speaks it. */
import { commonZh } from '../shared/strings.zh.js';
import type { NpsStrings } from './nps.strings.js';

export const zh: NpsStrings = {
  ...commonZh,
  npsQuestion: '你有多大可能向朋友或同事推荐{product}？',
  npsProduct: '我们',
  npsLow: '完全不可能',
  npsHigh: '极有可能',
  npsDetractor: '很抱歉让你失望了。哪里做得不好？',
  npsPassive: '怎样能做得更好？',
  npsPromoter: '太好了！你最喜欢什么？',
  npsCommentLabel: '你的意见（可选）',
  npsThanks: '感谢你的反馈！',
  npsScoreChosen: '你选择了 {score}。',
  npsSending: '正在发送你的回答…',
  skip: '跳过',
};
