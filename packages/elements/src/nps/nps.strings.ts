/** <heard-nps>'s strings in English and Simplified Chinese; each can be overridden. */
import { common, type Catalogs } from '../shared/strings.js';

const en = {
  ...common.en,
  npsQuestion: 'How likely are you to recommend {product} to a friend or colleague?',
  npsProduct: 'us',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  npsDetractor: 'We are sorry to hear that. What disappointed you?',
  npsPassive: 'Thank you. What would make it better?',
  npsPromoter: 'Great to hear! What do you like most?',
  npsCommentLabel: 'Your comment (optional)',
  npsThanks: 'Thank you for your feedback!',
  npsScoreChosen: 'You chose {score}.',
  skip: 'Skip',
};

export type NpsStrings = { [K in keyof typeof en]: string };

export const npsStrings: Catalogs<NpsStrings> = {
  en,
  zh: {
    ...common.zh,
    npsQuestion: '你有多大可能向朋友或同事推荐{product}？',
    npsProduct: '我们',
    npsLow: '完全不可能',
    npsHigh: '极有可能',
    npsDetractor: '很抱歉让你失望了。哪里做得不好？',
    npsPassive: '谢谢。怎样能做得更好？',
    npsPromoter: '太好了！你最喜欢什么？',
    npsCommentLabel: '你的意见（可选）',
    npsThanks: '感谢你的反馈！',
    npsScoreChosen: '你选择了 {score}。',
    skip: '跳过',
  },
};
