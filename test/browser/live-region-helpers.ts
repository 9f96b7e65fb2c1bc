/**
 * Counts what screen readers would be told: every live region (`aria-live` other than `off`,
 * `role="status"`, `"alert"` or `"log"`) under a root, shadow roots included, and each time one
 * of them comes to say a text that matches. A region that appears already saying it counts too.
 */

export interface Announcements {
  /** Each text said, in order, by a live region, with the region that said it. */
  readonly said: { text: string; region: Element }[];
  stop(): void;
}

const read = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();

function isLive(element: Element): boolean {
  const live = element.getAttribute('aria-live');
  const role = element.getAttribute('role');
  if (live === 'off') return false;
  return live !== null || role === 'status' || role === 'alert' || role === 'log';
}

/** The root and every shadow root inside it. */
function rootsOf(root: Element | Document): Array<Element | Document | ShadowRoot> {
  const roots: Array<Element | Document | ShadowRoot> = [root];
  const visit = (node: ParentNode) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.shadowRoot) {
        roots.push(element.shadowRoot);
        visit(element.shadowRoot);
      }
    }
  };
  if (root instanceof Element && root.shadowRoot) {
    roots.push(root.shadowRoot);
    visit(root.shadowRoot);
  }
  visit(root);
  return roots;
}

/** Records every announcement matching `text` under `root` (default: the page) from now on. */
export function recordAnnouncements(
  text: RegExp,
  root: Element | Document = document,
): Announcements {
  const last = new Map<Element, string>();
  const said: { text: string; region: Element }[] = [];
  const roots = rootsOf(root);
  const scan = (first = false) => {
    for (const tree of roots) {
      for (const region of tree.querySelectorAll('*')) {
        if (!isLive(region)) continue;
        const now = read(region);
        if (!first && now !== (last.get(region) ?? '') && now && text.test(now)) {
          said.push({ text: now, region });
        }
        last.set(region, now);
      }
    }
  };
  scan(true);
  // Every change is seen: the observer calls back after each batch of DOM changes.
  const observer = new MutationObserver(() => scan());
  for (const tree of roots) {
    observer.observe(tree, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  }
  return { said, stop: () => observer.disconnect() };
}
