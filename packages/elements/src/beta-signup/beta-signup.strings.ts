/**
 * <heard-beta-signup>'s strings in English, and Simplified Chinese loaded when an element speaks
 * it; each can be overridden.
 */
import { common, type Catalogs } from '../shared/strings.js';

const en = {
  ...common,
  email: 'E-mail',
  fieldName: 'Name',
  fieldRole: 'Role',
  fieldCompany: 'Company',
  join: 'Join the beta',
  joining: 'Signing you up…',
  invalidEmail: 'Enter an e-mail address such as name@example.com.',
  consentNeeded: 'Please agree before we sign you up.',
  onTheList: 'You are on the list!',
  position: 'You are number {position} of {total} in line.',
  referrals: 'Friends who joined through your link: {count}.',
  yourLink: 'Your invitation link',
  shareHint: 'Each friend who joins through it moves you up the line.',
  share: 'Share',
  copy: 'Copy link',
  copied: 'Link copied.',
  invited: 'You are invited: check your e-mail.',
};

export type BetaSignupStrings = { [K in keyof typeof en]: string };

export const betaSignupStrings: Catalogs<BetaSignupStrings> = {
  en,
  zh: async () => (await import('./beta-signup.strings.zh.js')).zh,
};
