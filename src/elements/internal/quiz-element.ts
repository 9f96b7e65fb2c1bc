import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Connection } from '../../connection/index.js';
import {
  createCountdown,
  createQuizStore,
  type QuizCountdown,
  type QuizStore,
} from '../../features/quiz.js';
import { RoomController } from './room-controller.js';
import { StoreController } from './store-controller.js';

/** Connection states in which a quiz widget cannot send: answers and host controls pause. */
export const QUIZ_PAUSED_WHEN: readonly string[] = ['offline', 'reconnecting', 'closed'];

/**
 * What `<live-quiz>`, `<live-leaderboard>` and `<live-quiz-host>` share: the room they talk to
 * (their own `server` and `room`, or the surrounding `<live-room>`'s), its quiz store and, for
 * the widgets that show time, the countdown on the relay's clock; opened and released with the
 * element, re-rendering it on every change.
 */
export class QuizElement extends LitElement {
  /**
   * Relay URL, or several of one service separated by spaces; only needed outside a
   * `<live-room>` (it wins over the room's when set).
   */
  @property() server?: string;

  /** Room id; only needed outside a `<live-room>` (it wins over the room's when set). */
  @property() room?: string;

  /** JWT for `server`; only used with the element's own `server`. */
  @property() token?: string;

  /** Display name of an anonymous viewer; only used with the element's own `server`. */
  @property({ attribute: 'anon-name' }) anonName?: string;

  /** Subclasses that show time left set this: the countdown ticks (and re-renders) only then. */
  protected get withCountdown(): boolean {
    return false;
  }

  #room = new RoomController(this);
  #stores = new StoreController(this);
  #store?: QuizStore;
  #countdown?: QuizCountdown;

  /** The quiz store this element shows, once it knows its room. */
  get store(): QuizStore | undefined {
    return this.#store;
  }

  /** The shared connection, once the element knows its room. */
  protected get connection(): Connection | undefined {
    return this.#room.current?.connection;
  }

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

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate(); // opens the store again after a move in the DOM
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#closeStore();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#room.resolve(changed.has('token')) || (!this.#store && this.#room.current)) {
      this.#closeStore();
      this.#openStore();
    }
  }

  #openStore() {
    const room = this.#room.current;
    if (!room) return;
    const store = (this.#store = createQuizStore(room.connection, room.room));
    this.#countdown = this.withCountdown ? createCountdown(store, room.connection) : undefined;
    this.#stores.watch([
      room.connection.$status,
      room.connection.$user,
      store.$phase,
      store.$question,
      store.$result,
      store.$leaderboard,
      store.$me,
      store.$myAnswer,
      store.$accessible,
      store.$count,
      store.$answeredCount,
      store.$questions,
      store.$loaded,
      store.$refused,
      ...(this.#countdown ? [this.#countdown.$remainingMs] : []),
    ]);
  }

  #closeStore() {
    this.#countdown?.destroy();
    this.#countdown = undefined;
    this.#store?.destroy();
    this.#store = undefined;
    this.#stores.watch([]);
  }
}
