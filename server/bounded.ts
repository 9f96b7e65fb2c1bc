/**
 * A Map and a Set that hold at most `max` entries: adding one more forgets the oldest. What the
 * relay remembers about clients (outcomes, addresses, reporters, first-time chatters) is bounded
 * this way, so no stream of new ids can grow it without end.
 *
 * Oldest is by insertion, which is how a Map iterates: an entry set (or added) again becomes the
 * newest, so what is in use stays and what was seen once and never again goes first.
 */

/** Called with each entry forgotten for the bound (not for `delete` or `clear`). */
export type Evicted<K, V> = (key: K, value: V) => void;

export class BoundedMap<K, V> extends Map<K, V> {
  constructor(
    readonly max: number,
    private onEvict?: Evicted<K, V>,
  ) {
    super();
  }

  /** Sets `key` as the newest entry; past `max`, forgets the oldest. */
  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.max) {
      const [oldest, old] = this.entries().next().value!;
      super.delete(oldest);
      this.onEvict?.(oldest, old);
    }
    return this;
  }
}

export class BoundedSet<T> extends Set<T> {
  constructor(
    readonly max: number,
    private onEvict?: (value: T) => void,
  ) {
    super();
  }

  /** Adds `value` as the newest; past `max`, forgets the oldest. */
  override add(value: T): this {
    super.delete(value);
    super.add(value);
    while (this.size > this.max) {
      const oldest = this.values().next().value!;
      super.delete(oldest);
      this.onEvict?.(oldest);
    }
    return this;
  }
}
