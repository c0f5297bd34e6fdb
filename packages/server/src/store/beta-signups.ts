/**
 * Beta sign-ups: one per address and programme, the first staying; a later one only adds its
 * referral code as an alias. A code belongs to one address, and a referral counts only from
 * another address's code.
 */
import { ERROR_CODES } from '@heard/protocol';
import { json, Rejection, type Group, type Item, type Of, type Write } from './group.js';
import { spend } from './proofs.js';
import { statement, type Param } from './statements.js';

const S = {
  codeOwner: statement('code_owner', 'SELECT email_key FROM beta_codes WHERE program = ? AND code = ?'),
  codeInsert: statement(
    'code_insert',
    `INSERT INTO beta_codes (program, code, email_key, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (program, code) DO NOTHING RETURNING code`,
  ),
  signupCode: statement('signup_code', 'SELECT code FROM beta_signups WHERE program = ? AND email_key = ?'),
  signupInsert: statement(
    'signup_insert',
    `INSERT INTO beta_signups (program, email_key, email, code, fields, referred_by, subject, created_at, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting') ON CONFLICT (program, email_key) DO NOTHING`,
  ),
};

const codeTaken = () =>
  new Rejection(ERROR_CODES.invalidBody, 'This referral code belongs to another sign-up', [
    { path: 'data.code', code: 'custom', message: 'Already taken: make a new code' },
  ]);

export const betaSignup = async (
  group: Group,
  item: Item<Of<'beta.signup'>>,
  write: Write,
  proof: string | undefined,
): Promise<boolean> => {
  const { id, widget: program, data } = item.envelope;
  const { run } = group;
  const emailKey = data.email.toLowerCase();
  const owner = async (code: string) =>
    (await run.all(S.codeOwner, [program, code]))[0]?.email_key as string | undefined;
  const ownerOfCode = await owner(data.code);
  if (ownerOfCode !== undefined && ownerOfCode !== emailKey) throw codeTaken();
  let referredBy: Param = null;
  if (data.referredBy) {
    const referrer = await owner(data.referredBy);
    if (referrer !== undefined && referrer !== emailKey) {
      referredBy = ((await run.all(S.signupCode, [program, referrer]))[0]?.code as string | undefined) ?? null;
    }
  }
  if (!(await write())) return false;
  await spend(group, proof, id);
  const added = await run.all(S.codeInsert, [program, data.code, emailKey, item.received]);
  if (!added.length && ownerOfCode === undefined && (await owner(data.code)) !== emailKey) throw codeTaken();
  // The first sign-up of an address stays; a later one only adds its code as an alias.
  await run.all(S.signupInsert, [
    program,
    emailKey,
    data.email,
    data.code,
    json(data.fields),
    referredBy,
    item.subject,
    item.received,
  ]);
  return true;
};
