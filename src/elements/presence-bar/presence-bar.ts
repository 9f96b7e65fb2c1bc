import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { createPresenceStore, type PresenceStore } from '../../features/presence.js';
import type { PresenceMember } from '../../protocol/index.js';
import {
  formatCount,
  nextIndex,
  renderAvatar,
  renderMember,
  typingText,
} from './presence-bar.parts.js';
import { defaultPresenceStrings, type PresenceStrings } from './presence-bar.strings.js';
import { presenceBarStyles } from './presence-bar.styles.js';
import { bannerText } from '../internal/banner.js';
import { PacedFeatureElement } from '../internal/paced-element.js';
import type { RoomContext } from '../internal/room-context.js';
import { renderRefused } from '../internal/refused.js';
import { LocaleController } from '../internal/locale.js';
import { typingSpoken } from '../internal/typing-voice.js';
import { countAttribute } from '../internal/count-attribute.js';

/** Defaults of `<presence-bar>`, in one place. */
export const PRESENCE_BAR_DEFAULTS = {
  /** Avatars shown before the count. */
  maxAvatars: 5,
  /** A room this big shows compact counts (`+12.3K watching`); screen readers get every digit. */
  compactFrom: 10_000,
} as const;

/**
 * Who is here: avatars of the first members (hosts first), how many are watching, who is typing
 * in the room's chat, and, in rooms small enough for the relay to list everyone, a member list
 * that opens from a button. The bar enters the room's presence while it is in the page (unless
 * `no-enter`) and leaves when it is removed. Put it inside a `<live-room>`, or give it `server`
 * and `room` itself.
 *
 * The bar renders at most once per animation frame: 10,000 viewers arriving change the count
 * once a frame, and it lists the relay's first members only (`presenceListLimit`), never all.
 *
 * Names and statuses are rendered as text, never as HTML. A member's name is the one the relay
 * verified (token or anonymous hello); presence data cannot rename anyone.
 *
 * @tag presence-bar
 * @summary Avatars, a live count, "who is typing" and a keyboard-operable member list.
 *
 * @csspart bar - The row holding everything but the member list.
 * @csspart avatars - The stack of avatars.
 * @csspart avatar - One avatar: a picture, or initials (which also have part `initials`).
 * @csspart initials - An avatar drawn as initials on a colour derived from the user id.
 * @csspart count - The visible count (`+12.3K watching`); screen readers get the full number.
 * @csspart typing - "Ana is typing…".
 * @csspart loading - The loading state.
 * @csspart refused - Why the relay refused the presence channel or dropped it (e.g. a room for signed-in users
 *   only), in place of the count.
 * @csspart empty - The "Nobody here yet" state.
 * @csspart status - The offline / reconnecting / disconnected note.
 * @csspart toggle - The "Show everyone" button.
 * @csspart panel - The member list's popover.
 * @csspart note - "Showing the first N", when the list is not the whole room.
 * @csspart list - The member list.
 * @csspart member - One entry of the member list.
 * @csspart name - A member's name in the list.
 * @csspart role - A host's or moderator's badge in the list.
 * @csspart status-text - The status a member entered with, in the list.
 *
 * @cssprop [--hubbub-avatar-size=2rem] - Size of the avatars in the bar.
 * @cssprop [--hubbub-presence-list-height=18rem] - Most height of the member list before it scrolls.
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Secondary text (states, typing, statuses).
 * @cssprop [--hubbub-color-bg=#ffffff] - Background of the list; ring around avatars.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - Hovered and focused list entries.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - The button's text and role badges.
 * @cssprop [--hubbub-color-on-accent=#ffffff] - Text on the accent color.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Background of the offline note.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 */
export class PresenceBar extends PacedFeatureElement<PresenceStore> {
  static override styles = presenceBarStyles;

  /** Most avatars shown in the bar. */
  @property({
    attribute: 'max-avatars',
    converter: countAttribute(PRESENCE_BAR_DEFAULTS.maxAvatars),
  })
  maxAvatars: number = PRESENCE_BAR_DEFAULTS.maxAvatars;

  /** Only watch: do not enter the room's presence (a host dashboard, a preview). */
  @property({ type: Boolean, attribute: 'no-enter' }) noEnter = false;

