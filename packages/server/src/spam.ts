/**
 * Spam rules for the two kinds of event a stranger can write free text into: new ideas and
 * beta sign-ups. A filled honeypot or a form sent faster than a person could fill it is
 * refused with `spam_suspected` and nothing is stored. An idea or sign-up without the form's
 * fill evidence (`data.form`) is refused as any envelope missing a required field is (400
 * `invalid_body`), since leaving it out would otherwise skip every rule. Server-side senders
 * (imports, a site's backend) post with the admin token and are not judged by these rules.
 */
import { ERROR_CODES, type Envelope, type Issue } from '@heard/protocol';
import { checkProof, type ProofOfWork } from './pow.js';

export interface SpamRules {
  /** A form sent sooner than this after it was shown is refused. 0 turns the rule off. */
  minFillMs: number;
  /** When set, new ideas and sign-ups must carry a solved challenge in `form.proof`. */
  pow?: ProofOfWork | undefined;
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

export interface MissingForm {
  code: typeof ERROR_CODES.invalidBody;
  message: string;
  issues: Issue[];
}

export const judgeSpam = (
  envelope: Envelope,
  rules: SpamRules,
  now: Date,
  sender: { trusted: boolean },
): SpamVerdict | MissingForm | null => {
  if (envelope.type !== 'idea.create' && envelope.type !== 'beta.signup') return null;
  if (sender.trusted) return null;
  const form = envelope.data.form;
  if (!form) {
    const message =
      "Required: the form's fill evidence ({ honeypot, fillMs }); server-side senders post with the admin token";
    return { code: ERROR_CODES.invalidBody, message, issues: [{ path: 'data.form', code: 'invalid_type', message }] };
  }
  if (rules.pow) {
    if (!form?.proof) return verdict('data.form.proof', 'This collector asks for a proof of work (GET /v1/challenge)');
    const problem = checkProof(form.proof, rules.pow, now);
    if (problem) return verdict('data.form.proof', problem);
  }
  if (form.honeypot !== '') return verdict('data.form.honeypot', 'The hidden field was filled in');
  if (form.fillMs < rules.minFillMs) {
    return verdict('data.form.fillMs', `Sent ${form.fillMs} ms after the form was shown; a person needs more`);
  }
  return null;
};
