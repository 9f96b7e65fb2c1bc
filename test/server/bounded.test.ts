/**
 * `BoundedMap` and `BoundedSet`: never more than `max` entries, the oldest forgotten first, and
 * an entry written again counts as new.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BoundedMap, BoundedSet } from '../../server/bounded.js';

describe('BoundedMap', () => {
  test('past max, set forgets the oldest entries and reports each', () => {
    const evicted: [string, number][] = [];
    const map = new BoundedMap<string, number>(3, (key, value) => evicted.push([key, value]));
    for (const [i, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, i);
    assert.deepEqual(
      [...map],
      [
        ['c', 2],
        ['d', 3],
        ['e', 4],
      ],
    );
    assert.deepEqual(evicted, [
      ['a', 0],
      ['b', 1],
    ]);
  });

  test('a key set again becomes the newest, so it outlives those set after it once', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    assert.deepEqual(
      [...map],
      [
        ['a', 3],
        ['c', 4],
      ],
    );
  });

  test('delete and clear are not evictions; get, has and size are a Map’s', () => {
    const evicted: string[] = [];
    const map = new BoundedMap<string, number>(2, (key) => evicted.push(key));
    map.set('a', 1).set('b', 2);
    assert.equal(map.get('a'), 1);
    assert.ok(map.has('b'));
    map.delete('a');
    map.clear();
    assert.equal(map.size, 0);
    assert.deepEqual(evicted, []);
    assert.ok(map instanceof Map);
  });

  test('a million distinct keys leave exactly max entries', () => {
    const map = new BoundedMap<number, number>(1_000);
    for (let i = 0; i < 1_000_000; i++) map.set(i, i);
    assert.equal(map.size, 1_000);
    assert.equal(map.keys().next().value, 999_000);
  });
});

describe('BoundedSet', () => {
  test('past max, add forgets the oldest values and reports each', () => {
    const evicted: string[] = [];
    const set = new BoundedSet<string>(2, (value) => evicted.push(value));
    set.add('a').add('b').add('c').add('d');
    assert.deepEqual([...set], ['c', 'd']);
    assert.deepEqual(evicted, ['a', 'b']);
  });

  test('a value added again becomes the newest', () => {
    const set = new BoundedSet<string>(2);
    set.add('a').add('b').add('a').add('c');
    assert.deepEqual([...set], ['a', 'c']);
    assert.ok(set instanceof Set);
  });
});
