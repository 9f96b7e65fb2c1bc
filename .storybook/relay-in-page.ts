/**
 * Lets Vite bundle the relay's rooms and features (server/) for the page, so stories run the real
 * feature modules behind an in-page socket (stories/support/loopback-relay.ts). Only what they
 * reach of Node is swapped: `node:crypto` and the log for tiny page versions, and three Node
 * globals rewritten in server/ files (an unref'd timer, `setImmediate`, `Buffer.byteLength`).
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const server = fileURLToPath(new URL('../server/', import.meta.url));

const BYTE_LENGTH =
  'function byteLengthInPage(text) { return new TextEncoder().encode(text).length; }';

export function relayInPage(): Plugin {
  return {
    name: 'hubbub-relay-in-page',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'node:crypto') return here('./node/crypto.ts');
      if (importer?.startsWith(server) && /^\.\.?\/(\.\.\/)?log\.js$/.test(source)) {
        return here('./node/log.ts');
      }
      return null;
    },
    transform(code, id) {
      if (!id.startsWith(server)) return null;
      const page = code
        .replaceAll('.unref()', '.unref?.()')
        .replaceAll('setImmediate(', 'setTimeout(')
        .replaceAll('Buffer.byteLength(', 'byteLengthInPage(');
      return page === code ? null : `${page}\n${BYTE_LENGTH}`;
    },
  };
}
