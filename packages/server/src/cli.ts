/** `heard-server`: the collector from the command line. */
import { isAbsolute, resolve } from 'node:path';
import { loadConfig, USAGE } from './config.js';
import { storageKind } from './db/connect.js';
import { startServer } from './serve.js';

/**
 * A relative SQLite path names a file beside the person who typed the command. Package
 * managers run a script in its package's folder (`pnpm --filter @heard/server start` runs in
 * `packages/server`) and give the folder they were started from as `INIT_CWD`.
 */
export const resolveStorage = (storage: string, from: string): string => {
  if (storageKind(storage) === 'postgres') return storage;
  const path = storage.replace(/^sqlite:(\/\/)?/i, '').replace(/^file:(\/\/)?/i, '');
  if (path === '' || path === ':memory:' || isAbsolute(path)) return storage;
  return resolve(from, path);
};

export const main = async (argv: string[]): Promise<void> => {
  let config;
  try {
    // `pnpm start -- --port 80` hands the script the `--` too (npm drops it).
    config = loadConfig(argv[0] === '--' ? argv.slice(1) : argv, process.env);
  } catch (error) {
    console.error(`heard-server: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (config === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  config.storage = resolveStorage(config.storage, process.env.INIT_CWD || process.cwd());
  const server = await startServer(config);
  const origins = config.origins === '*' ? 'any origin' : config.origins.join(', ') || 'same origin only';
  process.stdout.write(
    `Heard collector listening on ${server.url}\n` +
      `  storage: ${server.storage.description}${server.storage.ready ? '' : ' (not reachable yet: answering 503 and retrying)'}\n` +
      `  dashboard origin: ${config.publicUrl ?? `${server.url} (give --public-url when people reach it by another name)`}\n` +
      `  origins: ${origins}\n` +
      `  admin API: ${config.adminToken ? 'on' : 'off (no --admin-token)'}\n` +
      `  signed user ids: ${config.identitySecrets?.length ? `on (${config.identitySecrets.length} secret${config.identitySecrets.length > 1 ? 's' : ''})` : 'off (no --identity-secret: every answer counts as its browser)'}\n` +
      `  proof of work: ${config.powDifficulty ? `${config.powDifficulty} bits${config.secret ? '' : ' (random secret: give every instance the same --secret)'}` : 'off'}\n`,
  );
  const stop = (signal: string) => {
    process.stdout.write(`heard-server: ${signal}, finishing requests in flight\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('heard-server: could not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
};
