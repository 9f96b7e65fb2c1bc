/** Helpers for play functions: find a widget and act on it the way a user would. */
import type { LiveChat } from '../../src/elements/live-chat/live-chat.js';

export const chatIn = (root: HTMLElement) => widgetIn(root, 'live-chat');

/** Types `text` into the widget's text box (a chat message, a question) and presses Enter. */
export async function typeAndSend(
  widget: HTMLElement & { updateComplete: Promise<unknown> },
  text: string,
): Promise<void> {
  const input = widget.shadowRoot!.querySelector('textarea')!;
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await widget.updateComplete;
  input.dispatchEvent(
    new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
  );
  await widget.updateComplete;
}

/** Clicks a message's action button (`reply`, `delete`, `pin`, ...). */
export async function clickAction(
  chat: LiveChat,
  messageId: string,
  action: string,
): Promise<void> {
  const button = chat.shadowRoot!.querySelector<HTMLButtonElement>(
    `[data-id="${messageId}"] [data-action="${action}"]`,
  );
  if (!button) throw new Error(`no ${action} button on ${messageId}`);
  button.click();
  await chat.updateComplete;
}

export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting in a play function');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Tag = keyof HTMLElementTagNameMap;

/** Whether a widget's store has its first snapshot. */
const loaded = (element: Element) =>
  (element as { store?: { $loaded: { get(): boolean } } }).store?.$loaded.get() === true;

/** A `ready` for a widget without a store: once `selector` is in its shadow root. */
export const shows = (selector: string) => (element: Element) =>
  element.shadowRoot?.querySelector(selector) != null;

/** The story's `tag` element once `ready` holds for it (by default: its store has loaded). */
export async function widgetIn<K extends Tag>(
  root: HTMLElement,
  tag: K,
  ready: (element: HTMLElementTagNameMap[K]) => boolean = loaded,
): Promise<HTMLElementTagNameMap[K]> {
  const element = root.querySelector(tag);
  if (!element) throw new Error(`no <${tag}> in the story`);
  await until(() => ready(element));
  await (element as { updateComplete?: Promise<unknown> }).updateComplete;
  return element;
}
