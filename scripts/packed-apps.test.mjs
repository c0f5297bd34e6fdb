/**
 * The packages as an app outside this repository gets them. @heard/protocol, @heard/sdk and
 * @heard/elements are packed with `pnpm pack` and installed from their tarballs, beside Vite,
 * Vue, React and TypeScript from the npm registry, into a temporary folder outside the
 * workspace; three fresh apps there (plain TypeScript, Vue 3, React 19; `packed-apps/`) use
 * <heard-poll> with attributes and listen to `heard-vote`. Each is built with `vite build`,
 * served, and driven in Chromium until a vote reaches a fake collector and the app hears it.
 * Each typechecks as written (`tsc`, or `vue-tsc` with `strictTemplates`) and fails, naming
 * the culprit, on a misspelt attribute, a wrong attribute type and a misspelt event. The
 * tarballs hold a README, a LICENSE and `engines`, no tests or stories, and pass
 * `publint --strict`. Needs `pnpm build` first; fails, never skips, without the registry.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { launchChromium } from '../web-test-runner.shared.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('packed-apps', import.meta.url));
const PACKAGES = ['protocol', 'sdk', 'elements'];
const BUDGET_MS = 4 * 60_000;
const started = Date.now();

const workspace = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** What the apps install from the registry; Vite and TypeScript in the workspace's own ranges. */
const REGISTRY_DEPENDENCIES = {
  vite: workspace.devDependencies.vite,
  typescript: workspace.devDependencies.typescript,
  vue: '^3.5.0',
  '@vitejs/plugin-vue': '^6.1.0',
  'vue-tsc': '^3.3.0',
  react: '^19.3.0',
  'react-dom': '^19.3.0',
  '@types/react': '^19.3.0',
  '@types/react-dom': '^19.3.0',
};

/**
 * Each app, how it is typechecked, and its three wrong versions: one edit (`from` → `to`, found
 * exactly once) and what the error must name. `at` is the line the error must be on, where
 * the message names nothing of ours.
 */
const APPS = [
  {
    name: 'ts',
    checker: 'tsc',
    wrong: {
      'a misspelt attribute': {
        file: 'src/main.ts',
        from: "poll.showResults = 'always'",
        to: "poll.showResult = 'always'",
        names: "Property 'showResult' does not exist on type 'HeardPoll'",
      },
      'a wrong attribute type': {
        file: 'src/main.ts',
        from: "poll.showResults = 'always'",
        to: "poll.showResults = 'sometimes'",
        names: `Type '"sometimes"' is not assignable`,
      },
      'a misspelt event': {
        // An unknown event name is a plain `Event`, which has no `vote`.
        file: 'src/main.ts',
        from: "'heard-vote'",
        to: "'heard-vot'",
        names: "Property 'vote' does not exist on type 'Event'",
        at: 'event.vote.options',
      },
    },
  },
  {
    name: 'vue',
    checker: 'vue-tsc',
    wrong: {
      'a misspelt attribute': {
        file: 'src/App.vue',
        from: 'poll-id="flavours"',
        to: 'pol-id="flavours"',
        names: "'polId' does not exist",
      },
      'a wrong attribute type': {
        file: 'src/App.vue',
        from: 'show-results="always"',
        to: 'show-results="sometimes"',
        names: `Type '"sometimes"' is not assignable`,
      },
      'a misspelt event': {
        file: 'src/App.vue',
        from: '@heard-vote=',
        to: '@heard-vot=',
        names: "'onHeardVot' does not exist",
      },
    },
  },
  {
    name: 'react',
    checker: 'tsc',
    // TypeScript lets any hyphenated JSX attribute it does not know pass unchecked, so in TSX a
    // misspelt kebab-case attribute (`pol-id`) cannot be caught, and a misspelt listener
    // (`onheard-vot`) is caught by its event losing its type.
    wrong: {
      'a misspelt attribute': {
        file: 'src/main.tsx',
        from: 'question="Which flavour next?"',
        to: 'qestion="Which flavour next?"',
        names: "Property 'qestion' does not exist on type 'HeardPollProps'",
      },
      'a wrong attribute type': {
        file: 'src/main.tsx',
        from: 'show-results="always"',
        to: 'show-results="sometimes"',
        names: `Type '"sometimes"' is not assignable`,
      },
      'a misspelt event': {
        file: 'src/main.tsx',
        from: 'onheard-vote=',
        to: 'onheard-vot=',
        names: "Parameter 'event' implicitly has an 'any' type",
        at: 'onheard-vot=',
      },
    },
  },
];

