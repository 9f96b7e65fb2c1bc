/**
 * The script-tag entry (`dist/hubbub.js`): a small loader that knows every tag and defines an
 * element when its tag shows up in the document, by importing that element's chunk (`src/embed/`,
 * built into `dist/chunks/` and fetched relative to this file). A page with only a chat never
 * downloads the quiz. Safe to load twice, and beside the app build: an element already defined
 * (by either) is left alone.
 *
 * ```html
 * <script type="module" src="https://cdn.example/hubbub.js"></script>
 * <live-room server="wss://relay.example/live" room="stream-42"><live-chat></live-chat></live-room>
 * ```
 *
 * Widgets that the page puts inside its own shadow roots are not seen by the observer: load them
 * with `load(['live-chat'])`.
 *
 * A chunk that fails to download (a flaky network, a CDN hiccup, a server restarting) is asked
 * for again with backoff; if it still fails, its elements fire `live-error` and the console says so
 * once. Adding the tag again, or `load()`, asks again.
 */

/** A chunk of `src/embed/`: `define()` defines its element, after `<live-room>`. */
interface Chunk {
  define(): void;
}

/**
 * How a chunk that failed to download is asked for again: `RETRY_ATTEMPTS` in all, the waits
 * doubling from `RETRY_FIRST_MS` (1, 2, 4, 8 s), each shortened by up to half at random so that
 * the pages a CDN hiccup hit do not all come back at once: 8 to 15 s before giving up. Constants,
 * not an object: the minifier inlines them, and every byte of this file is on every page.
 */
const RETRY_ATTEMPTS = 5;
const RETRY_FIRST_MS = 1_000;

/**
 * Every tag, and how to load its chunk. The build adds the `query` to each chunk's URL
 * (scripts/retryable-imports.mjs): the browser keeps a failed module import for its URL, so a
 * retry must ask for another one. Unbuilt (tests of the sources) the query is ignored.
 */
const CHUNKS: Record<string, (query?: string) => Promise<Chunk>> = {
  'live-room': () => import('./embed/live-room.js'),
  'live-chat': () => import('./embed/live-chat.js'),
  'presence-bar': () => import('./embed/presence-bar.js'),
  'live-reactions': () => import('./embed/live-reactions.js'),
  'live-poll': () => import('./embed/live-poll.js'),
  'live-poll-editor': () => import('./embed/live-poll-editor.js'),
  'live-qa': () => import('./embed/live-qa.js'),
  'live-quiz': () => import('./embed/live-quiz.js'),
  'live-leaderboard': () => import('./embed/live-leaderboard.js'),
  'live-quiz-host': () => import('./embed/live-quiz-host.js'),
  'live-chat-moderation': () => import('./embed/live-chat-moderation.js'),
  'live-review-queue': () => import('./embed/live-review-queue.js'),
  'live-host-console': () => import('./embed/live-host-console.js'),
};

const SELECTOR = Object.keys(CHUNKS).join(',');
const loading = new Map<string, Promise<void>>();

/**
 * Defines the elements named (e.g. `['live-chat']`) and resolves once they are all defined.
 * Needed only for tags the document observer cannot see: inside the page's own shadow roots.
 */
export function load(tags: Iterable<string>): Promise<void> {
  return Promise.all([...tags].map(loadTag)).then(ignore);
}

function loadTag(name: string): Promise<void> {
  const tag = name.toLowerCase();
  let done = loading.get(tag);
  if (done) return done;
  if (!Object.hasOwn(CHUNKS, tag)) return Promise.reject(new Error(`hubbub: no element <${tag}>`));
  // Another copy of the kit (a second script tag, the app build) may have defined it already.
  done = customElements.get(tag)
    ? Promise.resolve()
    : importChunk(tag).then((chunk) => chunk.define());
  // A chunk that gave up may be asked for again (the tag added again, or `load()`).
  done.catch(() => loading.delete(tag));
  loading.set(tag, done);
  return done;
}

/** Retries so far in this page: each asks for a URL of its own. */
let retries = 0;

/** Imports the chunk of `tag`, asking for it again with backoff while it fails to download. */
function importChunk(tag: string, attempt = 1): Promise<Chunk> {
  return CHUNKS[tag](attempt > 1 ? `?retry=${++retries}` : '').catch((error: unknown) => {
    if (attempt === RETRY_ATTEMPTS) throw giveUp(tag, error);
    const backoff = RETRY_FIRST_MS * 2 ** (attempt - 1) * (1 - Math.random() / 2);
    return new Promise((wait) => setTimeout(wait, backoff)).then(() =>
      importChunk(tag, attempt + 1),
    );
  });
}

/**
 * Tells the page that `tag` stays undefined: by `live-error` on each of its elements in the
 * document, and in the console once. Returns `error`, for the caller to throw.
 */
function giveUp(tag: string, error: unknown): unknown {
  const message = `could not download <${tag}>`;
  console.error(`hubbub: ${message}`, error);
  for (const element of document.querySelectorAll(tag)) {
    const detail = { code: 'internal', message };
    element.dispatchEvent(new CustomEvent('live-error', { detail, bubbles: true, composed: true }));
  }
  return error;
}

/** Does nothing: the value of `load()`, and the failures that giveUp has told already. */
function ignore(): void {}

/** Loads every Hubbub tag in `root` (itself included). */
function discover(root: Element | Document): Promise<void> {
  const tags = new Set<string>();
  if (root instanceof Element && root.matches(SELECTOR)) tags.add(root.localName);
  for (const element of root.querySelectorAll(SELECTOR)) tags.add(element.localName);
  return load(tags);
}

/** Without a DOM (server rendering, tests in Node) the loader watches nothing and loads nothing. */
const hasDom = typeof document !== 'undefined' && typeof MutationObserver !== 'undefined';

if (hasDom) {
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        // A chunk that gave up has said so already (giveUp).
        if (node instanceof Element) discover(node).catch(ignore);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/**
 * Resolves once every Hubbub element in the document when this module ran is defined (module
 * scripts run after the HTML is parsed, so that is every element of the markup). Without a DOM it
 * resolves at once.
 */
export const ready: Promise<void> = hasDom ? discover(document) : Promise.resolve();
// Not an unhandled rejection too, where the page does not wait for it: giveUp has said so.
ready.catch(ignore);
