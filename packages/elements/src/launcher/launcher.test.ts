import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../define/launcher.js';
import '../define/poll.js';
import type { HeardLauncher } from './launcher.js';
import { consoleErrors, memoryClient, until } from '../../test/helpers.js';

const panel = (el: HeardLauncher) => el.shadowRoot!.querySelector<HTMLElement>('[part~=panel]')!;
const trigger = (el: HeardLauncher) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=trigger]')!;
const isOpen = (el: HeardLauncher) => panel(el).matches(':popover-open');
const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
const deepActive = () => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

const shiftTab = async () => {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
};

const launcher = async (attributes = html``) => {
  const { client } = memoryClient();
  const host = await fixture<HTMLDivElement>(
    html`<div>
      ${attributes}
      <heard-launcher label="Vote on flavours">
        <heard-poll .client=${client} poll-id="flavour" question="Which flavour?" options="Mango, Matcha"></heard-poll>
      </heard-launcher>
    </div>`,
  );
  const el = host.querySelector('heard-launcher')!;
  await el.updateComplete;
  return el;
};

describe('<heard-launcher>', () => {
  it('shows a floating button that opens the widget in the top layer, with focus moved in', async () => {
    const el = await launcher();
    expect(trigger(el).textContent!.trim()).to.equal('Vote on flavours');
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('false');
    expect(getComputedStyle(trigger(el)).position).to.equal('fixed');
    await expect(el).to.be.accessible();
    trigger(el).click();
    await until(() => deepActive()?.matches('input[type=radio]'), 'focus inside the poll');
    expect(isOpen(el)).to.equal(true);
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
    expect(panel(el).getAttribute('role')).to.equal('dialog');
    await expect(el).to.be.accessible();
  });

  it('opens above its trigger by default and flips when there is no room', async () => {
    const el = await launcher();
    el.show();
    await until(() => isOpen(el), 'the popover');
    await frame();
    const button = trigger(el).getBoundingClientRect();
    const box = panel(el).getBoundingClientRect();
    expect(box.bottom).to.be.at.most(button.top);
    expect(box.right).to.be.closeTo(button.right, 1);
    el.hide();
    el.placement = 'bottom-end';
    await el.updateComplete;
    el.show();
    await frame();
    // No room below a button in the viewport's corner: it flips above.
    expect(panel(el).getBoundingClientRect().bottom).to.be.at.most(trigger(el).getBoundingClientRect().top);
  });

  it('closes on Escape and gives focus back to the trigger', async () => {
    const el = await launcher();
    trigger(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.matches('input[type=radio]'), 'focus inside');
    await sendKeys({ press: 'Escape' });
    await until(() => !isOpen(el), 'the popover to close');
    await until(() => deepActive() === trigger(el), 'focus back on the trigger');
    expect(el.open).to.equal(false);
  });

  it('closes when focus goes back past its trigger to the page, or comes back to the page from outside it', async () => {
    const el = await launcher(html`<a href="#before" id="before">Before</a>`);
    const before = document.getElementById('before')!;
    trigger(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.matches('input[type=radio]'), 'focus inside');
    await shiftTab();
    await until(() => deepActive() === trigger(el), 'focus back on the trigger');
    expect(isOpen(el), 'open while focus is on its trigger').to.equal(true);
    await shiftTab();
    await until(() => document.activeElement === before, 'focus on the link before');
    await until(() => !isOpen(el), 'the popover to close once focus is on the page');

    // Focus leaves the document (Tab past its last element), then lands on the page.
    trigger(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.matches('input[type=radio]'), 'focus inside');
    (deepActive() as HTMLElement).blur();
    before.focus();
    await until(() => !isOpen(el), 'the popover to close');
  });

  it('closes on a click outside, and a click on the trigger toggles it', async () => {
    const el = await launcher();
    trigger(el).click();
    await until(() => isOpen(el), 'the popover');
    await sendMouse({ type: 'click', position: [5, 5] });
    await until(() => !isOpen(el), 'the popover to close');
    const box = trigger(el).getBoundingClientRect();
    const centre: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    await sendMouse({ type: 'click', position: centre });
    await until(() => isOpen(el), 'the popover to open');
    await sendMouse({ type: 'click', position: centre });
    // The click has run its handlers once the element settled: a reopen would show by then.
    await until(() => !el.open, 'the launcher to close');
    await el.updateComplete;
    await frame();
    expect(isOpen(el)).to.equal(false);
  });

  it('opens from any element named by for=, and follows it when the page scrolls', async () => {
    const { client } = memoryClient();
    const host = await fixture<HTMLDivElement>(
      html`<div style="block-size: 3000px; padding-block-start: 300px">
        <button id="feedback-link" type="button">Tell us</button>
        <heard-launcher for="feedback-link" placement="bottom-start">
          <heard-poll
            .client=${client}
            poll-id="flavour"
            question="Which flavour?"
            options="Mango, Matcha"
          ></heard-poll>
        </heard-launcher>
      </div>`,
    );
    const el = host.querySelector('heard-launcher')!;
    await el.updateComplete;
    const anchor = host.querySelector('button')!;
    expect(trigger(el)).to.equal(null);
    anchor.click();
    await until(() => isOpen(el), 'the popover');
    expect(anchor.getAttribute('aria-expanded')).to.equal('true');
    await frame();
    const before = panel(el).getBoundingClientRect().top;
    expect(before).to.be.closeTo(anchor.getBoundingClientRect().bottom + 8, 1);
    window.scrollBy(0, 120);
    await frame();
    await frame();
    expect(panel(el).getBoundingClientRect().top).to.be.closeTo(anchor.getBoundingClientRect().bottom + 8, 1);
    window.scrollTo(0, 0);
    el.hide();
  });

  for (const [attribute, markup] of [
    ['placement', '<heard-launcher placement="middle"></heard-launcher>'],
    ['for', '<heard-launcher for="nowhere"></heard-launcher>'],
  ] as const) {
    it(`shows a visible error and a console error naming ${attribute}`, async () => {
      let el!: HeardLauncher;
      const errors = await consoleErrors(async () => {
        const host = await fixture<HTMLDivElement>(html`<div></div>`);
        host.innerHTML = markup;
        el = host.firstElementChild as HeardLauncher;
        await el.updateComplete;
      });
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(attribute);
      expect(errors.some((e) => e.startsWith(`<heard-launcher> ${attribute}:`))).to.equal(true);
    });
  }
});
