/**
 * The parts of a Connection that no widget waits for, in one chunk that the connection starts
 * loading when it is made (one `import()` in its constructor).
 *
 * Why lazy: an app that imports only the stores, and the first render of every widget, pay for
 * the socket, the channels and the outbox in memory, and not for what acts later: keeping ops
 * across reloads (a reload comes long after the chunk), the probe (after a welcome), asking the
 * page for a fresh token, leaving presence on `pagehide`. Each has a correct behaviour while the
 * chunk is on its way, or if it never comes (see Connection): ops are then at risk as without
 * IndexedDB, the relay's heartbeat still finds a dead socket, an expiring token is refused as
 * without `refreshToken`, and the relay's presence grace ends a page that went.
 * One chunk rather than one per part: one request, and one loader in the eager code.
 */
export { DurableOutbox } from './durable-outbox.js';
export { Prober } from './probe.js';
export { TokenRefresher } from './refresh.js';
export { watchPage } from './page.js';
export { adoptStoredOps, dropStoredOpsOfOthers } from './restored.js';
