/* eslint-disable no-control-regex -- PAGE_PATH exists to refuse control characters. */
/**
 * The limits a browser client applies while it builds an envelope, before anything is sent:
 * alone, so a page loads these few and not the whole table (`limits.ts` re-exports them, and
 * the validator the client loads on its first send reads the rest).
 */

/** Envelopes in one batch; also `LIMITS.batchEvents`, alone so a client can take it without the rest. */
export const BATCH_EVENTS = 50;

/** The random anonymous id a browser keeps. */
export const ANONYMOUS_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A BCP 47 language tag, loosely: `en`, `zh-CN`, `zh-Hans-CN`. */
export const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;

/** A page path: starts with `/`, carries no query, fragment, whitespace or control character. */
export const PAGE_PATH = /^\/[^?#\s\u0000-\u001F\u007F]{0,511}$/;

/** The UTF-8 size of a string, without TextEncoder's allocation. */
export const utf8Bytes = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
};
