/**
 * Ids. `crypto.randomUUID` exists only in secure contexts, so plain-http pages get a version 4
 * UUID built from `crypto.getRandomValues`, which every browser has everywhere. Events get
 * version 7 UUIDs instead: the time first, so the ids one collector receives arrive nearly in
 * order, and its event log adds each at the end of its index rather than anywhere in it (a
 * random id dirties another page of the index with each event). The time is the event's own
 * `at`, which the envelope carries anyway; a person's anonymous id stays wholly random.
 */

export const uuid = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : // Each 0 and 1 becomes a random hex digit, the 8 one of 8, 9, a, b (the variant); the 4 stays (the version).
      '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) => {
        const d = Number(digit);
        const [random = 0] = crypto.getRandomValues(new Uint8Array(1));
        return (d ^ (random & (15 >> (d / 4)))).toString(16);
      });

const hex = (bytes: Uint8Array): string => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A version 7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits. */
export const eventId = (): string => {
  const random = crypto.getRandomValues(new Uint8Array(10));
  const time = Date.now().toString(16).padStart(12, '0');
  const digits = hex(random);
  // The version digit 7; then the variant, bits 10 and two random ones, in one digit.
  const variant = (8 | ((random[9] ?? 0) & 3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${digits.slice(0, 3)}-${variant}${digits.slice(3, 6)}-${digits.slice(6, 18)}`;
};

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A short code a person can read aloud: no 0/O or 1/l/I. */
export const randomCode = (length = 10): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
