/**
 * The dashboard's words, in English and Simplified Chinese, and the formatting of numbers,
 * percentages and dates in the chosen language. `{name}` in a message is replaced by a value;
 * with a `count`, a message's plural form comes first, as the elements' strings do: `events_one`
 * for one in English (its `Intl.PluralRules` category), else `events`.
 */
import type { IdeaStatus, Period } from '@heard/protocol';
import type { Kind } from './widgets.js';
import type { en as webhooksEn } from './views/webhooks.strings.js';

const en = {
  title: 'Heard dashboard',
  language: 'Language',
  skip: 'Skip to the results',
  signInTitle: 'Sign in to the dashboard',
  tokenLabel: 'Admin token',
  tokenHelp: 'The token the collector was started with:',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  sessionEnded: 'Your session ended. Sign in again.',
  views: 'Views',
  kind_nps: 'NPS surveys',
  kind_polls: 'Polls',
  kind_boards: 'Idea boards',
  kind_betas: 'Beta programmes',
  events: '{count} events',
  events_one: '{count} event',
  nothingYet: 'Nothing heard yet: no widget has sent an answer to this collector.',
  filters: 'Filters',
  from: 'From',
  to: 'To',
  by: 'Group by',
  week: 'Week',
  month: 'Month',
  per_week: 'week',
  per_month: 'month',
  exportCsv: 'Export CSV',
  exportNdjson: 'Export NDJSON',
  loading: 'Loading…',
  loadFailed: 'Could not load this view: {message}',
  actionFailed: 'That did not work: {message}',
  retry: 'Try again',
  asTable: 'Table',
  chartAndTable: '{title}: chart, or the same figures as a table',
  period: 'Period',
  series:
    '{count} periods, {first} to {last}: from {from} to {to}, {change}; highest {high} ({highAt}), lowest {low} ({lowAt}).',
  seriesOne: '{period}: {value}.',
  seriesUp: 'up {by}',
  seriesDown: 'down {by}',
  seriesFlat: 'unchanged',
  more: 'Show more',
  none: 'Nothing in this range.',
  all: 'All',
  // NPS
  nps: 'Net Promoter Score',
  margin: '± {points}, 95 % confidence, {answers}',
  points: '{count} points',
  points_one: '{count} point',
  answerCount: '{count} answers',
  answerCount_one: '{count} answer',
  responses: 'Answers',
  promoters: 'Promoters',
  passives: 'Passives',
  detractors: 'Detractors',
  promoter: 'Promoter',
  passive: 'Passive',
  detractor: 'Detractor',
  npsTrend: 'NPS by {period}, with its 95 % interval',
  marginColumn: 'Margin (95 %)',
  distribution: 'Answers by score',
  score: 'Score',
  answers: 'Answers',
  comments: 'Comments',
  category: 'Category',
  searchComments: 'Search the comments',
  noComments: 'No comment matches.',
  // Definitions: what people were shown
  definitionChanged: 'Definition changed',
  changeQuestion: 'Question: “{from}” → “{to}”',
  changeLabel: '“{from}” → “{to}” ({id})',
  changeAdded: 'Added “{label}”',
  changeRemoved: 'Removed “{label}”',
  changeImage: 'New image for “{label}”',
  changeSettings: 'Several answers or “Other” switched',
  changeProduct: 'Product: “{from}” → “{to}”',
  changeConsent: 'Consent wording: “{from}” → “{to}”',
  firstShown: 'first shown {date}',
  optionsShown: 'Options as people saw them',
  noDefinition: 'No definition received yet: the widget has not sent its question and labels.',
  product: 'Product',
  consentWording: 'Consent wording people agreed to',
  consentSeen: 'shown {from} to {to}',
  earlierWordings: 'Earlier wordings',
  // Polls
  voters: 'Voters',
  closed: 'Closed',
  live: 'Open',
  closePoll: 'Close the poll',
  reopenPoll: 'Reopen the poll',
  results: 'Results',
  option: 'Option',
  votes: 'Votes',
  share: 'Share',
  votesTrend: 'Votes by {period}',
  otherAnswers: '“Other” answers',
  otherOption: 'Other',
  noOther: 'No “other” answers.',
  // Ideas
  leaderboard: 'Leaderboard',
  topIdeas: 'Most voted ideas',
  idea: 'Idea',
  recent: 'Last 7 days',
  status: 'Status',
  status_open: 'Open',
  status_planned: 'Planned',
  status_in_progress: 'In progress',
  status_shipped: 'Shipped',
  status_declined: 'Declined',
  note: 'Public note',
  noteHelp: 'Voters read it under the status; a declined idea needs a reason.',
  needsReason: 'Say why it is declined: voters read the reason.',
  save: 'Save',
  saved: '“{title}” is now {status}: its voters see it the next time they look.',
  mergeInto: 'Merge into',
  merge: 'Merge',
  chooseIdea: 'Choose an idea',
  merged: '“{from}” was merged into “{into}”; its votes count there now.',
  // Betas
  signups: 'Sign-ups',
  invited: 'Invited',
  waiting: 'Waiting',
  signupsTrend: 'Sign-ups by {period}',
  referrers: 'Top referrers',
  code: 'Referral code',
  referrals: 'Referrals',
  queue: 'Queue',
  position: 'Place',
  email: 'E-mail',
  joined: 'Signed up',
  invite: 'Invite',
  uninvite: 'Back to waiting',
  action: 'Action',
  // History
  history: 'What the team changed',
  noChanges: 'No changes yet.',
  via_dashboard: 'in the dashboard',
  via_api: 'with the API token',
  changedStatus: '“{title}” set to {status}',
  pollClosed: 'The poll was closed.',
  pollReopened: 'The poll was reopened.',
  // Webhooks: the view's own words come with it (views/webhooks.strings.ts).
  settings: 'Settings',
  webhooks: 'Webhooks',
};

