export { Connection, CONNECTION_DEFAULTS } from './connection.js';
export { getConnection, releaseConnection, RELEASE_GRACE_MS } from './registry.js';
export { OpError, isFinalError } from './errors.js';
export { Backoff, type BackoffOptions } from './backoff.js';
export { createMid, randomId, MID_LENGTH } from './ids.js';
export { ANON_KEY_ITEM, loadAnonKey } from './anon-key.js';
export type { ChannelListener, ConnectionOptions, ConnectionStatus, PendingOp } from './types.js';
