/**
 * Spam rules for the two kinds of event a stranger can write free text into: new ideas and
 * beta sign-ups. A filled honeypot or a form sent faster than a person could fill it is
 * refused with `spam_suspected` and nothing is stored. Events without form signals (imports,
 * server-side senders) are not judged by them.
 */
import { ERROR_CODES, type Envelope, type Issue } from '@heard/protocol';

export interface SpamRules {
  /** A form sent sooner than this after it was shown is refused. 0 turns the rule off. */
  minFillMs: number;
}

export interface SpamVerdict {
  code: typeof ERROR_CODES.spamSuspected;
  message: string;
  issues: Issue[];
}

const verdict = (path: string, message: string): SpamVerdict => ({
  code: ERROR_CODES.spamSuspected,
  message,
  issues: [{ path, code: 'custom', message }],
});

export const judgeSpam = (envelope: Envelope, rules: SpamRules): SpamVerdict | null => {
  if (envelope.type !== 'idea.create' && envelope.type !== 'beta.signup') return null;
  const form = envelope.data.form;
  if (!form) return null;
  if (form.honeypot !== '') return verdict('data.form.honeypot', 'The hidden field was filled in');
  if (form.fillMs < rules.minFillMs) {
    return verdict('data.form.fillMs', `Sent ${form.fillMs} ms after the form was shown; a person needs more`);
  }
  return null;
};
