/** `heard-server`: the collector from the command line. */
import { loadConfig, USAGE } from './config.js';
import { startServer } from './serve.js';

export const main = async (argv: string[]): Promise<void> => {
  let config;
  try {
    config = loadConfig(argv, process.env);
  } catch (error) {
    console.error(`heard-server: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (config === 'help') {
    process.stdout.write(USAGE);
    return;
  }
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
