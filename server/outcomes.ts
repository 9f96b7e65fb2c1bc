/**
 * Op outcomes kept to answer a retry of the same (user, mid). Acks are in the store, with the
 * batch that made them, for as long as history is kept: they are what exactly-once needs. A
 * refusal changed nothing, so a retry processed afresh can do no harm twice; refusals are kept
 * here only, bounded, so a quick retry gets the same answer and no client can fill the store
 * with them.
 */
import { BoundedMap } from './bounded.js';
import type { OpOutcome } from './engines/engine.js';

/** Outcomes kept in memory; older ones are read back from the engine (acks only). */
export const OUTCOME_CACHE_SIZE = 100_000;

export class OutcomeCache {
  readonly #outcomes: BoundedMap<string, OpOutcome>;

  constructor(size = OUTCOME_CACHE_SIZE) {
    this.#outcomes = new BoundedMap(size);
  }

  get(key: string): OpOutcome | undefined {
    return this.#outcomes.get(key);
  }

  forget(key: string): void {
    this.#outcomes.delete(key);
  }

  set(key: string, outcome: OpOutcome): void {
    this.#outcomes.set(key, outcome);
  }
}

/** Whether an outcome is kept at all: `rate_limited` and `internal` ops were not processed. */
export function keepsOutcome(outcome: OpOutcome): boolean {
  return outcome.t === 'ack' || (outcome.code !== 'rate_limited' && outcome.code !== 'internal');
}
