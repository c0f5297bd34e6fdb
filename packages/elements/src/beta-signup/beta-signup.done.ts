/**
 * The beta sign-up's confirmation: the person's place in line, their referral count and their
 * invitation link with a share (or copy) button. Loaded beside the status read that fills it
 * (a returning member's, or the one after signing up), so a page where nobody has signed up
 * never downloads it, and nobody waits for it longer than for the read.
 */
import { html, nothing } from 'lit';
import type { BetaStatus } from '@heard/sdk';
import type { BetaSignupStrings } from './beta-signup.strings.js';

/** What the confirmation reads of its element: the element's own fields and helpers (private to others). */
export interface DoneHost extends HTMLElement {
  status: BetaStatus | undefined;
  shareUrl: string;
  refParam: string;
  announcement: string;
  t(key: keyof BetaSignupStrings & string, values?: Record<string, string | number>): string;
}

/** The page the invitation link points to, carrying the member's referral code. */
const link = (host: DoneHost, code: string) => {
  const url = new URL(host.shareUrl || location.href, location.href);
  url.hash = '';
  url.searchParams.set(host.refParam, code);
  return url.href;
};

const share = async (host: DoneHost) => {
  const url = host.status ? link(host, host.status.referralCode) : '';
  if (typeof navigator.share === 'function') {
    await navigator.share({ url }).catch(() => undefined);
    return;
  }
  const copied = await navigator.clipboard?.writeText(url).then(
    () => true,
    () => false,
  );
  // Said only when true: where the clipboard is refused, the link stays selectable in its field.
  if (copied) host.announcement = host.t('copied');
  else host.shadowRoot?.querySelector<HTMLInputElement>('[part~=link]')?.select();
};

export const renderDone = (host: DoneHost) => {
  const { status } = host;
  return html`<p tabindex="-1" data-focus>
      <strong>${status?.status === 'invited' ? host.t('invited') : host.t('onTheList')}</strong>
    </p>
    ${
      status
        ? html`<p>${host.t('position', { position: status.position, total: status.total })}</p>
            <p class="muted">${host.t('referrals', { count: status.referrals })}</p>
            <div class="field">
              <label for="link">${host.t('yourLink')}</label>
              <input
                id="link"
                part="link"
                type="url"
                readonly
                .value=${link(host, status.referralCode)}
                aria-describedby="link-hint"
              />
              <p id="link-hint" class="message muted">${host.t('shareHint')}</p>
            </div>
            <div class="actions">
              <button part="share" class="secondary" type="button" @click=${() => share(host)}>
                ${typeof navigator.share === 'function' ? host.t('share') : host.t('copy')}
              </button>
            </div>`
        : nothing
    }`;
};