/** Runs a command to its end: its exit status and what it printed. */
const run = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, output: stdout + stderr }));
  });

/** Runs `jobs` (functions returning promises) two at a time: the machine has two cores. */
const inPairs = async (jobs) => {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
};

/** npm without the variables a pnpm script run sets for itself, except the registry. */
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || /^npm_config_registry$/i.test(key)),
);

/** `file(line,column): error TSnnnn: message` and its indented continuation lines. */
const typeErrors = (output) => {
  const errors = [];
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),\d+\): error TS\d+: (.*)$/.exec(line);
    if (match) errors.push({ file: match[1], line: Number(match[2]), message: match[3] });
    else if (/^\s/.test(line) && errors.length) errors.at(-1).message += `\n${line.trim()}`;
  }
  return errors;
};

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

let temp;
let browser;
let server;
let origin;
let tarballs;
/** Per app: the fake collector its page talks to. */
const collectors = new Map();

before(
  async () => {
    for (const name of PACKAGES) {
      const built = join(ROOT, 'packages', name, 'dist');
      if (!existsSync(built)) throw new Error(`packages/${name}/dist is missing: run \`pnpm build\` first`);
    }
    if (!existsSync(join(ROOT, 'packages/elements/dist/react.d.ts'))) {
      throw new Error('packages/elements/dist has no typings: run `pnpm build` first');
    }
    temp = mkdtempSync(join(tmpdir(), 'heard-packed-apps-'));

    const ping = await run('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=30000'], { env: npmEnv, cwd: temp });
    if (ping.status !== 0) {
      const registry = (await run('npm', ['config', 'get', 'registry'], { env: npmEnv })).stdout.trim();
      throw new Error(
        `The npm registry (${registry}) cannot be reached, and this test installs ${Object.keys(REGISTRY_DEPENDENCIES).join(', ')} from it:\n${ping.output}`,
      );
    }

    const packs = join(temp, 'packs');
    mkdirSync(packs);
    await Promise.all(
      PACKAGES.map(async (name) => {
        const packed = await run('pnpm', ['pack', '--pack-destination', packs], { cwd: join(ROOT, 'packages', name) });
        assert.equal(packed.status, 0, `pnpm pack @heard/${name}:\n${packed.output}`);
      }),
    );
    tarballs = Object.fromEntries(
      PACKAGES.map((name) => [
        name,
        join(
          packs,
          readdirSync(packs).find((file) => file.startsWith(`heard-${name}-`)),
        ),
      ]),
    );

    // One install in the parent folder: every app resolves its packages from there.
    const heard = Object.fromEntries(PACKAGES.map((name) => [`@heard/${name}`, `file:${tarballs[name]}`]));
    const manifest = {
      name: 'heard-packed-apps',
      private: true,
      type: 'module',
      dependencies: { ...heard, ...REGISTRY_DEPENDENCIES },
      // The elements' own ranges (`^0.1.0`) are met by these tarballs, not by the registry.
      overrides: { '@heard/protocol': '$@heard/protocol', '@heard/sdk': '$@heard/sdk' },
    };
    writeFileSync(join(temp, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const install = await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
      cwd: temp,
      env: npmEnv,
    });
    assert.equal(install.status, 0, `npm install from the registry and the tarballs failed:\n${install.output}`);

    for (const app of APPS) cpSync(join(FIXTURES, app.name), join(temp, 'apps', app.name), { recursive: true });

    // The fake collector: the packed SDK's MemoryCollector answering the protocol over HTTP.
    const { MemoryCollector } = await import(pathToFileURL(join(temp, 'node_modules/@heard/sdk/dist/memory.js')).href);
    for (const app of APPS) collectors.set(app.name, new MemoryCollector());
    server = createServer(async (req, res) => {
      const url = new URL(req.url, 'http://localhost');
      const [, name, ...rest] = url.pathname.split('/');
      const collector = collectors.get(name);
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (collector && rest[0] === 'collector') {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        const answer = collector.handle(req.method, url.pathname + url.search, Buffer.concat(chunks).toString('utf8'));
        if (answer.body === undefined) res.writeHead(answer.status).end();
        else res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        return;
      }
      const dist = join(temp, 'apps', name ?? '', 'dist');
      const file = normalize(join(dist, rest.join('/') || 'index.html'));
      if (!collector || !file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${server.address().port}`;

    browser = await launchChromium(puppeteer);
  },
  { timeout: 3 * 60_000 },
);

after(async () => {
  await browser?.close();
  server?.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
  const seconds = (Date.now() - started) / 1000;
  console.log(`packed apps: ${seconds.toFixed(1)} s (budget ${BUDGET_MS / 1000} s)`);
});

describe('the packed packages', { timeout: BUDGET_MS }, () => {
  test('each tarball holds a README, a LICENSE and engines, no tests or stories, and ranges on its siblings', async (t) => {
    for (const name of PACKAGES) {
      const listing = await run('tar', ['-tzvf', tarballs[name]]);
      assert.equal(listing.status, 0, listing.output);
      const entries = listing.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/))
        .map((fields) => ({ size: Number(fields[2]), path: fields.at(-1) }));
      const paths = entries.map((entry) => entry.path);
      for (const required of ['package/README.md', 'package/LICENSE', 'package/package.json']) {
        assert.ok(paths.includes(required), `@heard/${name} ships ${required}`);
      }
      const unwanted = paths.filter((path) => /\.(test|stories)\.[cm]?[jt]sx?$/.test(path));
      assert.deepEqual(unwanted, [], `@heard/${name} ships no tests or stories`);
      const manifest = JSON.parse((await run('tar', ['-xzOf', tarballs[name], 'package/package.json'])).stdout);
      assert.equal(manifest.engines?.node, '>=20.19', `@heard/${name} declares engines.node`);
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        if (dependency.startsWith('@heard/')) assert.match(range, /^\^\d/, `@heard/${name} → ${dependency} ${range}`);
      }
      if (name === 'elements') {
        for (const file of ['dist/react.d.ts', 'dist/vue.d.ts', 'dist/web-types.json', 'custom-elements.json']) {
          assert.ok(paths.includes(`package/${file}`), `@heard/elements ships ${file}`);
        }
      }
      const unpacked = entries.reduce((sum, entry) => sum + entry.size, 0);
      t.diagnostic(
        `@heard/${name}: ${paths.length} files, ${(statSync(tarballs[name]).size / 1024).toFixed(1)} kB packed, ${(unpacked / 1024).toFixed(1)} kB unpacked`,
      );
    }
  });

  test('publint --strict passes on each package', async () => {
    const publint = join(ROOT, 'node_modules/.bin/publint');
    const results = await inPairs(
      PACKAGES.map((name) => () => run(publint, ['--strict'], { cwd: join(ROOT, 'packages', name) })),
    );
    results.forEach((result, index) => assert.equal(result.status, 0, `@heard/${PACKAGES[index]}:\n${result.output}`));
  });

  for (const app of APPS) {
    test(`${app.name}: builds with vite and hears a vote in Chromium`, async () => {
      const dir = join(temp, 'apps', app.name);
      const built = await run(process.execPath, [join(temp, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: dir });
      assert.equal(built.status, 0, `vite build:\n${built.output}`);

      // A context of its own: the apps share an origin, and a poll remembers a vote given.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (['error', 'warn'].includes(message.type())) problems.push(message.text());
      });
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      try {
        await page.goto(`${origin}/${app.name}/`);
        try {
          await page.locator('heard-poll >>> [part~=option] input').setTimeout(10_000).click();
          await page.locator('heard-poll >>> [part~=submit]').setTimeout(5_000).click();
          await page.waitForFunction(() => document.querySelector('#heard')?.textContent === 'mango', {
            timeout: 5_000,
          });
        } catch (error) {
          const body = await page.evaluate(
            () => `${document.body.outerHTML}\nshadow: ${document.querySelector('heard-poll')?.shadowRoot?.innerHTML}`,
          );
          throw new Error(`${error.message}\npage: ${body}\nproblems: ${problems.join('\n')}`, { cause: error });
        }
        const collector = collectors.get(app.name);
        const deadline = Date.now() + 10_000;
        while (collector.events.size === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const [vote] = collector.events.values();
        assert.equal(vote?.type, 'poll.vote', 'the vote reached the collector');
        assert.equal(vote.widget, 'flavours');
        assert.deepEqual(vote.data.options, ['mango']);
        assert.deepEqual(problems, [], 'no error or warning on the page');
      } finally {
        await context.close();
      }
    });

    test(`${app.name}: ${app.checker} passes as written and names ${Object.keys(app.wrong).join(', ')}`, async () => {
      const variants = [['as written', null], ...Object.entries(app.wrong)];
      const checks = variants.map(([label, wrong]) => async () => {
        let dir = join(temp, 'apps', app.name);
        if (wrong) {
          dir = `${dir}-${label.replace(/\W+/g, '-')}`;
          cpSync(join(FIXTURES, app.name), dir, { recursive: true });
          const path = join(dir, wrong.file);
          const source = readFileSync(path, 'utf8');
          assert.equal(source.split(wrong.from).length, 2, `${app.name}/${wrong.file} holds "${wrong.from}" once`);
          writeFileSync(path, source.replace(wrong.from, wrong.to));
        }
        const bin = app.checker === 'vue-tsc' ? 'vue-tsc/bin/vue-tsc.js' : 'typescript/bin/tsc';
        const result = await run(process.execPath, [join(temp, 'node_modules', bin), '--noEmit', '--pretty', 'false'], {
          cwd: dir,
        });
        return { label, wrong, dir, result };
      });
      for (const { label, wrong, dir, result } of await inPairs(checks)) {
        if (!wrong) {
          assert.equal(result.status, 0, `${app.name} ${label}:\n${result.output}`);
          continue;
        }
        assert.notEqual(result.status, 0, `${app.name} with ${label} must fail ${app.checker}`);
        const errors = typeErrors(result.output);
        assert.ok(errors.length > 0, `${app.name} with ${label}: no error reported:\n${result.output}`);
        assert.ok(
          errors.some((error) => error.message.includes(wrong.names)),
          `${app.name} with ${label}: an error naming ${wrong.names}:\n${result.output}`,
        );
        assert.ok(
          errors.every((error) => error.file === wrong.file),
          `${app.name} with ${label}: errors only in ${wrong.file}:\n${result.output}`,
        );
        if (wrong.at) {
          const lines = readFileSync(join(dir, wrong.file), 'utf8').split('\n');
          const line = lines.findIndex((text) => text.includes(wrong.at)) + 1;
          assert.ok(
            errors.some((error) => error.line === line && error.message.includes(wrong.names)),
            `${app.name} with ${label}: the error is on line ${line}:\n${result.output}`,
          );
        }
      }
    });
  }

  test(`stays within its budget of ${BUDGET_MS / 60_000} minutes`, () => {
    assert.ok(Date.now() - started < BUDGET_MS, `took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
