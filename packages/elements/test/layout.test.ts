/**
 * What a person sees and reaches, measured in Chromium: `theme="auto"` follows the page, not
 * the system; at 320 px (and 320×256) every control is inside the viewport and the page does
 * not scroll sideways (WCAG 1.4.10); under forced colours a vote given and the result bars
 * still show; the launcher's popover closes when focus leaves it, and Tab goes on from its
 * trigger (WCAG 2.4.3).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import '../src/define/poll.js';
import '../src/define/nps.js';
import '../src/define/idea-box.js';
import '../src/define/launcher.js';
import '../src/define/beta-signup.js';
import type { HeardPoll } from '../src/poll/poll.js';
import type { HeardNps } from '../src/nps/nps.js';
import type { HeardIdeaBox } from '../src/idea-box/idea-box.js';
import type { HeardLauncher } from '../src/launcher/launcher.js';
import { memoryClient, until } from './helpers.js';

const inside = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T & HTMLElement>(selector)!;
const all = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
const deepActive = () => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

/** Whether a box lies inside the viewport, to the pixel. */
const inView = (box: DOMRect) =>
  box.left >= -0.5 && box.top >= -0.5 && box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5;
const outside = (controls: HTMLElement[]) =>
  controls
    .filter((control) => !inView(control.getBoundingClientRect()))
    .map((control) => control.textContent!.trim() || control.localName);

const poll = (client = memoryClient().client) => html`
  <heard-poll .client=${client} poll-id="p" question="Which flavour?" options="mango=Mango, matcha=Matcha"></heard-poll>
`;

describe('theme="auto"', () => {
  afterEach(() => emulateMedia({ colorScheme: 'no-preference' }));

  const background = async (page: ReturnType<typeof html>) => {
    const host = await fixture<HTMLDivElement>(page);
    const el = host.querySelector<HeardPoll>('heard-poll')!;
    const base = await until(() => el.shadowRoot?.querySelector('[part~=base]'), 'the poll');
    return getComputedStyle(base).backgroundColor;
  };

  it('is light on a light page when the system is dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(await background(html`<div>${poll()}</div>`)).to.equal('rgb(255, 255, 255)');
  });

  it('is dark on a dark page when the system is light', async () => {
    await emulateMedia({ colorScheme: 'light' });
    expect(await background(html`<div style="background: #111; padding: 1px">${poll()}</div>`)).to.equal(
      'rgb(31, 31, 35)',
    );
  });

  it("follows the page's color-scheme where no background is painted, and the system where it lets it choose", async () => {
    await emulateMedia({ colorScheme: 'light' });
    expect(await background(html`<div style="color-scheme: dark">${poll()}</div>`)).to.equal('rgb(31, 31, 35)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(await background(html`<div style="color-scheme: light dark">${poll()}</div>`)).to.equal('rgb(31, 31, 35)');
  });

  it('is forced by theme="light" and theme="dark" whatever the page', async () => {
    const light = await fixture<HTMLDivElement>(html`<div style="background: #111">${poll()}</div>`);
    const el = light.querySelector<HeardPoll>('heard-poll')!;
    el.theme = 'light';
    const base = await until(() => el.shadowRoot?.querySelector('[part~=base]'), 'the poll');
    await el.updateComplete;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(255, 255, 255)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(31, 31, 35)');
  });
});

