/**
 * Skip to live: which entries of a live list (chat messages, ordered by `seq`) a view renders.
 *
 * A view that renders once per frame renders whatever arrived since the last frame. When a slow
 * device falls behind (or a burst outruns anyone's reading), that is more than the screen can
 * show and more than the device can render in time; rendering it all, in order, is what makes a
 * viewer fall minutes behind. Past `skipAfter` new entries in one frame, the window renders the
 * newest `skipAfter` only and hides the ones before them behind a gap ("312 earlier messages
 * skipped"), which the viewer may open page by page. The rows rendered stay bounded:
 * `maxRendered`, plus what the viewer opened since the last skip.
 *
 * Pure state, no DOM: the element asks for its rows once per render.
 */

/** Entries hidden by one skip: `seq` from `from` to `to`, both included. */
export interface SkipGap {
  from: number;
  to: number;
}

/** One row of the view: an entry, or the gap in its place with how many entries it hides. */
export type WindowRow<T> = { entry: T; gap?: undefined } | { gap: SkipGap; hidden: number };

export interface SkipWindowOptions {
  /** More new entries than this in one render skips to live; 0 never skips. */
  skipAfter: number;
  /** Rows rendered at most (entries and gaps), besides those opened by the viewer. */
  maxRendered: number;
  /**
   * Keep every row from the oldest one rendered last time (the viewer scrolled up to read:
   * trimming the top would pull the text from under their eyes). The store's own cap still
   * bounds the rows.
   */
  hold?: boolean;
}

interface Sequenced {
  seq?: number;
}

export class SkipWindow {
  #gaps: SkipGap[] = [];
  /** `seq` of the newest entry seen by the last render; undefined before the first entries. */
  #newest?: number;
  /** Entries the viewer opened since the last skip: they raise the bound. */
  #opened = 0;
  /** `seq` of the oldest row the last render returned. */
  #oldest?: number;

  /** The rows to render now, oldest first; call once per render. */
  rows<T extends Sequenced>(entries: readonly T[], options: SkipWindowOptions): WindowRow<T>[] {
    this.#advance(entries, options.skipAfter);
    const rows: WindowRow<T>[] = [];
    let open: { gap: SkipGap; hidden: number } | undefined;
    for (const entry of entries) {
      const gap = this.#gapOf(entry);
      if (!gap) {
        open = undefined;
        rows.push({ entry });
      } else if (open?.gap === gap) {
        open.hidden++;
      } else {
        open = { gap, hidden: 1 };
        rows.push(open);
      }
    }
    // Gaps whose entries all left the store (it keeps the newest only) are gone for good.
    this.#gaps = this.#gaps.filter((gap) => rows.some((row) => row.gap === gap));
    let bound = Math.max(1, options.maxRendered) + this.#opened;
    const oldest = this.#oldest;
    if (options.hold && oldest !== undefined) {
      const kept = rows.findIndex((row) => (row.gap ? row.gap.to : row.entry.seq!) >= oldest);
      if (kept >= 0) bound = Math.max(bound, rows.length - kept);
    }
    const shown = rows.length > bound ? rows.slice(rows.length - bound) : rows;
    const first = shown[0];
    this.#oldest = first ? (first.gap ? first.gap.from : first.entry.seq) : undefined;
    return shown;
  }

  /**
   * Opens the newest `count` entries hidden by `gap` (all of them when fewer), just above the
   * entries after it; returns how many it opened.
   */
  open(gap: SkipGap, entries: readonly Sequenced[], count: number): number {
    const hidden = entries.filter((entry) => this.#gapOf(entry) === gap);
    const opened = Math.min(count, hidden.length);
    if (opened >= hidden.length) this.#gaps = this.#gaps.filter((other) => other !== gap);
    else gap.to = hidden[hidden.length - opened - 1].seq!;
    this.#opened += opened;
    return opened;
  }

  /** Forgets every gap and opened entry (e.g. the view now shows another room). */
  clear(): void {
    this.#gaps = [];
    this.#newest = undefined;
    this.#opened = 0;
    this.#oldest = undefined;
  }

  /** Takes the entries that arrived since the last render; skips to live past `skipAfter`. */
  #advance(entries: readonly Sequenced[], skipAfter: number): void {
    const newest = entries.at(-1)?.seq;
    if (newest === undefined) return;
    const last = this.#newest;
    this.#newest = newest;
    // The first entries (the snapshot) are history, not a backlog. A newest `seq` below the last
    // one is a new epoch (the relay lost its memory): the old gaps mean nothing there.
    if (last === undefined || newest < last) {
      if (last !== undefined) this.clear();
      this.#newest = newest;
      return;
    }
    if (skipAfter <= 0) return;
    let fresh = 0;
    for (let i = entries.length - 1; i >= 0 && (entries[i].seq ?? -Infinity) > last; i--) fresh++;
    if (fresh <= skipAfter) return;
    const first = entries[entries.length - fresh].seq!;
    const lastHidden = entries[entries.length - skipAfter - 1].seq!;
    this.#gaps.push({ from: first, to: lastHidden });
    this.#opened = 0;
  }

  #gapOf(entry: Sequenced): SkipGap | undefined {
    const seq = entry.seq;
    if (seq === undefined) return undefined;
    return this.#gaps.find((gap) => seq >= gap.from && seq <= gap.to);
  }
}
