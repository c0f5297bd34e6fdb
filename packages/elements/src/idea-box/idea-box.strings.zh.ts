/**
 * <heard-idea-box>'s strings in Simplified Chinese, loaded the first time an element speaks it.
 * Chinese has one plural form, so each `_one` key repeats its other form.
 */
import { commonZh } from '../shared/strings.zh.js';
import type { IdeaBoxStrings } from './idea-box.strings.js';

export const zh: IdeaBoxStrings = {
  ...commonZh,
  ideas: '想法',
  sortBy: '排序',
  sortTop: '最热',
  sortNew: '最新',
  sortTrending: '上升',
  filterStatus: '状态',
  allStatuses: '全部',
  open: '待定',
  planned: '已计划',
  in_progress: '进行中',
  shipped: '已上线',
  declined: '已婉拒',
  votes: '{count} 票',
  votes_one: '{count} 票',
  votesFor: '票支持“{title}”',
  votesFor_one: '票支持“{title}”',
  voted: '你已投票',
  empty: '还没有想法，来提第一个吧！',
  loadMore: '显示更多',
  newIdea: '提出想法',
  title: '你的想法',
  description: '详细说明（可选）',
  submit: '发布',
  posting: '正在发布你的想法…',
  notPosted: '你的想法未能发布：{message}',
  posted: '谢谢！你的想法已发布。',
  titleTooShort: '请至少写 {min} 个字。',
  similar: '相似的想法：要不要为它们投票？',
  refused: '投票未能保存：{message}',
  loadFailed: '无法加载想法。',
  changed: '{status}：“{title}”——这是你支持过的想法。',
};
