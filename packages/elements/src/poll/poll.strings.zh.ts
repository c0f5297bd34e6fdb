/**
 * <heard-poll>'s strings in Simplified Chinese, loaded the first time an element speaks it. Chinese
 * has one plural form, so each `_one` key repeats its other form.
 */
import { commonZh } from '../shared/strings.zh.js';
import type { PollStrings } from './poll.strings.js';

export const zh: PollStrings = {
  ...commonZh,
  vote: '投票',
  voting: '正在提交你的投票…',
  other: '其他',
  otherPlaceholder: '你的答案',
  chooseUpTo: '最多选择 {max} 项。',
  results: '结果',
  votes: '{count} 票',
  votes_one: '{count} 票',
  percent: '{percent}%',
  yourVote: '你的选择',
  totalVoters: '共 {count} 人投票',
  totalVoters_one: '共 {count} 人投票',
  changeVote: '修改我的投票',
  thanks: '谢谢！你的投票已收到。',
  queued: '你的投票已保存在此设备上，将尽快发送。',
  closed: '投票已结束。',
  closedOn: '投票已于 {date} 结束。',
  closesOn: '投票截止于 {date}。',
  errorSending: '投票未能发送：{message}',
};
