import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createReviewStore, type ReviewStore } from '../../features/review.js';
import {
  isStaff,
  type ReportReason,
  type ReviewDecision,
  type ReviewItem,
} from '../../protocol/index.js';
import { FeatureElement } from '../internal/feature-element.js';
import { keepFocus } from '../internal/focus-keeper.js';
import { renderNotReady } from '../internal/refused.js';
import type { RoomContext } from '../internal/room-context.js';
import { LiveReviewDecideEvent } from './live-review-queue.events.js';
import { defaultReviewQueueStrings, type ReviewQueueStrings } from './live-review-queue.strings.js';
import { liveReviewQueueStyles } from './live-review-queue.styles.js';
import { LocaleController } from '../internal/locale.js';

/** Defaults of `<live-review-queue>`, in one place. */
export const LIVE_REVIEW_QUEUE_DEFAULTS = {
  /** The length of the "Time out" action on a reported message. */
  timeoutSeconds: 600,
};

type Action = ReviewDecision | 'remove' | 'timeout';

/**
 * The room's review queue for hosts and moderators, keyboard-first: the chat's held and
 * reported messages, Q&A's questions awaiting approval, and word-cloud entries and open-text
 * poll answers under review,
 * oldest first, in one list.
 *
 * The list is one tab stop (a listbox): ↑ and ↓ (Home, End) move the selection, **A** approves
 * and **R** rejects. On a reported message A keeps it (dismisses the reports) and R deletes it.
 * Enter opens the selected item's other actions (delete, time out the author), Escape goes back
 * to the list. The count is announced whenever it changes, and each decision once sent.
 *
 * Put it inside a `<live-room>` (the host console's Review tab does), or give it `server`,
 * `room` and a host's `token` itself.
 *
 * @tag live-review-queue
 * @summary One keyboard-first review queue for held messages, reports and Q&A approvals.
 *
 * @fires live-review-decide - {@link LiveReviewDecideEvent} A decision on an item. Cancelable.
 *
 * @csspart banner - The offline / reconnecting / disconnected banner.
 * @csspart loading - The state before both queues have arrived.
 * @csspart refused - Why there is no queue, when the relay refused the room.
 * @csspart hosts-only - The note shown to viewers who are not hosts or moderators.
 * @csspart count - The number of items waiting.
 * @csspart empty - The "Nothing waits for review" state.
 * @csspart list - The list of items (`role="listbox"`).
 * @csspart item - One item (also `selected` on the selected one).
 * @csspart actions - The selected item's actions, opened with Enter.
 * @csspart keys - The hint on the keys.
 *
 * @cssprop [--hubbub-color-accent=#2a5bd7] - The selected item's edge.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Item borders.
 * @cssprop [--hubbub-color-muted=#5c6270] - Why an item waits, the count, the hint.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 */
export class LiveReviewQueue extends FeatureElement<ReviewStore> {
  static override styles = liveReviewQueueStyles;

  /** Replaces some or all of the English texts. */
  @property({ attribute: false }) strings: Partial<ReviewQueueStrings> = {};
  #locale = new LocaleController<ReviewQueueStrings>(this, 'live-review-queue');

  /** The selected item, as `feature:id`. */
  @state() private selected?: string;
  /** The selected item's actions are open. */
  @state() private menuOpen = false;
  /** The last decision sent (or refused), announced once. */
  @state() private said = '';

  #text: ReviewQueueStrings = defaultReviewQueueStrings;

