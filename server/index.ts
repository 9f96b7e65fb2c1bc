/**
 * `hubbub-relay` as a library (the package's main export): run a relay inside a process of your
 * own, and sign the viewers' tokens in your backend with the claims the relay checks.
 *
 * ```js
 * import { signToken } from 'hubbub-relay';
 * const token = signToken(process.env.HUBBUB_SECRET, {
 *   sub: user.id, name: user.name, role: 'audience', rooms: ['stream-42'],
 * });
 * ```
 */
export { createRelay, type CreateRelayOptions, type RunningRelay } from './create-relay.js';
export { signToken, verifyToken, AuthError, type TokenClaims, type Identity } from './auth.js';
export {
  DEFAULT_CONFIG,
  DEFAULT_RATE_LIMITS,
  type RelayConfig,
  type RateLimitSettings,
} from './limits.js';
export type { Relay } from './relay.js';
export * from '../src/protocol/index.js';
