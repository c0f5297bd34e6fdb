/** Types of what `web-test-runner.shared.mjs` exports to TypeScript tests. */
export const root: string;
export const chromeArgs: string[];
export const launchChromium: <B>(puppeteer: {
  launch(options: { executablePath: string; headless: boolean; args: string[] }): Promise<B>;
}) => Promise<B>;
export const shared: Record<string, unknown>;
export const typescript: (tsconfig?: string) => unknown;
