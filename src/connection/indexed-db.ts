/**
 * The stored outbox in IndexedDB (see durable-outbox.ts): one database, `hubbub-outbox`, with one
 * object store keyed by [scope, mid], where the scope is the relay list and the user. Loaded on
 * demand, in its own chunk.
 */
import {
  DURABLE_OUTBOX_DEFAULTS,
  memoryBackend,
  type Backend,
  type Row,
} from './durable-outbox.js';

/** The stored outbox on `factory`'s database; memory (and every op at risk) if it cannot open. */
export async function indexedDbBackend(factory: IDBFactory): Promise<Backend> {
  try {
    const db = await openIndexedDb(factory);
    // Another tab upgrading the database asks us to let go; later writes fall back as failed.
    db.addEventListener('versionchange', () => db.close());
    return backendOn(db);
  } catch {
    return memoryBackend(false);
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.addEventListener('success', () => resolve(req.result));
    req.addEventListener('error', () => reject(req.error ?? new Error('IndexedDB request failed')));
  });
}

function openIndexedDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(DURABLE_OUTBOX_DEFAULTS.dbName, 1);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    req.addEventListener('upgradeneeded', () => {
      req.result.createObjectStore(DURABLE_OUTBOX_DEFAULTS.storeName, {
        keyPath: ['scope', 'mid'],
      });
    });
    req.addEventListener('success', () => resolve(req.result));
    req.addEventListener('error', () => reject(req.error ?? new Error('IndexedDB unavailable')));
    req.addEventListener('blocked', () => reject(new Error('IndexedDB blocked')));
  });
}

/** Every key of one scope: `mid`s are at most 64 characters. */
function scopeRange(scope: string): IDBKeyRange {
  return IDBKeyRange.bound([scope, ''], [scope, '\uffff']);
}

/** Resolves when the transaction commits, rejects when it fails or is aborted. */
function done(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.addEventListener('complete', () => resolve());
    tx.addEventListener('error', fail);
    tx.addEventListener('abort', fail);
  });
}

function backendOn(db: IDBDatabase): Backend {
  const name = DURABLE_OUTBOX_DEFAULTS.storeName;
  return {
    async put(row) {
      const tx = db.transaction(name, 'readwrite');
      const store = tx.objectStore(name);
      const committed = done(tx);
      let fits = false;
      // Counted in the writing transaction, so several tabs of one user share the bounds; the
      // put is made in the read's own callback, while the transaction is surely active.
      const read = store.getAll(scopeRange(row.scope));
      read.addEventListener('success', () => {
        const rows = read.result as Row[];
        const bytes = rows.reduce((sum, other) => sum + (other.bytes || 0), row.bytes);
        fits =
          rows.length < DURABLE_OUTBOX_DEFAULTS.maxEntries &&
          bytes <= DURABLE_OUTBOX_DEFAULTS.maxBytes;
        if (fits) store.put(row);
      });
      await committed;
      return fits;
    },
    async delete(scope, mid) {
      const tx = db.transaction(name, 'readwrite');
      tx.objectStore(name).delete([scope, mid]);
      await done(tx);
    },
    async load(scope) {
      const tx = db.transaction(name, 'readonly');
      return (await request(tx.objectStore(name).getAll(scopeRange(scope)))) as Row[];
    },
  };
}
