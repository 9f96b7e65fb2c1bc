/**
 * The probe's timings (./probe.ts), apart from its code: the tab hub waits as long as a tab's
 * probe does, without loading the prober.
 */
/** Defaults of the probe, in one place (docs/protocol-notes.md, "Probe"). */
export const PROBE_DEFAULTS = {
  /** Probe after this much silence from the relay. */
  idleMs: 5_000,
  /** A probe not followed by any frame within this long means the socket is dead. */
  timeoutMs: 4_000,
  /** How often the silence is checked. */
  checkEveryMs: 1_000,
  /**
   * A check that runs this many periods late means the page itself was stalled (frozen, in the
   * background, a slow device): the silence is ours, not the socket's, so ask again rather than
   * give up on it.
   */
  stalledAfterChecks: 3,
} as const;
