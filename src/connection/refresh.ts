/** When to ask the page for a fresh token, and asking it once at a time. */
import { tokenExpiresAt } from './token.js';

export const REFRESH_DEFAULTS = {
  /** Ask for a new token this long before the current one's `exp`. */
  beforeExpMs: 60_000,
  /** Never ask sooner than this after arming (no loop on short-lived tokens). */
  minDelayMs: 1_000,
} as const;

const MAX_TIMER_MS = 2_147_483_647;

export type TokenSource = () => Promise<string | undefined> | string | undefined;

export class TokenRefresher {
  readonly #source: TokenSource | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: Promise<string | undefined> | null = null;

  constructor(source: TokenSource | undefined) {
    this.#source = source;
  }

  /**
   * Arms the timer for `token`: `onDue` runs about 60 s before its `exp`. A token too
   * short-lived for that window is refreshed halfway through its life instead. An expired or
   * unreadable token arms nothing: the relay's close 4401 asks for the refresh then.
   */
  schedule(token: string | undefined, onDue: () => void): void {
    this.stop();
    if (!token || !this.#source) return;
    const expiresAt = tokenExpiresAt(token);
    if (expiresAt === undefined) return;
    const left = expiresAt - Date.now();
    if (left <= 0) return;
    const beforeExp = left - REFRESH_DEFAULTS.beforeExpMs;
    const delay =
      beforeExp >= REFRESH_DEFAULTS.minDelayMs
        ? beforeExp
        : Math.max(REFRESH_DEFAULTS.minDelayMs, left / 2);
    this.#timer = setTimeout(onDue, Math.min(delay, MAX_TIMER_MS));
  }

  /** Asks the page for a token; resolves with it if it is new (not `current`), else undefined. */
  async fetch(current: string | undefined): Promise<string | undefined> {
    const source = this.#source;
    if (!source) return undefined;
    this.#pending ??= (async () => {
      try {
        return (await source()) || undefined;
      } catch {
        return undefined;
      } finally {
        this.#pending = null;
      }
    })();
    const token = await this.#pending;
    return token && token !== current ? token : undefined;
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