/** Keys of the main catalog, and of the parts that come with the views loaded after sign-in. */
export type MessageKey = keyof typeof en | keyof typeof webhooksEn;

/** Chinese has one plural form: its catalog leaves out the `_one` keys. */
const zh: Record<Exclude<keyof typeof en, `${string}_one`>, string> = {
  title: 'Heard 数据看板',
  language: '语言',
  skip: '跳到结果',
  signInTitle: '登录数据看板',
  tokenLabel: '管理令牌',
  tokenHelp: '启动收集服务时设置的令牌：',
  signIn: '登录',
  signingIn: '正在登录…',
  signOut: '退出登录',
  sessionEnded: '会话已结束，请重新登录。',
  views: '视图',
  kind_nps: 'NPS 调查',
  kind_polls: '投票',
  kind_boards: '想法板',
  kind_betas: '内测计划',
  events: '{count} 个事件',
  nothingYet: '还没有收到任何反馈：尚无组件向此收集服务发送回答。',
  filters: '筛选',
  from: '开始日期',
  to: '结束日期',
  by: '分组方式',
  week: '按周',
  month: '按月',
  per_week: '周',
  per_month: '月',
  exportCsv: '导出 CSV',
  exportNdjson: '导出 NDJSON',
  loading: '加载中…',
  loadFailed: '无法加载此视图：{message}',
  actionFailed: '操作失败：{message}',
  retry: '重试',
  asTable: '表格',
  chartAndTable: '{title}：图表，或以表格查看相同数据',
  period: '时间段',
  series:
    '{count} 个时段，{first} 至 {last}：从 {from} 到 {to}，{change}；最高 {high}（{highAt}），最低 {low}（{lowAt}）。',
  seriesOne: '{period}：{value}。',
  seriesUp: '上升 {by}',
  seriesDown: '下降 {by}',
  seriesFlat: '没有变化',
  more: '显示更多',
  none: '此时间范围内没有数据。',
  all: '全部',
  nps: '净推荐值（NPS）',
  margin: '± {points}，95% 置信度，共 {answers}',
  points: '{count} 分',
  answerCount: '{count} 个回答',
  responses: '回答数',
  promoters: '推荐者',
  passives: '被动者',
  detractors: '贬损者',
  promoter: '推荐者',
  passive: '被动者',
  detractor: '贬损者',
  npsTrend: '每{period}的 NPS 及其 95% 置信区间',
  marginColumn: '误差范围（95%）',
  distribution: '各分数的回答数',
  score: '分数',
  answers: '回答数',
  comments: '评论',
  category: '类别',
  searchComments: '搜索评论',
  noComments: '没有匹配的评论。',
  // 定义：人们看到的内容
  definitionChanged: '定义已更改',
  changeQuestion: '问题：“{from}” → “{to}”',
  changeLabel: '“{from}” → “{to}”（{id}）',
  changeAdded: '新增“{label}”',
  changeRemoved: '移除“{label}”',
  changeImage: '“{label}”的图片已更换',
  changeSettings: '多选或“其他”选项已切换',
  changeProduct: '产品：“{from}” → “{to}”',
  changeConsent: '同意条款措辞：“{from}” → “{to}”',
  firstShown: '首次显示于 {date}',
  optionsShown: '人们看到的选项',
  noDefinition: '尚未收到定义：该组件还没有发送其问题和选项文字。',
  product: '产品',
  consentWording: '人们同意的条款措辞',
  consentSeen: '显示于 {from} 至 {to}',
  earlierWordings: '以前的措辞',
  voters: '投票人数',
  closed: '已关闭',
  live: '进行中',
  closePoll: '关闭投票',
  reopenPoll: '重新开放投票',
  results: '结果',
  option: '选项',
  votes: '票数',
  share: '占比',
  votesTrend: '每{period}票数',
  otherAnswers: '“其他”回答',
  otherOption: '其他',
  noOther: '没有“其他”回答。',
  leaderboard: '排行榜',
  topIdeas: '得票最多的想法',
  idea: '想法',
  recent: '最近 7 天',
  status: '状态',
  status_open: '待处理',
  status_planned: '已计划',
  status_in_progress: '进行中',
  status_shipped: '已上线',
  status_declined: '已拒绝',
  note: '公开说明',
  noteHelp: '投票者会在状态下方看到它；拒绝一个想法时需要说明原因。',
  needsReason: '请说明拒绝的原因：投票者会看到它。',
  save: '保存',
  saved: '“{title}”现在是{status}：投票者下次查看时会看到。',
  mergeInto: '合并到',
  merge: '合并',
  chooseIdea: '选择一个想法',
  merged: '“{from}”已合并到“{into}”，其票数已计入后者。',
  signups: '报名人数',
  invited: '已邀请',
  waiting: '等待中',
  signupsTrend: '每{period}报名人数',
  referrers: '推荐最多的人',
  code: '推荐码',
  referrals: '推荐人数',
  queue: '排队名单',
  position: '名次',
  email: '电子邮件',
  joined: '报名时间',
  invite: '邀请',
  uninvite: '改回等待',
  action: '操作',
  history: '团队做过的更改',
  noChanges: '还没有更改。',
  via_dashboard: '在数据看板中',
  via_api: '通过 API 令牌',
  changedStatus: '“{title}”已设为{status}',
  pollClosed: '投票已关闭。',
  pollReopened: '投票已重新开放。',
  settings: '设置',
  webhooks: 'Webhook',
};

