import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  createReactionsStore,
  type ReactionBurst,
  type ReactionsStore,
} from '../../features/reactions.js';
import { isStaff } from '../../protocol/index.js';
import { LiveReactEvent } from './live-reactions.events.js';
import {
  emojisError,
  FloatingLayer,
  floatsFor,
  parseEmojis,
  renderEditor,
} from './live-reactions.parts.js';
import { defaultReactionsStrings, type ReactionsStrings } from './live-reactions.strings.js';
import { liveReactionsStyles } from './live-reactions.styles.js';
import { bannerText } from '../internal/banner.js';
import { FeatureElement } from '../internal/feature-element.js';
import { countAttribute } from '../internal/count-attribute.js';
import type { RoomContext } from '../internal/room-context.js';
import { renderRefused } from '../internal/refused.js';
import { formats, LocaleController } from '../internal/locale.js';

/** Defaults of `<live-reactions>`, in one place. */
export const LIVE_REACTIONS_DEFAULTS = {
  /** Most floating emojis in the DOM at once; at the cap new ones wait (own clicks evict). */
  maxFloating: 40,
  /**
   * With reduced motion: how long (ms) a button shows its "+N" after the last reaction it
   * counts; the reactions that arrive meanwhile add to it.
   */
  badgeMs: 1_500,
  /**
   * My own clicks are animated at once; the relay's next burst counts them again, so they are
   * taken out of the burst's animation. A click not seen in a burst within this time (ms) is
   * forgotten.
   */
  ownTapMs: 2_000,
} as const;

const compact = formats((lang) => new Intl.NumberFormat(lang, { notation: 'compact' }));
const reducedMotionQuery = '(prefers-reduced-motion: reduce)';

/**
 * A row of emoji buttons for the room's reactions, with the room's reactions floating up over
 * the container: each burst of the relay gets a number of floating emojis that grows with the
 * logarithm of its size, under a hard cap. With reduced motion nothing floats: the buttons pulse
 * and show a count instead. Hosts and moderators can edit the room's emojis. Put it inside a
 * `<live-room>`, or give it `server` and `room` itself.
 *
 * The overlay does not take the pointer; it sits on the element's bottom edge and rises
 * `--hubbub-reactions-overlay-height` above it, over whatever is there (the video, say), so give
 * the element room above it or put it at the bottom of the player.
 *
 * @tag live-reactions
 * @summary Emoji reaction buttons with floating emojis scaled to the room's bursts.
 *
 * @fires live-react - {@link LiveReactEvent} The user reacts. Cancelable.
 *
 * @csspart row - The buttons, the status and the host's edit button.
 * @csspart buttons - The group of emoji buttons.
 * @csspart button - One emoji button (also `pulse` while it shows a reduced-motion badge).
 * @csspart badge - The "+N" on a button, with reduced motion.
 * @csspart status - The offline / reconnecting / disconnected note.
 * @csspart refused - Why the relay refused the reactions or dropped them (e.g. a room for
 *   signed-in users only), in place of the status; the buttons are unavailable (`aria-disabled`).
 * @csspart overlay - The layer the emojis float in (`pointer-events: none`).
 * @csspart floating - One floating emoji.
 * @csspart edit - The host's "Edit emojis" button.
 * @csspart editor - The host's editor form.
 * @csspart editor-input - The editor's field.
 * @csspart save - The editor's save button.
 * @csspart error - Why the editor's emojis were refused.
 *
 * @cssprop [--hubbub-reactions-overlay-height=16rem] - How high emojis float, from the element's bottom edge.
 * @cssprop [--hubbub-reactions-button-size=1.3em] - Font size of the emoji buttons.
 * @cssprop [--hubbub-reactions-float-size=1.8em] - Font size of the floating emojis.
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Secondary text (the editor's hint).
 * @cssprop [--hubbub-color-bg=#ffffff] - Background of the editor's field.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - Background of the emoji buttons.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - Pulse, badge and the edit button.
 * @cssprop [--hubbub-color-on-accent=#ffffff] - Text on the accent color.
 * @cssprop [--hubbub-color-danger=#b3261e] - Editor errors.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Background of the offline note.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 */
export class LiveReactions extends FeatureElement<ReactionsStore> {
  static override styles = liveReactionsStyles;

  /** Most floating emojis in the DOM at once (0: none). */
  @property({
    attribute: 'max-floating',
    converter: countAttribute(LIVE_REACTIONS_DEFAULTS.maxFloating),
  })
  maxFloating: number = LIVE_REACTIONS_DEFAULTS.maxFloating;