  /** Do not follow the room's chat for "who is typing" (saves the chat snapshot without a chat). */
  @property({ type: Boolean, attribute: 'no-typing' }) noTyping = false;

  /** A short status others see next to my name in the list, e.g. `On stage` (presence data). */
  @property() status?: string;

  /** Replaces some or all of the English texts, e.g. `{ empty: 'Noch niemand da' }`. */
  @property({ attribute: false }) strings: Partial<PresenceStrings> = {};
  #locale = new LocaleController<PresenceStrings>(this, 'presence-bar');

  @state() private open = false;
  @state() private active = 0;

  // A plain look-up rather than `@query`: no page then loads the decorator for it.
  private get toggleButton(): HTMLButtonElement | null {
    return this.renderRoot?.querySelector<HTMLButtonElement>('.toggle') ?? null;
  }

  #text: PresenceStrings = defaultPresenceStrings;
  /** The presence data last sent (JSON), or undefined while not entered. */
  #entered?: string;
  /** Ids whose avatar picture failed to load: they get initials. */
  #broken = new Set<string>();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#setOpen(false);
  }

  protected override firstUpdated(): void {
    // `error` does not bubble: catch failed avatar pictures on their way down.
    this.renderRoot.addEventListener('error', this.#onImageError, true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#text = this.#locale.texts(defaultPresenceStrings, this.strings);
    super.willUpdate(changed);
    this.#syncPresence();
  }

  protected override render() {
    const t = this.#text;
    const store = this.store;
    const refused = store?.$refused.get();
    if (refused) {
      return html`<div part="bar" class="bar">
        ${renderRefused(t.refused(refused.message, refused.code, refused.details))}
      </div>`;
    }
    if (!store?.$loaded.get()) {
      return html`<div part="bar" class="bar" aria-busy="true">
        <span part="loading" class="state">${t.loading}</span> ${this.#renderStatus()}
      </div>`;
    }
    const members = store.$members.get();
    const count = store.$count.get();
    const stale = this.#connectionTrouble() !== '';
    return html`<div part="bar" class="bar ${stale ? 'stale' : ''}">
        ${count === 0 ? html`<span part="empty" class="state">${t.empty}</span>` : this.#renderCount(members, count)}
        ${this.#renderStatus()} ${this.#renderToggle(count)}
        <span part="typing" class="typing" aria-live=${this.#typingLive()}
          >${typingText(t, store.$typing.get())}</span
        >
      </div>
      ${this.open ? this.#renderPanel(members, count) : nothing}`;
  }

  // ------------------------------------------------------------------ parts of the view

  #renderCount(members: PresenceMember[], count: number) {
    const t = this.#text;
    const big = count >= PRESENCE_BAR_DEFAULTS.compactFrom;
    const shown = members.slice(0, Math.max(0, this.maxAvatars));
    const others = count - shown.length;
    const visible =
      shown.length > 0 && others > 0
        ? t.watchingMore(formatCount(others, big, this.#locale.lang), others)
        : t.watching(formatCount(count, big, this.#locale.lang), count);
    return html`<span part="avatars" class="avatars">
        ${repeat(
          shown,
          (member) => member.id,
          (member) => renderAvatar(member, this.#broken, true),
        )}
      </span>
      <span part="count" class="count">
        <span aria-hidden="true">${visible}</span>
        <span class="visually-hidden"
          >${t.countLabel(formatCount(count, false, this.#locale.lang), count)}</span
        >
      </span>`;
  }

  /** Said only where no chat on the page says it already (see typing-voice.ts). */
  #typingLive(): 'polite' | 'off' {
    const room = this.currentRoom;
    return typingSpoken(room?.connection, room?.room) ? 'off' : 'polite';
  }

  #renderStatus() {
    const text = this.#connectionTrouble();
    if (!text) return nothing;
    const role = this.announces ? 'status' : nothing;
    return html`<span part="status" class="status" role=${role}>${text}</span>`;
  }

  #renderToggle(count: number) {
    const limit = this.connection?.limits.presenceListLimit ?? 0;
    // Above the relay's list limit we only know the first members: no "everyone" to show.
    if (count === 0 || count > limit) return nothing;
    return html`<button
      part="toggle"
      class="toggle"
      type="button"
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls=${this.open ? 'members' : nothing}
      @click=${this.#toggle}
    >
      ${this.#text.showEveryone}
    </button>`;
  }

  #renderPanel(members: PresenceMember[], count: number) {
    const t = this.#text;
    const me = this.connection?.$user.get()?.id;
    const active = Math.min(this.active, members.length - 1);
    return html`<div part="panel" class="panel" id="members">
      ${
        members.length < count
          ? html`<p part="note" class="note">
              ${t.showingFirst(formatCount(members.length, false, this.#locale.lang))}
            </p>`
          : nothing
      }
      <ul part="list" aria-label=${t.listLabel}>
        ${repeat(
          members,
          (member) => member.id,
          (member, index) => renderMember(member, t, me, this.#broken, index === active),
        )}
      </ul>
    </div>`;
  }

  // ------------------------------------------------------------------ member list

  async #toggle() {
    this.#setOpen(!this.open);
    if (!this.open) return;
    this.active = 0;
    await this.updateComplete;
    this.#items()[0]?.focus();
  }

  #setOpen(open: boolean) {
    if (open === this.open) return;
    this.open = open;
    if (open) {
      document.addEventListener('pointerdown', this.#onOutside);
      this.addEventListener('keydown', this.#onKeydown);
      this.addEventListener('focusout', this.#onFocusOut);
    } else {
      document.removeEventListener('pointerdown', this.#onOutside);
      this.removeEventListener('keydown', this.#onKeydown);
      this.removeEventListener('focusout', this.#onFocusOut);
    }
  }

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.#setOpen(false);
      this.toggleButton?.focus();
      return;
    }
    const items = this.#items();
    const current = items.indexOf(event.composedPath()[0] as HTMLElement);
    if (current < 0) return;
    const next = nextIndex(event.key, current, items.length);
    if (next === undefined) return;
    event.preventDefault();
    this.active = next;
    items[next].focus();
  };

  #onOutside = (event: PointerEvent) => {
    if (!event.composedPath().includes(this)) this.#setOpen(false);
  };

  /** Tabbing out of the bar closes the list (a click on its padding moves focus nowhere). */
  #onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (next && !this.contains(next) && !this.renderRoot.contains(next)) this.#setOpen(false);
  };

  #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('.member')];
  }

  #onImageError = (event: Event) => {
    const id = (event.target as HTMLElement).dataset?.id;
    if (!id || this.#broken.has(id)) return;
    this.#broken.add(id);
    this.requestUpdate();
  };

  // ------------------------------------------------------------------ state

  /** The offline / reconnecting / disconnected note, or '' while the connection is fine. */
  #connectionTrouble(): string {
    const connection = this.connection;
    return bannerText(connection, this.#text, { reason: true }) ?? '';
  }

  /** Enters, updates or leaves presence so that it matches `no-enter` and `status`. */
  #syncPresence() {
    const store = this.store;
    if (!store) return;
    if (this.noEnter) {
      if (this.#entered !== undefined) store.leave().catch(() => {});
      this.#entered = undefined;
      return;
    }
    const data: Record<string, string> = {};
    if (this.status) data.status = this.status;
    const key = JSON.stringify(data);
    if (key === this.#entered) return;
    // The connection keeps me entered across reconnects; a refusal (too large) leaves us out.
    const request = this.#entered === undefined ? store.enter(data) : store.update(data);
    this.#entered = key;
    request.catch(() => {});
  }

  /** A new `no-typing` opens the store again, following the chat or not. */
  protected override mustReopen(changed: PropertyValues<this>): boolean {
    const typingChanged = changed.has('noTyping') && changed.get('noTyping') !== undefined;
    return typingChanged || super.mustReopen(changed);
  }

  protected override openStore(room: RoomContext): PresenceStore {
    return createPresenceStore(room.connection, room.room, { typing: !this.noTyping });
  }

  protected override watched(store: PresenceStore) {
    return [store.$members, store.$count, store.$typing];
  }

  protected override storeClosing(): void {
    this.#entered = undefined; // destroying the store leaves if we entered
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'presence-bar': PresenceBar;
  }
}
