/** The anonymous user's secret key: the relay derives the public `anon-…` id from it. */
import { randomId } from './ids.js';

/** Where the key lives in storage. */
export const ANON_KEY_ITEM = 'hubbub:anon-key';
/** 32 base64url characters: 192 random bits. */
export const ANON_KEY_LENGTH = 32;

export type KeyStorage = Pick<Storage, 'getItem' | 'setItem'>;

const memory = new Map<string, string>();
/** Fallback when there is no usable localStorage (Node, sandboxed iframes, private modes). */
export const memoryStorage: KeyStorage = {
  getItem: (key) => memory.get(key) ?? null,
  setItem: (key, value) => void memory.set(key, value),
};

function defaultStorage(): KeyStorage {
  try {
    // Reading localStorage itself throws in some sandboxed iframes.
    const storage = globalThis.localStorage;
    if (storage) return storage;
  } catch {
    // fall through
  }
  return memoryStorage;
}

/** The page's anonymous key, made and stored on first use. */
export function loadAnonKey(storage: KeyStorage = defaultStorage()): string {
  try {
    const stored = storage.getItem(ANON_KEY_ITEM);
    if (stored && stored.length >= 16) return stored;
  } catch {
    // unreadable storage: a fresh key for this page view
  }
  const key = randomId(ANON_KEY_LENGTH);
  try {
    storage.setItem(ANON_KEY_ITEM, key);
  } catch {
    // full or forbidden storage: the key lasts as long as the page
  }
  return key;
}