export const LANGUAGES = [
  { tag: 'en', name: 'English' },
  { tag: 'zh-CN', name: '简体中文' },
] as const;

export type Lang = (typeof LANGUAGES)[number]['tag'];

const catalogs: Record<Lang, Partial<Record<MessageKey, string>>> = { en, 'zh-CN': zh };

/**
 * Adds the words of a view that loads after sign-in, so that the sign-in page does not carry
 * them; every `Words` made before or after reads them.
 */
export const addMessages = (more: Record<Lang, Partial<Record<MessageKey, string>>>): void => {
  for (const { tag } of LANGUAGES) Object.assign(catalogs[tag], more[tag]);
};

/** The language to start in: the one chosen before, else the browser's, else English. */
export const initialLang = (stored: string | null, preferred: readonly string[]): Lang => {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return preferred.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
};

/** The message naming each kind of widget. */
const KIND_KEYS: Record<Kind, MessageKey> = {
  nps: 'kind_nps',
  polls: 'kind_polls',
  boards: 'kind_boards',
  betas: 'kind_betas',
};

/** The message naming each idea status. */
const STATUS_KEYS: Record<IdeaStatus, MessageKey> = {
  open: 'status_open',
  planned: 'status_planned',
  in_progress: 'status_in_progress',
  shipped: 'status_shipped',
  declined: 'status_declined',
};

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Messages and number and date formats of one language. */
export const wordsFor = (lang: Lang) => {
  const catalog = catalogs[lang];
  const number = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const week = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const plural = new Intl.PluralRules(lang);
  const t: Translate = (key, values = {}) =>
    // A plural form, where the catalog has one: `ideas_one`, `ideas_other`.
    (
      (typeof values.count == 'number' &&
        (catalog as Partial<Record<string, string>>)[`${key}_${plural.select(values.count)}`]) ||
      catalog[key] ||
      key
    ).replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name];
      return value === undefined ? whole : typeof value === 'number' ? number.format(value) : value;
    });
  return {
    lang,
    t,
    /** The name of a kind of widget, as the navigation says it. */
    kind: (kind: Kind) => t(KIND_KEYS[kind]),
    /** An idea's status in words; one this dashboard does not know, as it came. */
    status: (status: string) => (Object.hasOwn(STATUS_KEYS, status) ? t(STATUS_KEYS[status as IdeaStatus]) : status),
    number: (n: number) => number.format(n),
    /** A count's axis tick: whole numbers only. */
    count: (n: number) => (Number.isInteger(n) ? number.format(n) : ''),
    /** A share given in percent (`42.5` → `42.5%`). */
    percent: (n: number) => percent.format(n / 100),
    /** A period's first day, `2026-10-05`, as a date. */
    day: (isoDay: string) => day.format(new Date(`${isoDay}T00:00:00Z`)),
    /** A period as an axis labels it, short: `Oct 5` for a week, `Oct 2026` for a month. */
    period: (isoDay: string, by: Period) => (by === 'month' ? month : week).format(new Date(`${isoDay}T00:00:00Z`)),
    time: (iso: string) => time.format(new Date(iso)),
  };
};

export type Words = ReturnType<typeof wordsFor>;