  /**
   * Behave as with `prefers-reduced-motion: reduce` whatever the system says: no floating
   * emojis, a pulse and a count on the buttons instead.
   */
  @property({ type: Boolean, attribute: 'reduced-motion' }) reducedMotion = false;

  /** Replaces some or all of the English texts, e.g. `{ editEmojis: 'Emojis ändern' }`. */
  @property({ attribute: false }) strings: Partial<ReactionsStrings> = {};
  #locale = new LocaleController<ReactionsStrings>(this, 'live-reactions');

  /** Reduced motion: emoji → the "+N" its button shows now. */
  @state() private badges: Readonly<Record<string, number>> = {};
  @state() private editing = false;
  @state() private draft = '';
  @state() private editError = '';
  @state() private saving = false;

  // Plain look-ups rather than `@query`: no page then loads the decorator for them.
  private get overlay(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('.overlay') ?? null;
  }

  private get editButton(): HTMLButtonElement | null {
    return this.renderRoot?.querySelector<HTMLButtonElement>('.edit') ?? null;
  }

  #unlistenBursts?: () => void;
  #text: ReactionsStrings = defaultReactionsStrings;
  #floating = new FloatingLayer();
  /** Emoji → client times of my clicks not yet seen in a burst, oldest first. */
  #ownTaps = new Map<string, number[]>();
  #badgeTimers = new Map<string, ReturnType<typeof setTimeout>>();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#floating.clear();
    for (const timer of this.#badgeTimers.values()) clearTimeout(timer);
    this.#badgeTimers.clear();
    this.badges = {};
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#text = this.#locale.texts(defaultReactionsStrings, this.strings);
    super.willUpdate(changed);
    if (this.editing && !this.#isStaff()) this.editing = false;
  }

  protected override render() {
    const t = this.#text;
    const store = this.store;
    const emojis = store?.$emojis.get() ?? [];
    const ready = this.#canReact();
    return html`<div part="overlay" class="overlay" aria-hidden="true"></div>
      <div part="row" class="row">
        <div
          part="buttons"
          class="buttons"
          role="group"
          aria-label=${t.group}
          aria-busy=${store?.$loaded.get() ? 'false' : 'true'}
        >
          ${repeat(
            emojis,
            (emoji) => emoji,
            (emoji) => this.#renderButton(emoji, ready),
          )}
        </div>
        ${this.#renderStatus()}
        ${
          this.#isStaff()
            ? html`<button
                part="edit"
                class="edit"
                type="button"
                aria-expanded=${this.editing ? 'true' : 'false'}
                aria-controls=${this.editing ? 'editor' : nothing}
                @click=${this.#toggleEditor}
              >
                ${t.editEmojis}
              </button>`
            : nothing
        }
      </div>
      ${this.editing ? this.#renderEditor() : nothing}`;
  }

  // ------------------------------------------------------------------ parts of the view

  #renderButton(emoji: string, ready: boolean) {
    const badge = this.badges[emoji];
    return html`<button
      part=${badge ? 'button pulse' : 'button'}
      class="emoji ${badge ? 'pulse' : ''}"
      type="button"
      data-emoji=${emoji}
      aria-label=${
        // The name holds the visible "+N" too (WCAG 2.5.3: say what you see to voice control).
        badge
          ? `${this.#text.reactWith(emoji)} +${compact(this.#locale.lang).format(badge)}`
          : this.#text.reactWith(emoji)
      }
      aria-disabled=${ready ? 'false' : 'true'}
      @click=${() => this.#react(emoji)}
    >
      <span aria-hidden="true">${emoji}</span>
      ${badge ? html`<span part="badge" class="badge">+${compact(this.#locale.lang).format(badge)}</span>` : nothing}
    </button>`;
  }

  #renderStatus() {
    const connection = this.connection;
    const t = this.#text;
    const refused = this.store?.$refused.get();
    if (refused) return renderRefused(t.refused(refused.message, refused.code, refused.details));
    const text = bannerText(connection, t, { reason: true });
    if (!text) return nothing;
    const role = this.announces ? 'status' : nothing;
    return html`<p part="status" class="status" role=${role}>${text}</p>`;
  }

  #renderEditor() {
    return renderEditor({
      t: this.#text,
      draft: this.draft,
      error: this.editError,
      saving: this.saving,
      input: (value) => {
        this.draft = value;
        this.editError = '';
      },
      save: () => this.#saveEmojis(),
      cancel: () => this.#closeEditor(),
    });
  }

  // ------------------------------------------------------------------ reacting

  #react(emoji: string) {
    const store = this.store;
    if (!store || !this.#canReact()) return;
    if (!this.dispatchEvent(new LiveReactEvent({ emoji }))) return;
    const tap = Date.now();
    const taps = this.#ownTaps.get(emoji) ?? [];
    taps.push(tap);
    this.#ownTaps.set(emoji, taps);
    this.#show(emoji, 1, 1, true); // at once, before the relay's burst
    const forget = () => {
      const index = taps.indexOf(tap);
      if (index >= 0) taps.splice(index, 1);
    };
    // Null: dropped by the store's throttle, so no burst will count it.
    store.react(emoji).then((ack) => ack || forget(), forget);
  }

  #onBurst = (burst: ReactionBurst | null) => {
    if (!burst) return;
    for (const [emoji, count] of Object.entries(burst.counts)) {
      const others = count - this.#takeOwnTaps(emoji, count);
      if (others > 0) this.#show(emoji, others, floatsFor(others), false);
    }
  };

  /** Takes up to `count` of my recent clicks on `emoji` out of the pending ones; returns how many. */
  #takeOwnTaps(emoji: string, count: number): number {
    const taps = this.#ownTaps.get(emoji);
    if (!taps) return 0;
    const since = Date.now() - LIVE_REACTIONS_DEFAULTS.ownTapMs;
    while (taps.length && taps[0] < since) taps.shift();
    return taps.splice(0, Math.min(count, taps.length)).length;
  }

  /**
   * Animates `count` reactions with `emoji`: `floats` floating emojis, or with reduced motion a
   * badge. `mine`: the user's own click, which always shows. A badge still showing adds the new
   * reactions, mine or a burst's: a second burst smaller than the first must not make the count
   * go down while more people react.
   */
  #show(emoji: string, count: number, floats: number, mine: boolean) {
    if (this.#prefersReducedMotion()) {
      this.#pulse(emoji, (this.badges[emoji] ?? 0) + count);
      return;
    }
    const overlay = this.overlay;
    if (overlay) this.#floating.spawn(overlay, emoji, floats, this.maxFloating, mine);
  }

  #pulse(emoji: string, count: number) {
    this.badges = { ...this.badges, [emoji]: count };
    clearTimeout(this.#badgeTimers.get(emoji));
    this.#badgeTimers.set(
      emoji,
      setTimeout(() => {
        const rest = { ...this.badges };
        delete rest[emoji];
        this.badges = rest;
        this.#badgeTimers.delete(emoji);
      }, LIVE_REACTIONS_DEFAULTS.badgeMs),
    );
  }

  #prefersReducedMotion(): boolean {
    return this.reducedMotion || (globalThis.matchMedia?.(reducedMotionQuery).matches ?? false);
  }

  // ------------------------------------------------------------------ host's editor

  async #toggleEditor() {
    if (this.editing) return this.#closeEditor();
    this.editing = true;
    this.draft = (this.store?.$emojis.get() ?? []).join(', ');
    this.editError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#emojis')?.focus();
  }

  async #closeEditor() {
    this.editing = false;
    this.saving = false;
    await this.updateComplete;
    this.editButton?.focus();
  }

  async #saveEmojis() {
    const store = this.store;
    if (!store || this.saving) return;
    const emojis = parseEmojis(this.draft);
    this.editError = emojisError(emojis, this.#text);
    if (this.editError) return;
    this.saving = true;
    try {
      await store.setEmojis(emojis);
      await this.#closeEditor();
    } catch (error) {
      this.editError = (error as Error).message;
      this.saving = false;
    }
  }

  // ------------------------------------------------------------------ state

  #canReact(): boolean {
    const connection = this.connection;
    const store = this.store;
    return !!store?.$loaded.get() && !store.$refused.get() && connection?.$status.get() === 'open';
  }

  #isStaff(): boolean {
    return isStaff(this.connection?.$user.get());
  }

  protected override openStore(room: RoomContext): ReactionsStore {
    const store = createReactionsStore(room.connection, room.room);
    this.#unlistenBursts = store.$bursts.listen(this.#onBurst);
    return store;
  }

  protected override watched(store: ReactionsStore) {
    return [store.$emojis];
  }

  protected override storeClosing(): void {
    this.#unlistenBursts?.();
    this.#unlistenBursts = undefined;
    this.#ownTaps.clear();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-reactions': LiveReactions;
  }
}
