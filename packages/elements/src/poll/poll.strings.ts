/** <heard-poll>'s strings in English and Simplified Chinese; each can be overridden. */
import { common, type Catalogs } from '../shared/strings.js';

const en = {
  ...common.en,
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
  totalVoters: '{count} people voted',
  changeVote: 'Change my vote',
  thanks: 'Thank you! Your vote is in.',
  queued: 'Your vote is saved and will be sent as soon as you are back online.',
  closed: 'This poll has closed.',
  closedOn: 'This poll closed on {date}.',
  closesOn: 'Open until {date}.',
  errorSending: 'Your vote could not be sent: {message}',
};

export type PollStrings = { [K in keyof typeof en]: string };

export const pollStrings: Catalogs<PollStrings> = {
  en,
  zh: {
    ...common.zh,
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
    totalVoters: '共 {count} 人投票',
    changeVote: '修改我的投票',
    thanks: '谢谢！你的投票已收到。',
    queued: '你的投票已保存，恢复联网后会立即发送。',
    closed: '投票已结束。',
    closedOn: '投票已于 {date} 结束。',
    closesOn: '投票截止于 {date}。',
    errorSending: '投票未能发送：{message}',
  },
};
