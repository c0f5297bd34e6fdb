/**
 * An app's TypeScript against the published declarations (`dist/`, as an app installs them):
 * what it writes right must compile, and each `@ts-expect-error` marks a mistake the types must
 * catch. `pnpm typecheck` compiles it; a line that stops being an error fails it.
 */
import { HeardVoteEvent, type HeardPoll, type PollVote } from '@heard/elements/define/poll';
import '@heard/elements/define/nps';
import '@heard/elements/define/idea-box';
import '@heard/elements/define/beta-signup';

const poll: HeardPoll = document.createElement('heard-poll');
poll.pollId = 'next-flavour';

// Each element's events are typed by name, payload included.
poll.addEventListener('heard-vote', (event) => {
  const vote: PollVote = event.vote;
  console.log(vote.options.join(', '), event instanceof HeardVoteEvent);
});
document.createElement('heard-nps').addEventListener('heard-answer', (event) => console.log(event.score));
document.createElement('heard-idea-box').addEventListener('heard-submit', (event) => console.log(event.title));
document.createElement('heard-beta-signup').addEventListener('heard-signup', (event) => console.log(event.code));

// A misspelt event name is an ordinary Event, with no payload.
// @ts-expect-error -- `heard-vot` is no Heard event.
poll.addEventListener('heard-vot', (event) => console.log(event.vote));

// @ts-expect-error -- a misspelt property.
poll.pollID = 'next-flavour';

// @ts-expect-error -- `multiple` is a boolean.
poll.multiple = 'yes';
