/**
 * <heard-idea-box>'s strings in English, and Simplified Chinese loaded when an element speaks
 * it; each can be overridden.
 */
import { common, type Catalogs } from '../shared/strings.js';

const en = {
  ...common,
  ideas: 'Ideas',
  sortBy: 'Sort by',
  sortTop: 'Top',
  sortNew: 'New',
  sortTrending: 'Trending',
  filterStatus: 'Status',
  allStatuses: 'All',
  open: 'Open',
  planned: 'Planned',
  in_progress: 'In progress',
  shipped: 'Shipped',
  declined: 'Declined',
  votes: '{count} votes',
  votes_one: '{count} vote',
  votesFor: 'votes for “{title}”',
  votesFor_one: 'vote for “{title}”',
  voted: 'You voted',
  empty: 'No ideas yet. Be the first!',
  loadMore: 'Show more ideas',
  newIdea: 'Suggest an idea',
  title: 'Your idea',
  description: 'Details (optional)',
  submit: 'Post idea',
  posting: 'Posting your idea…',
  notPosted: 'Your idea was not posted: {message}',
  posted: 'Thank you! Your idea is posted.',
  titleTooShort: 'Write at least {min} characters.',
  similar: 'Similar ideas: vote for one of these instead?',
  refused: 'Your vote could not be saved: {message}',
  loadFailed: 'The ideas could not be loaded.',
  changed: '{status}: “{title}” — you asked for this.',
};

export type IdeaBoxStrings = { [K in keyof typeof en]: string };

export const ideaBoxStrings: Catalogs<IdeaBoxStrings> = {
  en,
  zh: async () => (await import('./idea-box.strings.zh.js')).zh,
};
