/**
 * <heard-nps>'s strings in English, and Simplified Chinese loaded when an element speaks
 * it; each can be overridden.
 */
import { common, type Catalogs } from '../shared/strings.js';

const en = {
  ...common,
  npsQuestion: 'How likely are you to recommend {product} to a friend or colleague?',
  npsProduct: 'us',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  npsDetractor: 'We are sorry to hear that. What disappointed you?',
  npsPassive: 'What would make it better?',
  npsPromoter: 'Great to hear! What do you like most?',
  npsCommentLabel: 'Your comment (optional)',
  npsThanks: 'Thank you for your feedback!',
  npsScoreChosen: 'You chose {score}.',
  npsSending: 'Sending your answer…',
  skip: 'Skip',
};

export type NpsStrings = { [K in keyof typeof en]: string };

export const npsStrings: Catalogs<NpsStrings> = {
  en,
  zh: async () => (await import('./nps.strings.zh.js')).zh,
};
