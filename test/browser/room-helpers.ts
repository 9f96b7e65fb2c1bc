/**
 * Helpers for the browser tests of any widget (chat-helpers.ts has the chat's): read a widget's
 * shadow root, wait for its store and its text, and watch a container's children over time.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { LiveRoom } from '../../src/index.js';
import type { ReadableAtom } from 'nanostores';

/** A widget with a store that says when it has loaded. */
interface Widget extends HTMLElement {
  store?: { $loaded: ReadableAtom<boolean> };
  updateComplete: Promise<boolean>;
}

export function rootOf(element: Element): ShadowRoot {
  return element.shadowRoot!;
}

/**
 * A `<live-room>` of `url` and `room` with the six viewer widgets inside (chat, presence, poll,
 * Q&A, quiz, reactions), each loaded.
 */
export async function sixWidgetRoom(url: string, room: string) {
  const page = await fixture<LiveRoom>(
    html`<live-room server=${url} room=${room}>
      <live-chat></live-chat>
      <presence-bar></presence-bar>
      <live-poll></live-poll>
      <live-qa></live-qa>
      <live-quiz></live-quiz>
      <live-reactions></live-reactions>
    </live-room>`,
  );
  const widgets = [...page.children] as Widget[];
  await widgetsLoaded(...widgets);
  await page.updateComplete;
  return { page, widgets };
}

/** The widget's text, whitespace collapsed. */
export function textIn(element: Element): string {
  return (rootOf(element).textContent ?? '').replace(/\s+/g, ' ');
}

export function part<E extends Element = HTMLElement>(element: Element, name: string): E | null {
  return rootOf(element).querySelector<E>(`[part~="${name}"]`);
}

export function parts<E extends Element = HTMLElement>(element: Element, name: string): E[] {
  return [...rootOf(element).querySelectorAll<E>(`[part~="${name}"]`)];
}

export async function widgetsLoaded(...widgets: Widget[]): Promise<void> {
  await waitUntil(() => widgets.every((widget) => widget.store?.$loaded.get()), 'not loaded', {
    timeout: 10_000,
  });
  await Promise.all(widgets.map((widget) => widget.updateComplete));
}

export async function waitForTextIn(element: Element, text: string): Promise<void> {
  await waitUntil(() => textIn(element).includes(text), `"${text}" never showed`, {
    timeout: 10_000,
  });
}

/** Counts what goes on in `container`'s children: the most at once, and every one added. */
export interface ChildWatch {
  readonly most: number;
  readonly added: number;
  stop(): void;
}

export function watchChildren(container: Element): ChildWatch {
  let now = container.childElementCount;
  const watch = { most: now, added: 0 };
  // Replays every change in order, so a peak within one task is seen too.
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.removedNodes) if (node instanceof Element) now--;
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        now++;
        watch.added++;
        watch.most = Math.max(watch.most, now);
      }
    }
  });
  observer.observe(container, { childList: true });
  return {
    get most() {
      return watch.most;
    },
    get added() {
      return watch.added;
    },
    stop: () => observer.disconnect(),
  };
}
