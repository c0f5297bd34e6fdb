/** @heard/protocol: the wire contract between Heard's widgets and any collector. */
export * from './limits.js';
export * from './schemas.js';
export * from './errors.js';
export { checkEnvelope, utf8Bytes } from './check.js';
export type * from './admin.js';