  /** The last item decided takes the list away: the focus goes to the queue's heading. */
  constructor() {
    super();
    keepFocus(this, () => [
      this.renderRoot.querySelector<HTMLElement>('[part="list"]'),
      this.renderRoot.querySelector<HTMLElement>('#title'),
    ]);
  }
  /** Where the selection was in the list, to keep the place when the selected item goes. */
  #index = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#text = this.#locale.texts(defaultReviewQueueStrings, this.strings);
    super.willUpdate(changed);
  }

  protected override openStore(room: RoomContext): ReviewStore {
    return createReviewStore(room.connection, room.room);
  }

  protected override watched(store: ReviewStore) {
    return [store.$items];
  }

  protected override render() {
    const t = this.#text;
    const user = this.connection?.$user.get();
    if (user && !isStaff(user)) return html`<p part="hosts-only" class="state">${t.hostsOnly}</p>`;
    const banner = this.renderBanner(t, { reason: true });
    const notReady = renderNotReady(this.store, t, !!user);
    if (notReady) return html`${banner}${notReady}`;
    const items = this.store!.$items.get();
    const selected = this.#current(items);
    return html`${banner}
      <div class="head">
        <h2 id="title" tabindex="-1">${t.title}</h2>
        <span part="count" class="count">${t.count(items.length)}</span>
      </div>
      <p class="visually-hidden" role="status">${this.said} ${t.count(items.length)}</p>
      ${
        items.length === 0
          ? html`<p part="empty" class="state">${t.empty}</p>`
          : html`<ul
              part="list"
              class="list"
              role="listbox"
              tabindex="0"
              aria-labelledby="title"
              aria-activedescendant=${selected ? itemId(selected) : nothing}
              @keydown=${this.#onKeydown}
            >
              ${items.map((item) => this.#renderItem(item, item === selected))}
            </ul>`
      }
      ${selected && this.menuOpen ? this.#renderActions(selected) : nothing}
      <p part="keys" class="keys">${t.keys}</p>`;
  }

  #renderItem(item: ReviewItem, selected: boolean) {
    const t = this.#text;
    return html`<li
      part=${selected ? 'item selected' : 'item'}
      class="item ${selected ? 'selected' : ''}"
      role="option"
      id=${itemId(item)}
      aria-selected=${selected ? 'true' : 'false'}
      @click=${() => this.#select(item)}
    >
      <div class="why">
        <span class="feature">${featureOf(t, item)}</span> ·
        ${item.context?.question ? html`<span dir="auto" class="context">${item.context.question}</span> ·` : nothing}
        <span dir="auto" class="author">${item.user.name}</span> ·
        ${item.held !== undefined ? t.held(item.held) : nothing}
        ${item.reports ? t.reports(item.reports.count, this.#reasons(item)) : nothing}
      </div>
      <p dir="auto" class="text">${item.text}</p>
      ${
        item.reports?.notes?.length
          ? html`<ul class="notes">
              ${item.reports.notes.map((note) => html`<li>${note}</li>`)}
            </ul>`
          : nothing
      }
    </li>`;
  }

  /** The selected item's actions: its decisions, and for a chat message delete and time out. */
  #renderActions(item: ReviewItem) {
    const t = this.#text;
    const actions: [Action, string][] =
      item.held !== undefined
        ? [
            ['approve', t.approve],
            ['reject', t.reject],
          ]
        : [
            ['dismiss', t.dismiss],
            ['remove', t.remove],
          ];
    if (item.feature === 'chat') actions.push(['timeout', t.timeout]);
    return html`<div
      part="actions"
      class="actions"
      role="group"
      aria-label=${t.actionsFor(item.user.name)}
      @keydown=${this.#onActionsKeydown}
    >
      ${actions.map(
        ([action, label]) =>
          html`<button type="button" data-action=${action} @click=${() => this.#act(item, action)}>
            ${label}
          </button>`,
      )}
    </div>`;
  }

  #reasons(item: ReviewItem): string {
    const reasons = Object.entries(item.reports?.reasons ?? {}) as [ReportReason, number][];
    return reasons
      .map(([reason, count]) => `${this.#text.reasons[reason]}${count > 1 ? ` ×${count}` : ''}`)
      .join(', ');
  }

  /** The selected item: the one chosen if still there, else the one now at its place. */
  #current(items: ReviewItem[]): ReviewItem | undefined {
    if (items.length === 0) return undefined;
    const at = items.findIndex((item) => keyOf(item) === this.selected);
    if (at >= 0) {
      this.#index = at;
      return items[at];
    }
    this.#index = Math.min(this.#index, items.length - 1);
    return items[this.#index];
  }

  #select(item: ReviewItem) {
    this.selected = keyOf(item);
    this.menuOpen = false;
  }

  #onKeydown(event: KeyboardEvent) {
    const items = this.store?.$items.get() ?? [];
    const item = this.#current(items);
    if (!item || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    let move = -1;
    if (key === 'ArrowDown') move = Math.min(this.#index + 1, items.length - 1);
    else if (key === 'ArrowUp') move = Math.max(this.#index - 1, 0);
    else if (key === 'Home') move = 0;
    else if (key === 'End') move = items.length - 1;
    if (move >= 0) {
      event.preventDefault();
      this.#index = move;
      this.#select(items[move]);
      return;
    }
    if (key === 'a' || key === 'r') {
      event.preventDefault();
      const held = item.held !== undefined;
      const action: Action =
        key === 'a' ? (held ? 'approve' : 'dismiss') : held ? 'reject' : 'remove';
      this.#act(item, action);
    } else if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      void this.#openActions();
    }
  }

  async #openActions() {
    this.menuOpen = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[part="actions"] button')?.focus();
  }

  #onActionsKeydown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.#backToList();
  }

  async #backToList() {
    this.menuOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="list"]')?.focus();
  }

  #act(item: ReviewItem, action: Action) {
    const store = this.store;
    if (!store) return;
    const event = new LiveReviewDecideEvent({
      feature: item.feature,
      id: item.id,
      decision: action,
    });
    if (!this.dispatchEvent(event)) return;
    const t = this.#text;
    let sent: Promise<unknown>;
    if (action === 'remove') sent = store.remove(item);
    else if (action === 'timeout') {
      sent = store.timeout(item, LIVE_REVIEW_QUEUE_DEFAULTS.timeoutSeconds);
    } else sent = store.decide(item, action);
    this.said = '';
    sent.then(
      () => (this.said = t.decided[action]),
      (error: Error) => (this.said = error.message),
    );
    // The item leaves when the relay says so; the keyboard stays on the list meanwhile.
    if (this.menuOpen && action !== 'timeout') void this.#backToList();
  }
}

const featureOf = (t: ReviewQueueStrings, item: ReviewItem) =>
  t.pollKind[item.context?.kind as keyof ReviewQueueStrings['pollKind']] ?? t.feature[item.feature];
const keyOf = (item: ReviewItem) => `${item.feature}:${item.id}`;
const itemId = (item: ReviewItem) => `item-${item.feature}-${item.id}`;

declare global {
  interface HTMLElementTagNameMap {
    'live-review-queue': LiveReviewQueue;
  }
}
