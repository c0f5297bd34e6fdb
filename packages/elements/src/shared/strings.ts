/**
 * Every string the elements show, in English and Simplified Chinese. Each can be overridden
 * per element (the `strings` property or attribute). `{name}` placeholders are filled in.
 */

export const en = {
  loading: 'Loading…',
  vote: 'Vote',
  voting: 'Sending your vote…',
  other: 'Other',
  otherPlaceholder: 'Your answer',
  chooseUpTo: 'Choose up to {max}.',
  results: 'Results',
  votes: '{count} votes',
  vote1: '1 vote',
  percent: '{percent}%',
  yourVote: 'Your vote',
  otherAnswers: 'Other answers',
  totalVoters: '{count} people voted',
  changeVote: 'Change my vote',
  thanks: 'Thank you! Your vote is in.',
  queued: 'Your vote is saved and will be sent as soon as you are back online.',
  closed: 'This poll has closed.',
  closedOn: 'This poll closed on {date}.',
  closesOn: 'Open until {date}.',
  errorSending: 'Your vote could not be sent: {message}',
  errorLoading: 'The results could not be loaded.',
  retry: 'Try again',
  misconfigured: 'This widget is not set up correctly',
  imageOf: '{label}',
  npsQuestion: 'How likely are you to recommend {product} to a friend or colleague?',
  npsProduct: 'us',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  npsDetractor: 'We are sorry to hear that. What disappointed you?',
  npsPassive: 'Thank you. What would make it better?',
  npsPromoter: 'Great to hear! What do you like most?',
  npsCommentLabel: 'Your comment (optional)',
  send: 'Send',
  skip: 'Skip',
  close: 'Close',
  npsThanks: 'Thank you for your feedback!',
  npsScoreChosen: 'You chose {score}.',
  feedback: 'Feedback',
} as const;

export type Strings = { [K in keyof typeof en]: string };

export const zhCN: Strings = {
  loading: '加载中…',
  vote: '投票',
  voting: '正在提交你的投票…',
  other: '其他',
  otherPlaceholder: '你的答案',
  chooseUpTo: '最多选择 {max} 项。',
  results: '结果',
  votes: '{count} 票',
  vote1: '1 票',
  percent: '{percent}%',
  yourVote: '你的选择',
  otherAnswers: '其他答案',
  totalVoters: '共 {count} 人投票',
  changeVote: '修改我的投票',
  thanks: '谢谢！你的投票已收到。',
  queued: '你的投票已保存，恢复联网后会立即发送。',
  closed: '投票已结束。',
  closedOn: '投票已于 {date} 结束。',
  closesOn: '投票截止于 {date}。',
  errorSending: '投票未能发送：{message}',
  errorLoading: '无法加载结果。',
  retry: '重试',
  misconfigured: '此组件配置有误',
  imageOf: '{label}',
  npsQuestion: '你有多大可能向朋友或同事推荐{product}？',
  npsProduct: '我们',
  npsLow: '完全不可能',
  npsHigh: '极有可能',
  npsDetractor: '很抱歉让你失望了。哪里做得不好？',
  npsPassive: '谢谢。怎样能做得更好？',
  npsPromoter: '太好了！你最喜欢什么？',
  npsCommentLabel: '你的意见（可选）',
  send: '发送',
  skip: '跳过',
  close: '关闭',
  npsThanks: '感谢你的反馈！',
  npsScoreChosen: '你选择了 {score}。',
  feedback: '反馈',
};

const catalogs: Record<string, Strings> = { en, zh: zhCN };

/** The language an element speaks: its own `lang`, its closest ancestor's, then the browser's. */
export const resolveLang = (element: HTMLElement): string =>
  element.closest('[lang]')?.getAttribute('lang') || globalThis.navigator?.language || 'en';

/** The built-in catalog for a language tag: Chinese for any `zh*`, English otherwise. */
export const catalog = (lang: string): Strings => catalogs[lang.toLowerCase().split('-')[0] ?? 'en'] ?? en;

export const format = (template: string, values: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
