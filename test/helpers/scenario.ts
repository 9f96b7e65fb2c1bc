/**
 * One run of a scenario for a describe block, so that each of its tests checks one promise:
 * the scenario plays once before the block's tests, and they read what it recorded.
 */
import { before } from 'node:test';

export function scenario<T>(play: () => Promise<T>): () => T {
  let played: { value: T } | undefined;
  before(async () => {
    played = { value: await play() };
  });
  return () => {
    if (!played) throw new Error('the scenario did not play');
    return played.value;
  };
}
