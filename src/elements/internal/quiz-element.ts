import type { ReadableAtom } from 'nanostores';
import {
  createCountdown,
  createQuizStore,
  type QuizCountdown,
  type QuizStore,
} from '../../features/quiz.js';
import { FeatureElement } from './feature-element.js';
import type { RoomContext } from './room-context.js';

/** Connection states in which a quiz widget cannot send: answers and host controls pause. */
export const QUIZ_PAUSED_WHEN: readonly string[] = ['offline', 'reconnecting', 'closed'];

/**
 * What `<live-quiz>`, `<live-leaderboard>` and `<live-quiz-host>` share: the room's quiz store
 * and, for the widgets that show time, the countdown on the relay's clock; opened and released
 * with the element, re-rendering it on every change.
 */
export class QuizElement extends FeatureElement<QuizStore> {
  /** Subclasses that show time left set this: the countdown ticks (and re-renders) only then. */
  protected get withCountdown(): boolean {
    return false;
  }

  #countdown?: QuizCountdown;

  /** Milliseconds left on the open question (relay clock); 0 without a countdown. */
  protected get remainingMs(): number {
    return this.#countdown?.$remainingMs.get() ?? 0;
  }

  /** No connection to send on: offline, reconnecting or closed. */
  protected get paused(): boolean {
    return QUIZ_PAUSED_WHEN.includes(this.connection?.$status.get() ?? 'idle');
  }

  /** The relay's time now, or the page's before the element knows its room. */
  protected serverNow(): number {
    return this.connection?.serverNow() ?? Date.now();
  }

  protected override openStore(room: RoomContext): QuizStore {
    const store = createQuizStore(room.connection, room.room);
    this.#countdown = this.withCountdown ? createCountdown(store, room.connection) : undefined;
    return store;
  }

  protected override watched(store: QuizStore): ReadableAtom<unknown>[] {
    return [
      store.$phase,
      store.$question,
      store.$result,
      store.$leaderboard,
      store.$me,
      store.$myAnswer,
      store.$restoredError,
      store.$accessible,
      store.$count,
      store.$answeredCount,
      store.$questions,
      ...(this.#countdown ? [this.#countdown.$remainingMs] : []),
    ];
  }

  protected override storeClosing(): void {
    this.#countdown?.destroy();
    this.#countdown = undefined;
  }
}
