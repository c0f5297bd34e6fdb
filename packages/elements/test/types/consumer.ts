/**
 * An app's TypeScript against the published declarations (`dist/`, as an app installs them):
 * what it writes right must compile, and each `@ts-expect-error` marks a mistake the types must
 * catch. `pnpm typecheck` compiles it; a line that stops being an error fails it.
 */
import { HeardVoteEvent, type HeardPoll, type PollVote } from '@heard/elements/define/poll';
import '@heard/elements/define/nps';
import '@heard/elements/define/idea-box';
import '@heard/elements/define/beta-signup';
import '@heard/elements/define/launcher';

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

// Properties that take one of a few words say which.
poll.showResults = 'always';
document.createElement('heard-nps').mode = 'prompt';
document.createElement('heard-idea-box').status = 'shipped';
// @ts-expect-error -- show-results is after-vote, always or never.
poll.showResults = 'sometimes';
// @ts-expect-error -- an NPS is inline or a prompt.
document.createElement('heard-nps').mode = 'popup';
// @ts-expect-error -- no idea has the status `done`.
document.createElement('heard-idea-box').status = 'done';
// @ts-expect-error -- `middle` is no placement.
document.createElement('heard-launcher').placement = 'middle';
