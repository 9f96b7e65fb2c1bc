/**
 * A Vite plugin for the script-tag entry (src/embed.ts): each chunk's loader there,
 * `() => import('./embed/live-chat.js')`, becomes `(query) => import('./chunks/live-chat-….js' +
 * query)` in the built entry. The browser keeps a module import that failed for its URL (importing
 * the same URL again fails at once, without asking the server), so the loader asks again for a
 * chunk that failed to download under a URL of its own (`?retry=N`). Only that chunk's URL
 * changes: the modules it imports are the ones the page has already, or, if one of those is the
 * one that failed, stays failed until a reload.
 */
const CHUNK_IMPORT = /\(\)\s*=>\s*import\(((["`])\.\/chunks\/[^"`]+\2)\)/g;

export function retryableImports() {
  return {
    name: 'hubbub-retryable-imports',
    renderChunk(code, chunk) {
      if (!chunk.isEntry || !/src[\\/]embed\.ts$/.test(chunk.facadeModuleId ?? '')) return null;
      const retryable = code.replace(CHUNK_IMPORT, '(query) => import($1 + query)');
      // Without it a failed chunk would be "retried" under the same URL: failing at once, forever.
      if (retryable === code) this.error('retryable-imports: no chunk import found in the entry');
      return retryable;
    },
  };
}
