/**
 * Helpers for the poll browser tests: a host's poll store to set up polls without the editor,
 * and ways to read and drive `<live-poll>` and `<live-poll-editor>` as a user would.
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createPollStore,
  getConnection,
  releaseConnection,
  type Connection,
  type LivePoll,
  type LivePollEditor,
  type PollInput,
  type PollStore,
} from '../../src/index.js';

type PollWidget = LivePoll | LivePollEditor;

const WAIT = { timeout: 10_000 };

/** Everything to undo after a test (stores, connections). */
const cleanup: (() => void)[] = [];

export function releasePollStores(): void {
  for (const undo of cleanup.splice(0).reverse()) undo();
}

/** A poll store on its own connection (`url` names the user), loaded. */
export async function pollStore(url: string, room: string, token: string): Promise<PollStore> {
  const connection: Connection = getConnection(url, { token });
  const store = createPollStore(connection, room);
  cleanup.push(
    () => releaseConnection(connection),
    () => store.destroy(),
  );
  await waitUntil(() => store.$loaded.get(), 'poll store did not load', WAIT);
  return store;
}

/** Creates a poll with `store` (a host's) and opens it; resolves with its id. */
export async function openPoll(store: PollStore, input: PollInput): Promise<string> {
  const pollId = await store.create(input);
  await store.open(pollId);
  return pollId;
}

export function shadowOf(element: PollWidget): ShadowRoot {
  return element.shadowRoot!;
}

export function textIn(element: PollWidget): string {
  return (shadowOf(element).textContent ?? '').replace(/\s+/g, ' ');
}

export function part<T extends HTMLElement = HTMLElement>(element: PollWidget, name: string): T {
  const found = shadowOf(element).querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part "${name}" in <${element.localName}>`);
  return found;
}

export function parts<T extends HTMLElement = HTMLElement>(element: PollWidget, name: string): T[] {
  return [...shadowOf(element).querySelectorAll<T>(`[part~="${name}"]`)];
}

export async function pollsLoaded(...elements: PollWidget[]): Promise<void> {
  await waitUntil(
    () => elements.every((element) => element.store?.$loaded.get()),
    'no polls',
    WAIT,
  );
  await Promise.all(elements.map((element) => element.updateComplete));
}

export async function waitForText(element: PollWidget, text: string): Promise<void> {
  await waitUntil(() => textIn(element).includes(text), `"${text}" never showed`, WAIT);
}

/**
 * The numbers shown for one option (or word), e.g. "50% · 1 vote": the visible text of a bar or
 * a legend line, or the screen-reader text of a word in the cloud.
 */
export function resultText(
  element: PollWidget,
  label: string,
  scope?: HTMLElement,
): string | undefined {
  const root = scope ?? shadowOf(element);
  const row = [...root.querySelectorAll('[part~="result"]')].find(
    (result) => result.querySelector('[part~="option"]')?.textContent === label,
  );
  if (!row) return undefined;
  const numbers =
    row.querySelector('[part~="result-text"]') ?? row.querySelector('.visually-hidden');
  return numbers?.textContent?.replace(/^: /, '').trim();
}

export async function waitForResult(
  element: PollWidget,
  label: string,
  expected: string,
  scope?: () => HTMLElement,
): Promise<void> {
  await waitUntil(
    () => resultText(element, label, scope?.()) === expected,
    `"${label}" never showed "${expected}" (shows "${resultText(element, label, scope?.())}")`,
    WAIT,
  );
}

/** Presses keys one after another with the real keyboard. */
export async function press(...keys: string[]): Promise<void> {
  for (const key of keys) await sendKeys({ press: key });
}

/** Types into `field` with the real keyboard. */
export async function typeInto(field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await sendKeys({ type: text });
}

/** Sets a field's value at once (for long texts) and lets the element see the input event. */
export async function fillField(
  element: PollWidget,
  field: HTMLInputElement | HTMLTextAreaElement,
  text: string,
) {
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

/** The editor's list item of the poll asking `question`. */
export function listItem(editor: LivePollEditor, question: string): HTMLElement | undefined {
  return parts(editor, 'item').find(
    (item) => item.querySelector('[part~="poll-question"]')?.textContent === question,
  );
}

/** The element focused inside `element`'s shadow root. */
export function focused(element: PollWidget): HTMLElement | null {
  return shadowOf(element).activeElement as HTMLElement | null;
}

const describeElement = (element: Element | null) =>
  element
    ? `<${element.localName} part="${element.getAttribute('part') ?? ''}"> "${(element.textContent ?? '').trim().slice(0, 40)}"`
    : 'nothing';

/** Fails unless `target` has the focus inside `element` (chai's diff of DOM nodes can hang). */
export function expectFocusOn(element: PollWidget, target: Element | null | undefined): void {
  const active = focused(element);
  if (!target || active !== target) {
    throw new Error(
      `focus is on ${describeElement(active)}, not on ${describeElement(target ?? null)}`,
    );
  }
}
