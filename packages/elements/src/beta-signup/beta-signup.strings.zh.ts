/** <heard-beta-signup>'s strings in Simplified Chinese, loaded the first time an element speaks it. */
import { commonZh } from '../shared/strings.zh.js';
import type { BetaSignupStrings } from './beta-signup.strings.js';

export const zh: BetaSignupStrings = {
  ...commonZh,
  email: '电子邮箱',
  fieldName: '姓名',
  fieldRole: '职位',
  fieldCompany: '公司',
  join: '加入测试',
  joining: '正在为你报名…',
  invalidEmail: '请输入电子邮箱地址，例如 name@example.com。',
  consentNeeded: '请先勾选同意，我们才能为你报名。',
  onTheList: '你已加入名单！',
  position: '你目前排在第 {position} 位，共 {total} 人。',
  referrals: '通过你的链接加入的朋友：{count} 位。',
  yourLink: '你的邀请链接',
  shareHint: '每有一位朋友通过它加入，你的排名就会提前。',
  share: '分享',
  copy: '复制链接',
  copied: '链接已复制。',
  invited: '你已获邀请：请查看电子邮件。',
};
