/**
 * Helpers for the `<live-qa>` browser tests: a room with one widget per user, and ways to read
 * and drive the widget as a user would (room-helpers.ts has the generic ones).
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElements, type LiveQa } from '../../src/index.js';
import { uniqueRoom, type RelayInfo } from './chat-helpers.js';
import { part, rootOf, widgetsLoaded } from './room-helpers.js';

export type Person = keyof RelayInfo['tokens'];

const WAIT = { timeout: 10_000 };

defineElements();

/**
 * One `<live-qa id=PERSON>` per person in a new room, each on its own URL of the relay (one
 * connection per URL, so one user each), loaded.
 */
export async function qaRoom<P extends Person>(
  relay: RelayInfo,
  people: P[],
): Promise<Record<P, LiveQa>> {
  const room = uniqueRoom();
  const page = await fixture<HTMLElement>(
    html`<div>
      ${people.map(
        (person) =>
          html`<live-qa
            id=${person}
            server=${`${relay.url}?as=${person}-${room}`}
            room=${room}
            token=${relay.tokens[person]}
          ></live-qa>`,
      )}
    </div>`,
  );
  const widgets = Object.fromEntries(
    people.map((person) => [person, page.querySelector<LiveQa>(`#${person}`)!]),
  ) as Record<P, LiveQa>;
  await widgetsLoaded(...Object.values<LiveQa>(widgets));
  return widgets;
}

export function input(qa: LiveQa): HTMLTextAreaElement {
  return part<HTMLTextAreaElement>(qa, 'input')!;
}

/** Types `text` with the real keyboard and presses Enter. */
export async function askWithKeyboard(qa: LiveQa, text: string): Promise<void> {
  input(qa).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
  await qa.updateComplete;
}

/** Sets the ask box's text at once (for long texts) and lets the element see the input event. */
export async function fill(qa: LiveQa, text: string): Promise<void> {
  const field = input(qa);
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await qa.updateComplete;
}

/** The texts of the questions in a section (`list`, `now`, `answered`, `queue`), top to bottom. */
export function texts(qa: LiveQa, section = 'list'): string[] {
  return [
    ...rootOf(qa).querySelectorAll(`[part~="${section}"] [part~="question"] [part~="text"]`),
  ].map((element) => element.textContent ?? '');
}

/** The question showing `text` in a section. */
export function item(qa: LiveQa, text: string, section = 'list'): HTMLElement {
  const found = [
    ...rootOf(qa).querySelectorAll<HTMLElement>(`[part~="${section}"] [part~="question"]`),
  ].find((element) => element.querySelector('[part~="text"]')?.textContent === text);
  if (!found) throw new Error(`no question "${text}" in ${section} of #${qa.id}`);
  return found;
}

export function button(element: HTMLElement, action: string): HTMLButtonElement {
  const found = element.querySelector<HTMLButtonElement>(`[data-action="${action}"]`);
  if (!found) throw new Error(`no ${action} button`);
  return found;
}

export async function waitForTexts(qa: LiveQa, expected: string[], section = 'list') {
  await waitUntil(
    () => JSON.stringify(texts(qa, section)) === JSON.stringify(expected),
    `#${qa.id} ${section} never showed ${JSON.stringify(expected)} (shows ${JSON.stringify(texts(qa, section))})`,
    WAIT,
  );
}
