/**
 * Heard beside a hostile host page, from both CDN builds (`heard.js` included twice, and
 * `heard.iife.js` included twice): `Object.prototype` polluted, the host's own Lit already
 * holding the `lit-html` Trusted Types policy under a CSP that requires Trusted Types,
 * a stylesheet that resets the tags (`all: initial`), sets a 10 px root font, a 9 px body
 * font and `box-sizing: content-box` everywhere, an overlay at the highest z-index over the
 * corner, and a collector that fails 30 % of sends. Counted: elements drawn, answers stored,
 * axe violations, CSP violations, uncaught errors.
 */
import { expect } from '@open-wc/testing';
import { axeInFrame, until } from './helpers.js';

type HostileWindow = Window & { violations: string[]; uncaught: string[] };

const TAGS = ['heard-poll', 'heard-nps', 'heard-idea-box', 'heard-beta-signup', 'heard-launcher'];

interface Endpoint {
  stored: string[];
  events: { type: string; widget: string }[];
  failures: number;
}
const control = async (name: string): Promise<Endpoint> =>
  (await fetch(`/__heard/${name}/control`)).json() as Promise<Endpoint>;

const open = async (fixture: string, endpoint: string) => {
  await fetch(`/__heard/${endpoint}/control`, {
    method: 'POST',
    body: JSON.stringify({ reset: true, chaos: { seed: 66, failRate: 0.3 } }),
  });
  const frame = document.createElement('iframe');
  frame.style.inlineSize = '800px';
  frame.style.blockSize = '700px';
  frame.src = `/packages/elements/test/fixtures/${fixture}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return { frame, win: frame.contentWindow as HostileWindow, doc: frame.contentDocument! };
};

/**
 * An element is drawn when its shadow root holds its widget or its trigger, with a visible box
 * (a widget in a launcher's closed popover, or a launcher opened from the page's own button,
 * has no box yet).
 */
const drawn = (el: Element) => {
  const shown = el.shadowRoot?.querySelector('[part~=base], [part~=trigger], [part~=panel]');
  if (!shown) return false;
  const hidden = el.closest('heard-launcher') !== null || el.matches('heard-launcher[for]');
  return hidden || shown.getBoundingClientRect().width > 0;
};

const px = (el: Element, property: string) => parseFloat(getComputedStyle(el).getPropertyValue(property));
const inside = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector)!;

for (const [build, fixture, endpoint] of [
  ['heard.js', 'hostile.html', 'hostile-esm'],
  ['heard.iife.js', 'hostile-iife.html', 'hostile-iife'],
] as const) {
  describe(`${build} on a hostile host page`, () => {
    let frame: HTMLIFrameElement;
    let win: HostileWindow;
    let doc: Document;
    before(async () => {
      // A first visit: what the other build's page answered stays with it.
      localStorage.clear();
      ({ frame, win, doc } = await open(fixture, endpoint));
      await until(() => win.customElements.get('host-card'), "the host's own Lit element");
      const all = [...doc.querySelectorAll(TAGS.join(','))];
      // The first test says which stayed blank.
      await until(() => all.every(drawn), 'every element drawn', 10_000).catch(() => undefined);
    });
    after(() => frame.remove());

    it('draws every element, none blank, and throws nothing', async () => {
      const all = [...doc.querySelectorAll(TAGS.join(','))];
      expect(all).to.have.length(8);
      expect(
        all.filter((el) => !drawn(el)).map((el) => el.localName),
        `blank; uncaught: ${win.uncaught.join(' | ')}`,
      ).to.deep.equal([]);
      expect(doc.querySelector('host-card')!.shadowRoot!.textContent).to.include("host's own Lit");
      expect(win.uncaught).to.deep.equal([]);
    });

    it('takes the font family from the host page and nothing else from its CSS', () => {
      const poll = doc.querySelector('heard-poll')!;
      expect(getComputedStyle(poll).display).to.equal('block');
      expect(getComputedStyle(poll).fontFamily).to.equal('Georgia, serif');
      // The user's default size (medium: 16 px here), not the page's 10 px root or 9 px body.
      expect(px(poll, 'font-size')).to.equal(16);
      const option = inside(poll, '[part~=option]');
      expect(option.getBoundingClientRect().height).to.be.at.least(44);
      const radio = inside(poll, 'input[type=radio]');
      expect(radio.getBoundingClientRect().width).to.equal(20);
      // Fields stay inside their box whatever the page's box-sizing.
      const beta = doc.querySelector('heard-beta-signup')!;
      const field = inside(beta, 'input[type=email]').getBoundingClientRect();
      const base = inside(beta, '[part~=base]').getBoundingClientRect();
      expect(field.right).to.be.at.most(base.right - 1);
      const trigger = inside(doc.querySelector('heard-launcher:not([for])')!, '[part~=trigger]');
      expect(px(trigger, 'font-size')).to.equal(16);
      expect(getComputedStyle(trigger).fontFamily).to.equal('Georgia, serif');
    });

    it('keeps the floating button above the page, even an overlay at the highest z-index', async () => {
      const launcher = doc.querySelector('heard-launcher:not([for])')!;
      const trigger = inside(launcher, '[part~=trigger]');
      const box = trigger.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      // Names, not elements: chai would walk a polluted page's objects to print them.
      const top = doc.elementFromPoint(x, y);
      expect(top?.localName ?? 'nothing', 'what is under the middle of the floating button').to.equal('heard-launcher');
      expect(launcher.shadowRoot!.elementFromPoint(x, y)?.getAttribute('part')).to.equal('trigger');
      trigger.click();
      await until(() => inside(launcher, '[part~=panel]').matches(':popover-open'), 'the popover to open');
      // The popover opened above the button, not under it.
      const panel = inside(launcher, '[part~=panel]').getBoundingClientRect();
      expect(panel.bottom).to.be.at.most(box.top);
      trigger.click();
      await until(() => !inside(launcher, '[part~=panel]').matches(':popover-open'), 'the popover to close');
    });

    it('stores each answer exactly once through a collector that fails 30 % of sends', async function () {
      this.timeout(45_000);
      const poll = doc.querySelector('heard-poll')!;
      inside(poll, 'input[value=tabs]').click();
      (
        await until(
          () => !inside(poll, '[part~=submit]').matches(':disabled') && inside(poll, '[part~=submit]'),
          'the vote button',
        )
      ).click();
      const nps = doc.querySelector('heard-nps')!;
      (await until(() => nps.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=score]')[9], 'the scale')).click();
      // Retried through the failures until both answers are in (each look asks the collector).
      let stored = (await control(endpoint)).events;
      let asking: Promise<unknown> | undefined;
      await until(
        () => {
          asking ??= control(endpoint).then((now) => {
            stored = now.events;
            asking = undefined;
          });
          return stored.length >= 2;
        },
        'both answers at the collector',
        40_000,
      );
      expect(stored.map((event) => `${event.type} ${event.widget}`).sort()).to.deep.equal([
        'nps.response hostile',
        'poll.vote hostile',
      ]);
      // Every element has settled: no second copy of an answer is still on its way.
      await until(() => poll.shadowRoot!.querySelector('[part~=results]'), 'the poll to show its results', 10_000);
      const after = await control(endpoint);
      expect(after.events).to.have.length(2);
      expect(after.failures, 'sends the collector failed on purpose').to.be.greaterThan(0);
    });

    it('has no axe violations, no CSP violations and no uncaught errors', async () => {
      // axe itself walks objects with for…in: the pollution goes before it audits.
      const polluted = (win as unknown as { Object: { prototype: { get?: unknown; hostHelper?: unknown } } }).Object;
      delete polluted.prototype.get;
      delete polluted.prototype.hostHelper;
      expect(await axeInFrame(frame, doc.querySelector('main')!)).to.deep.equal([]);
      expect(win.violations).to.deep.equal([]);
      expect(win.uncaught).to.deep.equal([]);
    });
  });
}

describe("a page that put a name Lit's parts use (strings) on Object.prototype", () => {
  for (const [build, fixture] of [
    ['heard.js', 'polluted.html'],
    ['heard.iife.js', 'polluted-iife.html'],
  ] as const) {
    it(`draws every element from ${build}, and throws nothing`, async () => {
      localStorage.clear();
      const { frame, win, doc } = await open(fixture, 'polluted');
      try {
        const all = [...doc.querySelectorAll(TAGS.join(','))];
        expect(all).to.have.length(6);
        await until(() => all.every(drawn), 'every element drawn').catch(() => undefined);
        expect(
          all.filter((el) => !drawn(el)).map((el) => el.localName),
          `blank; uncaught: ${win.uncaught.join(' | ')}`,
        ).to.deep.equal([]);
        const poll = doc.querySelector('heard-poll')!;
        await until(() => poll.shadowRoot!.querySelector('input[name=answer]'), 'the poll’s form, not "Loading…"');
        expect(win.uncaught).to.deep.equal([]);
      } finally {
        frame.remove();
      }
    });
  }
});
