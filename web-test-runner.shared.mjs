/** What every package's browser tests share: Chromium, its flags, TypeScript, workspace sources. */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('.', import.meta.url));

/** Debian's Chromium flags for a closed network; CHROME_PATH picks another Chrome. */
export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium for tests that drive it with Puppeteer (passed in, so this file needs none). */
export const launchChromium = (puppeteer) =>
  puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: chromeArgs,
  });

export const shared = {
  rootDir: root,
  hostname: '127.0.0.1',
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  testFramework: { config: { timeout: 30_000 } },
  testsFinishTimeout: 300_000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        ...(process.env.CHROME_PATH ? { executablePath: process.env.CHROME_PATH } : {}),
        args: chromeArgs,
      },
    }),
  ],
};

/** esbuild for TypeScript, with the decorator settings of the package's own tsconfig. */
export const typescript = (tsconfig) =>
  esbuildPlugin({ ts: true, target: 'es2022', ...(tsconfig ? { tsconfig } : {}) });
