/**
 * Every element renders on a server through @lit-labs/ssr, as a framework that pre-renders
 * pages does (Astro, Eleventy, Next with Lit's plugin): no `lang` set, no client configured,
 * no DOM but Lit's shim. Run after the build: `node --test test/ssr.test.mjs`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import '../dist/define/poll.js';
import '../dist/define/nps.js';
import '../dist/define/idea-box.js';
import '../dist/define/beta-signup.js';
import '../dist/define/launcher.js';

const PAGES = {
  'heard-poll': html`<heard-poll poll-id="next" question="Which flavour next?" options="Mango, Matcha"></heard-poll>`,
  'heard-nps': html`<heard-nps survey-id="q4" product="Acme"></heard-nps>`,
  'heard-idea-box': html`<heard-idea-box board="roadmap"></heard-idea-box>`,
  'heard-beta-signup': html`<heard-beta-signup
    program="dark-mode"
    consent-text="Write to me about the beta."
  ></heard-beta-signup>`,
  'heard-launcher': html`<heard-launcher label="Feedback"
    ><heard-poll poll-id="x" question="Q?" options="A, B"></heard-poll
  ></heard-launcher>`,
};

for (const [tag, page] of Object.entries(PAGES)) {
  test(`<${tag}> renders through @lit-labs/ssr without lang`, async () => {
    const errors = [];
    const error = console.error;
    console.error = (...args) => errors.push(args.map(String).join(' '));
    try {
      const markup = await collectResult(render(page));
      assert.match(
        markup,
        new RegExp(`<${tag}[^>]*>\\s*<template shadowroot(mode)?="open"`),
        'a declarative shadow root',
      );
      assert.ok(!/Cannot read|is not a function|undefined/.test(markup), markup);
      // No client on a server is no error: the browser's element gets one.
      assert.ok(!markup.includes('role="alert"'), `no error state: ${markup.replace(/<style>[\s\S]*?<\/style>/g, '')}`);
    } finally {
      console.error = error;
    }
    assert.deepEqual(errors, []);
  });
}
