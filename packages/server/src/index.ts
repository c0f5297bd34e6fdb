/** @heard/server: the reference collector of the Heard protocol. */
export { createApp, type AppOptions } from './app.js';
export { loadConfig, parseOrigins, USAGE, type Config } from './config.js';
export { openStorage, storageKind, type Dialect, type Storage } from './db/connect.js';
export type { Database } from './db/schema.js';
export { startServer, type RunningServer } from './serve.js';
export type { SpamRules } from './spam.js';
export { checkProof, issueChallenge, solveChallenge, type ProofOfWork } from './pow.js';
export { signUser, userVerifier, type VerifyUser } from './store/subject.js';
