/**
 * Proofs of work (`pow.ts`) that idea and beta sign-up forms carry: each is spent once, with
 * the envelope that carried it, so a solved challenge cannot post twice.
 */
import { ERROR_CODES, type Envelope } from '@heard/protocol';
import { Rejection, type Group } from './group.js';
import { statement } from './statements.js';

const S = {
  proofSpent: statement('proof_spent', 'SELECT 1 AS found FROM proofs WHERE proof = ?'),
  proofInsert: statement(
    'proof_insert',
    'INSERT INTO proofs (proof, event_id) VALUES (?, ?) ON CONFLICT (proof) DO NOTHING RETURNING proof',
  ),
};

export const proofOf = (envelope: Envelope): string | undefined =>
  envelope.type === 'idea.create' || envelope.type === 'beta.signup' ? envelope.data.form?.proof : undefined;

export const proofSpent = () =>
  new Rejection(ERROR_CODES.spamSuspected, 'This proof of work was spent on another post', [
    { path: 'data.form.proof', code: 'custom', message: 'Solve a new challenge' },
  ]);

/** Whether `proof` was spent already, in this group or before it. */
export const spent = async (group: Group, proof: string): Promise<boolean> =>
  group.proofs.has(proof) || (await group.run.all(S.proofSpent, [proof])).length > 0;

/** Spends a proof of work, once the envelope is stored. */
export const spend = async (group: Group, proof: string | undefined, eventId: string) => {
  if (proof === undefined) return;
  if (!(await group.run.all(S.proofInsert, [proof, eventId])).length) throw proofSpent();
  group.proofs.add(proof);
};
