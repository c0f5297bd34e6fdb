/**
 * Random ids. `crypto.randomUUID` exists only in secure contexts, so plain-http pages get a
 * version 4 UUID built from `crypto.getRandomValues`, which every browser has everywhere.
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

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A short code a person can read aloud: no 0/O or 1/l/I. */
export const randomCode = (length = 10): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