describe('at 320 px', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('shows the whole NPS scale inline, with no sideways scroll', async () => {
    await setViewport({ width: 320, height: 640 });
    const { client } = memoryClient();
    const el = await fixture<HeardNps>(html`<heard-nps .client=${client} survey-id="narrow"></heard-nps>`);
    const scores = await until(() => all(el, '[part~=score]').length === 11 && all(el, '[part~=score]'), 'the scale');
    await frame();
    expect(outside(scores)).to.deep.equal([]);
    for (const score of scores) expect(score.getBoundingClientRect().width).to.be.at.least(24);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it('lays out every widget with every control inside the viewport, and no sideways scroll', async () => {
    await setViewport({ width: 320, height: 640 });
    const { client } = memoryClient({
      boards: { b: [{ id: 'i', title: 'A long idea title', votes: 1, createdAt: '2026-03-01T00:00:00Z' }] },
    });
    const host = await fixture<HTMLDivElement>(
      html`<div>
        ${poll(client)}
        <heard-nps .client=${client} survey-id="phone"></heard-nps>
        <heard-idea-box .client=${client} board="b"></heard-idea-box>
        <heard-beta-signup
          .client=${client}
          program="b"
          fields="name, role"
          consent-text="Email me about it."
        ></heard-beta-signup>
      </div>`,
    );
    const widgets = [...host.children];
    await until(() => widgets.every((el) => el.shadowRoot?.querySelector('button, input')), 'every widget', 5_000);
    await until(() => host.querySelector('heard-idea-box')!.shadowRoot!.querySelector('[part~=vote]'), 'the ideas');
    await frame();
    const controls = widgets.flatMap((el) =>
      all(el, 'button, input:not(.trap input, [tabindex="-1"]), select, textarea'),
    );
    expect(controls.length).to.be.greaterThan(20);
    const wide = controls.filter((control) => {
      const box = control.getBoundingClientRect();
      return box.width > 0 && (box.left < -0.5 || box.right > 320.5);
    });
    expect(wide.map((control) => control.textContent!.trim() || control.localName)).to.deep.equal([]);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it('keeps the corner prompt and every control on screen at 320×256, the comment step too', async () => {
    await setViewport({ width: 320, height: 256 });
    const { client } = memoryClient();
    const el = await fixture<HeardNps>(
      html`<heard-nps .client=${client} survey-id="corner" mode="prompt"></heard-nps>`,
    );
    await el.show();
    const scores = await until(() => all(el, '[part~=score]').length === 11 && all(el, '[part~=score]'), 'the prompt');
    await frame();
    const card = () => inside(el, '[part~=base]').getBoundingClientRect();
    expect(inView(card()), 'the card').to.equal(true);
    for (const score of scores) score.scrollIntoView({ block: 'nearest' });
    expect(outside(scores)).to.deep.equal([]);
    scores[3]!.click();
    const comment = await until(() => el.shadowRoot!.querySelector('textarea'), 'the comment step');
    await frame();
    expect(inView(card()), 'the card at its comment step').to.equal(true);
    const controls = all(el, 'textarea, button');
    for (const control of controls) {
      control.scrollIntoView({ block: 'nearest' });
      expect(inView(control.getBoundingClientRect()), control.textContent!.trim() || control.localName).to.equal(true);
    }
    expect(comment.getBoundingClientRect().width).to.be.greaterThan(100);
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it("opens the launcher's popover inside the viewport at 320×256", async () => {
    await setViewport({ width: 320, height: 256 });
    const host = await fixture<HTMLDivElement>(
      html`<div><heard-launcher label="Vote">${poll()}</heard-launcher></div>`,
    );
    const el = host.querySelector<HeardLauncher>('heard-launcher')!;
    await el.updateComplete;
    el.show();
    const panel = inside(el, '[part~=panel]');
    await until(() => panel.matches(':popover-open'), 'the popover');
    await frame();
    await frame();
    expect(inView(panel.getBoundingClientRect()), JSON.stringify(panel.getBoundingClientRect())).to.equal(true);
    el.hide();
  });
});

describe('under forced colours', () => {
  before(() => executeServerCommand('heard-forced-colors', 'active'));
  after(() => executeServerCommand('heard-forced-colors', 'none'));

  it('tells a voted idea from one not voted', async () => {
    const { client } = memoryClient({
      boards: {
        b: [
          { id: 'one', title: 'One', votes: 3, createdAt: '2026-03-01T00:00:00Z' },
          { id: 'two', title: 'Two', votes: 2, createdAt: '2026-03-02T00:00:00Z' },
        ],
      },
    });
    const el = await fixture<HeardIdeaBox>(html`<heard-idea-box .client=${client} board="b"></heard-idea-box>`);
    const votes = await until(() => all(el, '[part~=vote]').length === 2 && all(el, '[part~=vote]'), 'the ideas');
    votes[0]!.click();
    await until(() => votes[0]!.getAttribute('aria-pressed') === 'true', 'the vote');
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const [voted, not] = votes.map((button) => getComputedStyle(button));
    expect(voted!.backgroundColor).not.to.equal(not!.backgroundColor);
    expect(voted!.color).not.to.equal(not!.color);
  });

  it('draws the result bars', async () => {
    const { client } = memoryClient({ polls: { p: { mango: 3, matcha: 1 } } });
    const host = await fixture<HTMLDivElement>(html`<div>${poll(client)}</div>`);
    const el = host.querySelector<HeardPoll>('heard-poll')!;
    (await until(() => el.shadowRoot?.querySelector<HTMLInputElement>('input[value=mango]'), 'the poll')).click();
    await el.updateComplete;
    (
      await until(() => !inside(el, '[part~=submit]').matches(':disabled') && inside(el, '[part~=submit]'), 'vote')
    ).click();
    const bars = await until(() => all(el, '[part~=bar]').length === 2 && all(el, '[part~=bar]'), 'the results');
    await until(() => bars[0]!.getBoundingClientRect().width > 0, 'the bar to grow', 2_000).catch(() => undefined);
    const bar = bars[0]!;
    const track = bar.parentElement!;
    expect(bar.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(bar.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(getComputedStyle(bar).backgroundColor).not.to.equal(getComputedStyle(track).backgroundColor);
    expect(parseFloat(getComputedStyle(track).borderTopWidth)).to.be.greaterThan(0);
  });
});

describe("the launcher's for= popover and focus", () => {
  it('closes when focus leaves it, and Tab goes on from its trigger, not from the end of the page', async () => {
    const { client } = memoryClient();
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <button id="open-poll" type="button">Vote</button>
        <a id="after-trigger" href="#after">After the trigger</a>
        <p>Text between the trigger and the launcher.</p>
        <heard-launcher for="open-poll" placement="bottom-start">${poll(client)}</heard-launcher>
        <a id="after-launcher" href="#end">After the launcher</a>
      </div>`,
    );
    const el = host.querySelector<HeardLauncher>('heard-launcher')!;
    await el.updateComplete;
    const trigger = host.querySelector<HTMLButtonElement>('#open-poll')!;
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    const panel = inside(el, '[part~=panel]');
    await until(() => deepActive()?.matches('input[type=radio]'), 'focus in the popover');
    for (let i = 0; i < 6 && (el.contains(document.activeElement) || document.activeElement === el); i++)
      await sendKeys({ press: 'Tab' });
    await until(() => !panel.matches(':popover-open'), 'the popover to close once focus left it');
    expect(document.activeElement?.id).to.equal('after-trigger');
  });
});
