/**
 * A refusal in words for the person who sent something, chosen by the protocol's stable error
 * code. Loaded only when an endpoint refuses, so no page pays for these words up front; each
 * can still be overridden through the element's `strings`.
 */
const en = {
  refusedSpam: 'That came faster than a person answers. Wait a moment, then try again.',
  refusedInvalid: 'Something in it was not accepted. Check it, then try again.',
  refusedOther: 'It was not accepted. Please try again later.',
};

const zh: typeof en = {
  refusedSpam: '提交得比人作答还快。请稍等片刻再试。',
  refusedInvalid: '有内容未被接受。请检查后再试。',
  refusedOther: '未被接受。请稍后再试。',
};

export type RefusalStrings = typeof en;

/**
 * The words for a refusal with `code`, in Chinese or English, unless `override` has some. (It
 * imports nothing: a shared import would split a chunk off the core every page loads.)
 */
export const refusal = (
  code: string,
  chinese: boolean,
  override: (key: keyof RefusalStrings) => string | undefined,
): string => {
  const key: keyof RefusalStrings =
    code === 'spam_suspected'
      ? 'refusedSpam'
      : /^(invalid_|payload_too_large)/.test(code)
        ? 'refusedInvalid'
        : 'refusedOther';
  return override(key) ?? (chinese ? zh : en)[key];
};
