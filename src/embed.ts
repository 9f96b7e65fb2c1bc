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
 */

/** A chunk of `src/embed/`: `define()` defines its element, after `<live-room>`. */
interface Chunk {
  define(): void;
}

/** Every tag, and how to load its chunk. */
const CHUNKS: Record<string, () => Promise<Chunk>> = {
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
  return Promise.all([...tags].map(loadTag)).then(() => undefined);
}

function loadTag(name: string): Promise<void> {
  const tag = name.toLowerCase();
  let done = loading.get(tag);
  if (done) return done;
  if (!Object.hasOwn(CHUNKS, tag)) return Promise.reject(new Error(`hubbub: no element <${tag}>`));
  // Another copy of the kit (a second script tag, the app build) may have defined it already.
  done = customElements.get(tag)
    ? Promise.resolve()
    : CHUNKS[tag]().then((chunk) => chunk.define());
  // A chunk that failed to download may be asked for again.
  done.catch(() => loading.delete(tag));
  loading.set(tag, done);
  return done;
}

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
        if (node instanceof Element) discover(node).catch(reportError);
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
