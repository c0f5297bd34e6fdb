/**
 * <heard-poll>'s strings in English, and Simplified Chinese loaded when an element speaks
 * it; each can be overridden.
 */
import { common, type Catalogs } from '../shared/strings.js';

const en = {
  ...common,
  vote: 'Vote',
  voting: 'Sending your vote…',
  other: 'Other',
  otherPlaceholder: 'Your answer',
  chooseUpTo: 'Choose up to {max}.',
  results: 'Results',
  votes: '{count} votes',
  votes_one: '{count} vote',
  percent: '{percent}%',
  yourVote: 'Your vote',
  totalVoters: '{count} people voted',
  totalVoters_one: '{count} person voted',
  changeVote: 'Change my vote',
  thanks: 'Thank you! Your vote is in.',
  queued: 'Your vote is saved on this device and will be sent as soon as it can be.',
  closed: 'This poll has closed.',
  closedOn: 'This poll closed on {date}.',
  closesOn: 'Open until {date}.',
  errorSending: 'Your vote could not be sent: {message}',
};

export type PollStrings = { [K in keyof typeof en]: string };

export const pollStrings: Catalogs<PollStrings> = {
  en,
  zh: async () => (await import('./poll.strings.zh.js')).zh,
};
