import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { SkipWindow, type WindowRow } from '../../src/elements/internal/skip-window.js';

interface Entry {
  seq: number;
}

/** Entries with `seq` from `from` to `to`, both included. */
const range = (from: number, to: number): Entry[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i }));

/** A row as a word: `5` for an entry, `[6-40:35]` for a gap hiding 35. */
const show = (rows: WindowRow<Entry>[]) =>
  rows.map((row) => (row.gap ? `[${row.gap.from}-${row.gap.to}:${row.hidden}]` : row.entry.seq));

const options = { skipAfter: 5, maxRendered: 100 };

describe('SkipWindow', () => {
  it('never skips the first entries (the snapshot is history, not a backlog)', () => {
    const window = new SkipWindow();
    assert.deepEqual(
      show(window.rows(range(1, 20), options)),
      show(range(1, 20).map((entry) => ({ entry }))),
    );
  });

  it('renders every entry while at most skipAfter arrive between two renders', () => {
    const window = new SkipWindow();
    window.rows(range(1, 3), options);
    assert.deepEqual(show(window.rows(range(1, 8), options)), [1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('past skipAfter new entries, shows the newest skipAfter behind one gap', () => {
    const window = new SkipWindow();
    window.rows(range(1, 3), options);
    assert.deepEqual(show(window.rows(range(1, 40), options)), [
      1,
      2,
      3,
      '[4-35:32]',
      36,
      37,
      38,
      39,
      40,
    ]);
    // Later entries come in the ordinary way, after the gap.
    assert.deepEqual(show(window.rows(range(1, 42), options)), [
      1,
      2,
      3,
      '[4-35:32]',
      36,
      37,
      38,
      39,
      40,
      41,
      42,
    ]);
  });

  it('opens the newest entries of a gap, page by page, where they were', () => {
    const window = new SkipWindow();
    window.rows(range(1, 3), options);
    const [gapRow] = window.rows(range(1, 40), options).filter((row) => row.gap);
    assert.ok(gapRow.gap);
    assert.equal(window.open(gapRow.gap, range(1, 40), 30), 30);
    assert.deepEqual(show(window.rows(range(1, 40), options)).slice(0, 5), [1, 2, 3, '[4-5:2]', 6]);
    const [rest] = window.rows(range(1, 40), options).filter((row) => row.gap);
    assert.equal(window.open(rest.gap!, range(1, 40), 30), 2);
    assert.deepEqual(
      show(window.rows(range(1, 40), options)),
      range(1, 40).map((entry) => entry.seq),
    );
  });

  it('keeps at most maxRendered rows, plus what the viewer opened', () => {
    const window = new SkipWindow();
    const small = { skipAfter: 5, maxRendered: 10 };
    window.rows(range(1, 3), small);
    const rows = window.rows(range(1, 40), small);
    assert.deepEqual(show(rows), [1, 2, 3, '[4-35:32]', 36, 37, 38, 39, 40]);
    // Opening 10 of them raises the bound by 10: 19 rows, none cut.
    window.open(rows[3].gap!, range(1, 40), 10);
    const opened = show(window.rows(range(1, 40), small));
    assert.equal(opened.length, 19);
    assert.deepEqual(opened.slice(0, 5), [1, 2, 3, '[4-25:22]', 26]);
    // Without opening, the oldest rows go first.
    const other = new SkipWindow();
    other.rows(range(1, 3), { skipAfter: 0, maxRendered: 10 });
    assert.deepEqual(
      show(other.rows(range(1, 40), { skipAfter: 0, maxRendered: 10 })),
      range(31, 40).map((entry) => entry.seq),
    );
  });

  it('with hold, keeps every row from the oldest rendered (the viewer reads back)', () => {
    const window = new SkipWindow();
    const small = { skipAfter: 0, maxRendered: 10 };
    window.rows(range(1, 10), small);
    assert.deepEqual(show(window.rows(range(1, 15), { ...small, hold: true }))[0], 1);
    assert.deepEqual(
      show(window.rows(range(1, 15), small)),
      range(6, 15).map((entry) => entry.seq),
    );
  });

  it('forgets its gaps when the newest seq goes back (a new epoch)', () => {
    const window = new SkipWindow();
    window.rows(range(1, 3), options);
    window.rows(range(1, 40), options);
    assert.deepEqual(show(window.rows(range(1, 4), options)), [1, 2, 3, 4]);
  });

  it('drops a gap whose entries all left the store', () => {
    const window = new SkipWindow();
    window.rows(range(1, 3), options);
    window.rows(range(1, 40), options);
    assert.deepEqual(show(window.rows(range(36, 41), options)), [36, 37, 38, 39, 40, 41]);
  });

  it('never skips with skipAfter 0', () => {
    const window = new SkipWindow();
    window.rows(range(1, 3), { ...options, skipAfter: 0 });
    assert.equal(window.rows(range(1, 90), { ...options, skipAfter: 0 }).length, 90);
  });
});
