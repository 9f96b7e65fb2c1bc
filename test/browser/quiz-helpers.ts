/**
 * Helpers for the quiz browser tests: a quiz store of one's own (a host's, to set up a quiz
 * without the host widget), a quiz file in `<live-quiz-host>`'s file input, and ways to read and
 * drive `<live-quiz>` as a player would.
 */
import { waitUntil } from '@open-wc/testing';
import {
  createQuizStore,
  getConnection,
  releaseConnection,
  type LiveQuiz,
  type LiveQuizHost,
  type QuizQuestionInput,
  type QuizStore,
} from '../../src/index.js';
import { census } from './chat-helpers.js';
import { part, parts, textIn } from './room-helpers.js';

const WAIT = { timeout: 10_000 };

/** Everything to undo after a test (stores, connections). */
const cleanup: (() => void)[] = [];

export function releaseQuizStores(): void {
  for (const undo of cleanup.splice(0).reverse()) undo();
}

/** A quiz store on its own connection (`url` names the user), loaded. */
export async function quizStore(url: string, room: string, token: string): Promise<QuizStore> {
  const connection = getConnection(url, { token });
  const store = createQuizStore(connection, room);
  cleanup.push(
    () => releaseConnection(connection),
    () => store.destroy(),
  );
  await waitUntil(() => store.$loaded.get(), 'quiz store did not load', WAIT);
  return store;
}

/** Questions with long time limits (tests reveal by hand), the first answer B, the second A. */
export function questions(count = 2, timeLimitMs = 30_000): QuizQuestionInput[] {
  return Array.from({ length: count }, (_, i) => ({
    text: `Question number ${i + 1}?`,
    options: ['Alpha', 'Bravo', 'Charlie', 'Delta'],
    correct: i % 2 === 0 ? 1 : 0,
    timeLimitMs,
  }));
}

/** Puts a file in the host widget's file input, as a user choosing it would. */
export async function chooseFile(host: LiveQuizHost, content: string, name = 'quiz.json') {
  const input = part<HTMLInputElement>(host, 'file')!;
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Clicks a part of a widget (a button) once it is there and enabled. */
export async function clickPart(element: LiveQuizHost | LiveQuiz, name: string): Promise<void> {
  const button = () => part<HTMLButtonElement>(element, name);
  await waitUntil(
    () => button() && !button()!.disabled,
    `no enabled "${name}" in <${element.localName}>`,
    WAIT,
  );
  button()!.click();
  await element.updateComplete;
}

/** The player's answer buttons. */
export const optionButtons = (quiz: LiveQuiz) => parts<HTMLButtonElement>(quiz, 'option');

/** The answer button labelled with `letter`. */
export function option(quiz: LiveQuiz, letter: string): HTMLButtonElement {
  const found = optionButtons(quiz).find(
    (button) => button.querySelector('[part~="letter"]')?.textContent === letter,
  );
  if (!found) throw new Error(`no option ${letter}`);
  return found;
}

/** What the widget's polite live region says now. */
export const announced = (element: LiveQuiz) =>
  element.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.trim();

/** The countdown bar's share of the time left (1 → 0). */
export const timerShare = (quiz: LiveQuiz) =>
  Number(part(quiz, 'timer-bar')!.style.getPropertyValue('--_left'));

/** The standing the widget shows, and the one the relay's `me` gives. */
export function standings(quiz: LiveQuiz): { shown: string; relay: string } {
  const me = quiz.store!.$me.get();
  return {
    shown: part(quiz, 'standing')?.textContent?.trim() ?? '',
    relay: `You: ${me.score.toLocaleString('en-US')} pts · #${me.rank}`,
  };
}

/** Ops of `type` the page sent to `url`. */
export function sentOps(url: string, type: string): { mid: string; data: unknown }[] {
  return census.sent
    .filter(
      (entry) =>
        entry.url === new URL(url).href &&
        (entry.frame as { t: string; type?: string }).t === 'op' &&
        (entry.frame as { type?: string }).type === type,
    )
    .map((entry) => entry.frame as { mid: string; data: unknown });
}

export async function waitForText(element: Element, text: string): Promise<void> {
  await waitUntil(
    () => textIn(element).includes(text),
    `"${text}" never showed in <${element.localName}>`,
    WAIT,
  );
}

export async function waitForNoText(element: Element, text: string): Promise<void> {
  await waitUntil(
    () => !textIn(element).includes(text),
    `"${text}" stayed in <${element.localName}>`,
    WAIT,
  );
}
