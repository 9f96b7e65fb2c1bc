import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatStore, PendingMessage } from '../../features/chat.js';
import {
  CHAT_TEXT_MAX,
  type ChatMessage,
  type ReportReason,
  type User,
} from '../../protocol/index.js';
import { LiveMessageDeleteEvent, LiveMessageSendEvent } from './live-chat.events.js';
import {
  bannedText,
  gateNotices,
  gateWait,
  timeLeft,
  pendingKey,
  renderMessageOnce,
  renderPending,
  typingText,
  type MessageAction,
  type MessageView,
  type PendingAction,
  type StaffParts,
} from './live-chat.parts.js';
import type { StaffHost } from './live-chat.staff.js';
import { defaultChatStrings, type ChatStrings } from './live-chat.strings.js';
import { liveChatStyles } from './live-chat.styles.js';
import { codePoints, isStaff } from '../../protocol/index.js';
import { PacedFeatureElement } from '../internal/paced-element.js';
import { SkipWindow, type SkipGap, type WindowRow } from '../internal/skip-window.js';
import { renderRefused } from '../internal/refused.js';
import { RovingLog } from '../internal/roving-log.js';
import { speakTyping } from '../internal/typing-voice.js';
import type { RoomContext } from '../internal/room-context.js';
import { LocaleController } from '../internal/locale.js';
import { countAttribute } from '../internal/count-attribute.js';

/** Defaults of `<live-chat>`, in one place. */
export const LIVE_CHAT_DEFAULTS = {
  /** Messages kept in the DOM; older ones stay in the store but are not rendered. */
  maxRendered: 200,
  /**
   * More new messages than this between two frames skip to live: the newest this many are
   * shown, with "N earlier messages skipped" and a button to show them (0: never skip).
   */
  skipAfter: 50,
  /** Skipped messages one press of "Show" brings back. */
  showSkippedPage: 50,
  /**
   * A pinned text at least this long may not fit its 3 lines on a 320 px screen, so it gets a
   * "Show all" toggle (hidden again after layout when it does fit).
   */
  pinnedToggleFrom: 90,
  /** Distance from the bottom (px) that still counts as "at the bottom" for auto-scroll. */
  bottomSlackPx: 32,
  /** Choices of the host's slow-mode select, in seconds (0 = off). */
  slowModeChoices: [0, 5, 10, 30, 60, 300],
  /** Length of the host's "timeout" ban. */
  timeoutMinutes: 10,
};

/**
 * The chat's store (features/chat.ts), a chunk of its own loaded when the first chat knows its
 * room: it can show nothing before the relay answers, so its request runs beside the opening of
 * the socket rather than in the page's first download.
 */
let chatStores: typeof import('../../features/chat.js') | undefined;
let chatStoresLoading: Promise<unknown> | undefined;

/**
 * Live chat for one room: messages, replies, typing, a pinned message, and moderation for hosts.
 * Put it inside a `<live-room>`, or give it `server` and `room` itself.
 *
 * User text is rendered as text, never as HTML.
 *
 * The log renders at most once per animation frame, whatever the rate of messages. When more
 * than `skip-after` messages (default 50) arrive between two frames (a burst, or a slow device
 * that fell behind), it skips to live: it shows the newest `skip-after` messages below a row
 * "N earlier messages skipped" whose button shows them, 50 at a time, instead of rendering
 * every message in order and falling further behind.
 *
 * @tag live-chat
 * @summary Live chat with replies, typing indicator, pinned message and moderation.
 *
 * @fires live-message-send - {@link LiveMessageSendEvent} The user sends a message. Cancelable.
 * @fires live-message-delete - {@link LiveMessageDeleteEvent} The user deletes a message. Cancelable.
 * @fires live-message-pin - {@link LiveMessagePinEvent} A host pins or unpins a message. Cancelable.
 * @fires live-user-ban - {@link LiveUserBanEvent} A host bans, times out or unbans a user. Cancelable.
 *
 * @csspart banner - The offline / reconnecting / disconnected banner.
 * @csspart pinned - The pinned message at the top.
 * @csspart pinned-toggle - "Show all" / "Show less" on a pinned message longer than 3 lines.
 * @csspart log - The scrolling message list (`role="log"`).
 * @csspart loading - The "Loading messages…" state.
 * @csspart refused - Why there are no messages, when the relay refused the chat or dropped it
 *   (a token without the room, a room for signed-in users only).
 * @csspart empty - The "No messages yet" state.
 * @csspart message - One message (also `pending` and `failed` ones).
 * @csspart gate - A rule of the room in force for viewers (emote-only, no links).
 * @csspart quote - The quote of the message replied to.
 * @csspart author - An author's name.
 * @csspart text - A message's text.
 * @csspart actions - The buttons of one message (reply, delete, pin, ban).
 * @csspart jump - The "jump to latest" button.
 * @csspart skipped - The "N earlier messages skipped" row, in place of the messages skipped.
 * @csspart show-skipped - Its button, which shows the skipped messages (50 at a time).
 * @csspart typing - The typing indicator.
 * @csspart composer - The form at the bottom.
 * @csspart reply-chip - The "Replying to …" chip.
 * @csspart input - The text area.
 * @csspart counter - The length counter.
 * @csspart send - The send button.
 * @csspart slow-mode - The host's slow-mode select (not with `no-slow-mode`).
 * @csspart banned - Why the input is disabled, for a banned or timed-out viewer.
 * @csspart held - "Held for review" on the viewer's own message that waits for a moderator.
 * @csspart reported - "Reported" on a message the viewer reported.
 * @csspart report - The report form (a reason, an optional note) under the log.
 * @csspart report-sent - The thanks once a report is sent.
 *
 * @cssprop [--hubbub-chat-height=28rem] - Height of the widget.
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Secondary text (times, states, typing).
 * @cssprop [--hubbub-color-bg=#ffffff] - Background.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - Pinned bar, hovered message, chips.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - Send button, role badges, jump button.
 * @cssprop [--hubbub-color-on-accent=#ffffff] - Text on the accent color.
 * @cssprop [--hubbub-color-danger=#b3261e] - Errors, failed sends, destructive actions.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Banner background.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 */
export class LiveChat extends PacedFeatureElement<ChatStore> {
  static override styles = liveChatStyles;

  /** Most messages kept in the DOM (older ones are dropped from the page, not from the store). */
  @property({
    attribute: 'max-rendered',
    converter: countAttribute(LIVE_CHAT_DEFAULTS.maxRendered),
  })
  maxRendered: number = LIVE_CHAT_DEFAULTS.maxRendered;

  /**
   * More new messages than this between two frames skip to live (the newest this many are
   * shown, the others behind "N earlier messages skipped"); 0 never skips.
   */
  @property({ attribute: 'skip-after', converter: countAttribute(LIVE_CHAT_DEFAULTS.skipAfter) })
  skipAfter: number = LIVE_CHAT_DEFAULTS.skipAfter;

  /**
   * Hides the hosts' slow-mode select, for pages that set slow mode elsewhere (the host
   * console's `<live-chat-moderation>` does).
   */
  @property({ type: Boolean, attribute: 'no-slow-mode' }) noSlowMode = false;

  /** Replaces some or all of the English texts, e.g. `{ send: 'Senden' }`. */
  @property({ attribute: false }) strings: Partial<ChatStrings> = {};
  #locale = new LocaleController<ChatStrings>(this, 'live-chat');

  @state() private replyTo?: ChatMessage;
  @state() private draft = '';
  @state() private unseen = false;
  @state() private notice = '';
  /** The message the viewer is reporting (the report form is open). */
  @state() private reporting?: ChatMessage;
  @state() private reportSent = false;
  /** The pinned message is shown whole (it is clamped to 3 lines otherwise). */
  @state() private pinnedOpen = false;
  #pinnedId?: string;

  // Plain look-ups rather than `@query`: a page with only the chat then loads no decorator chunk.
  private get logElement(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('.log') ?? null;
  }

  private get input(): HTMLTextAreaElement | null {
    return this.renderRoot?.querySelector('textarea') ?? null;
  }

  #text: ChatStrings = defaultChatStrings;
  #atBottom = true;
  #stick = true;
  #lastMessageId?: string;
  /** {@link #bottomState} at the last render. */
  #bottom = '';
  #timer?: ReturnType<typeof setTimeout>;
  #window = new SkipWindow();
  /** The viewer typed since the last render. */
  #typed = false;
  /**
   * This render leaves the room's part of the view (banner, pinned, log, typing) as it was: the
   * viewer only typed, and the relay's changes follow in a render of their own.
   */
  #held = false;
  /** Renders of the room's part of the view (its `guard` key). */
  #roomRenders = 0;
  /** The report form's views, once a report was started. */
  #reportViews?: typeof import('./live-chat.report.js');
  /** The staff parts, once the user is known to be staff (see {@link #loadStaffParts}). */
  #staffParts?: StaffParts;
  #staffLoading = false;
  /** This chat waits for the store's chunk (see {@link #chatStores}). */
  #awaitingStores = false;
  /** What the staff parts act through. */
  #staffHost: StaffHost = {
    element: this,
    store: () => this.store,
    timeoutMinutes: LIVE_CHAT_DEFAULTS.timeoutMinutes,
    slowModeChoices: LIVE_CHAT_DEFAULTS.slowModeChoices,
    run: (request) => this.#run(request),
    leave: (message) => this.#leave(message),
  };
  /** The log's one Tab stop and its arrow keys. */
  #roving = new RovingLog(this, {
    log: () => this.logElement,
    // Anything of the chat's that goes with a render (a button, the pinned bar, the report
    // form) leaves the keyboard in the log rather than on <body>.
    scope: () => this.shadowRoot,
    onEnd: () => this.#showLatest(),
  });
  /** Stops this chat being the room's voice for "who is typing" (see typing-voice.ts). */
  #quietTyping?: () => void;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#text = this.#locale.texts(defaultChatStrings, this.strings);
    super.willUpdate(changed);
    this.#loadStaffParts();
    const pinnedId = this.store?.$pinned.get()?.id;
    if (pinnedId !== this.#pinnedId) {
      this.#pinnedId = pinnedId;
      this.pinnedOpen = false;
    }
    this.#held =
      this.#typed && changed.size === 1 && (changed as Map<PropertyKey, unknown>).has('draft');
    this.#typed = false;
    if (this.#held) return;
    this.#roomRenders++;
    this.#stick = this.#atBottom;
    const last = this.store?.$messages.get().at(-1)?.id;
    if (last !== this.#lastMessageId) {
      if (!this.#stick && this.#lastMessageId !== undefined) this.unseen = true;
      this.#lastMessageId = last;
    }
  }

  protected override updated(): void {
    this.#scheduleTick();
    this.#showPinnedToggle();
    // The log is as it was: its bottom is the one of the last render that showed it.
    if (this.#held) return;
    // Only when what is below the viewer changed: a key press in the composer scrolls nothing.
    const bottom = this.#bottomState();
    if (this.#stick && bottom !== this.#bottom) this.#scrollToBottom();
    this.#bottom = bottom;
  }

  /** What decides the bottom of the log: its newest row, my pending sends, the composer's rows. */
  #bottomState(): string {
    const store = this.store;
    const pending = store?.$pending.get() ?? [];
    return [
      this.#lastMessageId,
      pending.length,
      pending.at(-1)?.status,
      !!this.replyTo,
      this.notice,
      !!store?.$banned.get(),
      !!store?.$refused.get(),
      store?.$loaded.get(),
      store?.$typing.get().length,
    ].join('|');
  }

  protected override render() {
    const store = this.store;
    const t = this.#text;
    if (!store) return html`${this.#renderLog([], [], false)}${this.#renderComposer()}`;
    const refused = store.$refused.get();
    if (refused) {
      const reason = t.refused(refused.message, refused.code, refused.details);
      return html`${this.#renderBanner()}
        <div class="body">${renderRefused(reason)}</div>
        ${this.#renderComposer()}`;
    }
    return html`
      ${guard([this.#roomRenders], () => this.#renderRoom(store))} ${this.#renderReport()}
      ${this.#renderComposer()}
    `;
  }

  // ------------------------------------------------------------------ parts of the view

  /** What the room shows, above the composer. */
  #renderRoom(store: ChatStore) {
    const messages = store.$messages.get();
    const pending = store.$pending.get();
    const typing = store.$typing.get();
    return html`${this.#renderBanner()} ${this.#renderPinned()}
      ${this.#renderLog(messages, pending, store.$loaded.get())}
      <div part="typing" class="typing" aria-live="polite">${typingText(this.#text, typing)}</div>`;
  }

  #renderBanner() {
    return this.renderBanner(this.#text, { reason: true });
  }

  #renderPinned() {
    const pinned = this.store?.$pinned.get();
    if (!pinned) return nothing;
    const t = this.#text;
    const open = this.pinnedOpen;
    return html`<div part="pinned" class="pinned">
      <span class="label">${t.pinned}</span>
      <span part="author" class="author" dir="auto">${pinned.user.name}</span>
      <span part="text" id="pinned-text" class="text ${open ? 'open' : ''}" dir="auto"
        >${pinned.text}</span
      >
      ${
        pinned.text.length >= LIVE_CHAT_DEFAULTS.pinnedToggleFrom || open
          ? html`<button
              type="button"
              part="pinned-toggle"
              aria-expanded=${open ? 'true' : 'false'}
              aria-controls="pinned-text"
              @click=${() => (this.pinnedOpen = !open)}
            >
              ${open ? t.showLess : t.showAll}
            </button>`
          : nothing
      }
      ${this.#staffParts?.renderUnpin(t, pinned, this.#staffHost) ?? nothing}
    </div>`;
  }

  /**
   * The toggle shows only when the pinned text does not fit its 3 lines (or is open): that is
   * known after layout, so it is set here, on the element, not through another render.
   */
  #showPinnedToggle() {
    const text = this.renderRoot.querySelector<HTMLElement>('[part~="pinned"] .text');
    const toggle = this.renderRoot.querySelector<HTMLElement>('[part~="pinned-toggle"]');
    if (!text || !toggle) return;
    toggle.hidden = !this.pinnedOpen && text.scrollHeight <= text.clientHeight + 1;
  }

  #renderLog(messages: ChatMessage[], pending: PendingMessage[], loaded: boolean) {
    const t = this.#text;
    const rows = this.#window.rows(messages, {
      skipAfter: this.skipAfter,
      maxRendered: this.maxRendered,
      hold: !this.#stick,
    });
    const view = this.#messageView(messages);
    let placeholder: unknown = nothing;
    if (!loaded) placeholder = html`<p class="state" part="loading">${t.loading}</p>`;
    else if (!messages.length && !pending.length) {
      placeholder = html`<p class="state" part="empty">${t.empty}</p>`;
    }
    return html`<div class="body">
      <div
        part="log"
        class="log"
        role="log"
        aria-live="polite"
        aria-label=${t.log}
        aria-busy=${loaded ? 'false' : 'true'}
        tabindex=${rows.length + pending.length > 0 ? '-1' : '0'}
        @scroll=${this.#onScroll}
        @keydown=${this.#roving.onKeydown}
        @focusin=${this.#roving.onFocusIn}
        @focusout=${this.#roving.onFocusOut}
      >
        ${placeholder}
        ${repeat(rows, rowKey, (row) =>
          row.gap ? this.#renderSkipped(row.gap, row.hidden) : renderMessageOnce(row.entry, view),
        )}
        ${repeat(pending, pendingKey, (entry) => renderPending(entry, view))}
      </div>
      ${
        this.unseen
          ? html`<button part="jump" class="jump" type="button" @click=${this.#jumpToLatest}>
              ${t.jumpToLatest}
            </button>`
          : nothing
      }
    </div>`;
  }

  #renderSkipped(gap: SkipGap, hidden: number) {
    const t = this.#text;
    const page = Math.min(hidden, LIVE_CHAT_DEFAULTS.showSkippedPage);
    return html`<div part="skipped" class="skipped" data-row tabindex="-1">
      <span>${t.skipped(hidden)}</span>
      <button
        part="show-skipped"
        type="button"
        tabindex="-1"
        @click=${() => this.#showSkipped(gap)}
      >
        ${t.showSkipped(page)}
      </button>
    </div>`;
  }

  #messageView(messages: ChatMessage[]): MessageView {
    const store = this.store;
    const staff = this.#isStaff();
    return {
      t: this.#text,
      lang: this.#locale.lang,
      me: this.#me(),
      staff,
      staffParts: staff ? this.#staffParts : undefined,
      canWrite: !store?.$banned.get(),
      pinnedId: store?.$pinned.get()?.id,
      bannedIds: new Set(staff ? store?.$bans.get().map((ban) => ban.userId) : []),
      reported: new Set(store?.$reported.get()),
      byId: new Map(messages.map((message) => [message.id, message])),
      act: (action, message) => this.#act(action, message),
      actOnPending: (action, entry) => this.#actOnPending(action, entry),
    };
  }

  #renderComposer() {
    const t = this.#text;
    const store = this.store;
    const banned = store?.$banned.get();
    const length = codePoints(this.draft);
    const over = codePoints(this.draft.trim()) > CHAT_TEXT_MAX;
    const wait = this.#slowModeWait();
    const slowSeconds = store?.$settings.get().slowModeSeconds ?? 0;
    const disabled = !store || !!banned || !!store.$refused.get();
    const canSend = !disabled && !over && wait === 0 && this.draft.trim().length > 0;
    return html`<form part="composer" class="composer" @submit=${this.#onSubmit}>
      ${
        this.#isStaff() && !this.noSlowMode
          ? this.#staffParts?.renderSlowModeSelect(t, slowSeconds, this.#staffHost)
          : nothing
      }
      ${banned ? this.#renderBanned(banned) : nothing}
      ${
        !banned && slowSeconds > 0 && !this.#isStaff()
          ? html`<p class="notice">${t.slowModeNotice(slowSeconds)}</p>`
          : nothing
      }
      ${store && !banned && !this.#isStaff() ? gateNotices(store.$settings.get(), t) : nothing}
      ${this.notice ? html`<p class="notice error" role="alert">${this.notice}</p>` : nothing}
      ${
        this.replyTo
          ? html`<div part="reply-chip" class="chip">
              <span>${t.replyingTo(this.replyTo.user.name)}</span>
              <button
                type="button"
                aria-label=${t.cancelReply}
                title=${t.cancelReply}
                @click=${this.#cancelReply}
              >
                ✕
              </button>
            </div>`
          : nothing
      }
      <textarea
        part="input"
        rows="2"
        aria-label=${t.inputLabel}
        aria-describedby="counter"
        aria-invalid=${over ? 'true' : 'false'}
        placeholder=${t.placeholder}
        .value=${this.draft}
        ?disabled=${disabled}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
      ></textarea>
      <div class="row">
        <span class="grow"
          >${over ? html`<span class="notice error">${t.tooLong(CHAT_TEXT_MAX)}</span>` : nothing}</span
        >
        <span part="counter" id="counter" class="counter ${over ? 'over' : ''}"
          >${t.counter(length, CHAT_TEXT_MAX)}</span
        >
        <button part="send" class="send" type="submit" ?disabled=${!canSend}>
          ${wait > 0 ? t.wait(wait) : t.send}
        </button>
      </div>
    </form>`;
  }

  // ------------------------------------------------------------------ user actions

  #onInput(event: InputEvent) {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.#typed = true;
    if (this.draft.trim()) this.store?.typing(); // throttled by the store
  }

  #onKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#send();
    } else if (event.key === 'Escape' && this.replyTo) {
      this.#cancelReply();
    }
  }

  #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    this.#send();
  }

  #send() {
    const store = this.store;
    const text = this.draft.trim();
    const length = codePoints(text);
    if (
      !store ||
      !length ||
      length > CHAT_TEXT_MAX ||
      store.$banned.get() ||
      this.#slowModeWait() > 0
    ) {
      return;
    }
    const replyTo = this.replyTo?.id;
    if (!this.dispatchEvent(new LiveMessageSendEvent({ text, replyTo }))) return;
    this.notice = '';
    this.draft = '';
    this.replyTo = undefined;
    // What follows a send is shown at once, not held back like a key.
    this.#typed = false;
    this.reportSent = false;
    this.#atBottom = true;
    // A failure shows up in $pending (with retry / dismiss); nothing else to do here.
    store.send(text, replyTo).catch(() => {});
  }

  #act(action: MessageAction, message: ChatMessage) {
    if (action === 'reply') return this.#startReply(message);
    if (action === 'delete') return this.#delete(message);
    if (action === 'report') return this.#openReport(message);
    this.#staffParts?.moderate(action, message, this.#staffHost);
  }

  /**
   * The report form under the log (its views load on the first report: most viewers never
   * report). Escape or Cancel closes it and gives the keyboard back to the log.
   */
  #renderReport() {
    const views = this.#reportViews;
    if (!views) return nothing;
    if (this.reportSent) return views.renderReportSent(this.#text);
    const message = this.reporting;
    if (!message) return nothing;
    return views.renderReportForm(message, this.#text, {
      send: (reason, note) => this.#sendReport(message, reason, note),
      cancel: () => this.#closeReport(),
    });
  }

  async #openReport(message: ChatMessage) {
    this.#reportViews ??= await import('./live-chat.report.js');
    this.reporting = message;
    this.reportSent = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('.report input[type="radio"]')?.focus();
  }

  #closeReport() {
    this.reporting = undefined;
    this.#roving.focus();
  }

  #sendReport(message: ChatMessage, reason: ReportReason, note: string) {
    this.#closeReport();
    this.notice = '';
    this.store?.report(message.id, reason, note || undefined).then(
      () => (this.reportSent = true),
      (error: Error) => (this.notice = error.message),
    );
  }

  #actOnPending(action: PendingAction, entry: PendingMessage) {
    if (entry.mid) this.store?.discard(entry.mid);
    if (action === 'retry') {
      this.#atBottom = true;
      this.store?.send(entry.text, entry.replyTo).catch(() => {});
    }
  }

  #startReply(message: ChatMessage) {
    this.replyTo = message;
    this.input?.focus();
  }

  #cancelReply() {
    this.replyTo = undefined;
    this.input?.focus();
  }

  #delete(message: ChatMessage) {
    if (!this.dispatchEvent(new LiveMessageDeleteEvent({ id: message.id }))) return;
    this.#leave(message);
    this.#run(this.store?.remove(message.id));
  }

  /**
   * A moderator is done with `message` (deleted, or its author banned; the button pressed goes
   * away): the keyboard moves on to the next message, never to `<body>`.
   */
  #leave(message: ChatMessage) {
    const rows = this.logElement?.querySelectorAll<HTMLElement>('[data-row][data-id]') ?? [];
    this.#roving.leave([...rows].find((row) => row.dataset.id === message.id));
  }

  #run(request: Promise<unknown> | undefined) {
    this.notice = '';
    request?.catch((error: Error) => (this.notice = error.message));
  }

  /**
   * Whether the viewer is at the bottom, from their scrolling: scroll events come at most once
   * a frame, before the frame's render, when the layout is still clean, so these reads force
   * nothing. The render itself reads no layout.
   */
  #onScroll() {
    const log = this.logElement;
    if (!log) return;
    this.#atBottom =
      log.scrollHeight - log.scrollTop - log.clientHeight <= LIVE_CHAT_DEFAULTS.bottomSlackPx;
    if (this.#atBottom && this.unseen) this.unseen = false;
  }

  /** Shows the newest page of the messages a skip hid, where they were; live ones stay below. */
  #showSkipped(gap: SkipGap) {
    const messages = this.store?.$messages.get() ?? [];
    this.#window.open(gap, messages, LIVE_CHAT_DEFAULTS.showSkippedPage);
    // The viewer is reading back now: new messages must not scroll what they opened away.
    this.#atBottom = false;
    this.requestViewerUpdate();
    // The button goes with the last page: keep the keyboard in the log rather than on <body>.
    this.updateComplete.then(() => {
      if (!this.shadowRoot?.activeElement) this.logElement?.focus({ preventScroll: true });
    });
  }

  #jumpToLatest() {
    this.#roving.focusLast();
    this.#showLatest();
  }

  /** Back to live: the newest messages in view, following new ones again. */
  #showLatest() {
    this.#atBottom = true;
    this.unseen = false;
    this.#scrollToBottom();
  }

  /**
   * Once per render at most, and only when the bottom changed. Setting past the end needs no
   * read of the height first; the browser lays the log out once for it, the layout this frame
   * needs anyway (it used to be once per message).
   */
  #scrollToBottom() {
    const log = this.logElement;
    if (log) log.scrollTop = Number.MAX_SAFE_INTEGER;
  }

  // ------------------------------------------------------------------ state

  /** Until the store's chunk is here there is nothing to open: the room opens when it comes. */
  protected override mustReopen(changed: PropertyValues<this>): boolean {
    return !!this.#chatStores() && super.mustReopen(changed);
  }

  protected override roomChanged(room: RoomContext | undefined): void {
    if (!room || this.#chatStores()) return super.roomChanged(room);
    super.roomChanged(undefined);
    // Renders again on the connection's changes meanwhile: a chunk that failed to load is
    // asked for again then.
    this.watch([]);
  }

  /** The store's module, or undefined while it loads (this chat renders again once it is in). */
  #chatStores() {
    if (!chatStores && !this.#awaitingStores) {
      this.#awaitingStores = true;
      chatStoresLoading ??= import('../../features/chat.js').then(
        (stores) => (chatStores = stores),
        (error: unknown) => {
          chatStoresLoading = undefined;
          throw error;
        },
      );
      // Failed: asked for again at the next render (a change of the connection, say), not now.
      chatStoresLoading.then(
        () => {
          this.#awaitingStores = false;
          this.requestUpdate();
        },
        () => (this.#awaitingStores = false),
      );
    }
    return chatStores;
  }

  protected override openStore(room: RoomContext): ChatStore {
    this.#lastMessageId = undefined;
    this.#window.clear();
    this.#quietTyping = speakTyping(room.connection, room.room, this);
    return chatStores!.createChatStore(room.connection, room.room);
  }

  protected override storeClosing(): void {
    this.#quietTyping?.();
    this.#quietTyping = undefined;
  }

  protected override watched(store: ChatStore) {
    return [
      store.$messages,
      store.$pinned,
      store.$settings,
      store.$typing,
      store.$pending,
      store.$banned,
      store.$slowModeUntil,
      store.$bans,
      store.$reported,
    ];
  }

  /**
   * A ban, or a timeout counting down beside its reason; screen readers hear it once a minute
   * at most, not every second.
   */
  #renderBanned(banned: { until: number | null; reason?: string }) {
    const t = this.#text;
    const now = this.#now();
    if (banned.until === null) {
      return html`<p class="notice error" role="status" part="banned">${t.bannedForever}</p>`;
    }
    const announced = bannedText(t, banned.until, now);
    return html`<p class="notice error" part="banned">
      <span aria-hidden="true">${t.timedOut(timeLeft(banned.until - now), banned.reason)}</span>
      <span class="visually-hidden" role="status"
        >${banned.reason ? `${announced} ${banned.reason}` : announced}</span
      >
    </p>`;
  }

  #me(): User | null | undefined {
    return this.connection?.$user.get();
  }

  #isStaff(): boolean {
    return isStaff(this.#me());
  }

  /**
   * The staff parts load when the relay's `welcome` says the user is a host or moderator; the
   * chat renders again when they arrive. A failed load is tried again at the next render.
   */
  #loadStaffParts() {
    if (this.#staffParts || this.#staffLoading || !this.#isStaff()) return;
    this.#staffLoading = true;
    import('./live-chat.staff.js').then(
      (parts) => {
        this.#staffParts = parts;
        this.requestUpdate();
      },
      () => (this.#staffLoading = false),
    );
  }

  #now(): number {
    return this.connection?.serverNow() ?? Date.now();
  }

  /** Whole seconds left before slow mode lets this user send again; 0 when free. */
  #slowModeWait(): number {
    const until = this.store?.$slowModeUntil.get() ?? 0;
    return Math.max(0, Math.ceil((until - Date.now()) / 1000));
  }

  /** Re-renders once a second while a countdown (slow mode, timeout, a gate) is on screen. */
  #scheduleTick() {
    clearTimeout(this.#timer);
    const banned = this.store?.$banned.get();
    const gated = this.store?.$pending.get().some((entry) => gateWait(entry) > 0);
    if (this.#slowModeWait() > 0 || (banned && banned.until !== null) || gated) {
      this.#timer = setTimeout(() => this.requestUpdate(), 1000);
    }
  }
}

function rowKey(row: WindowRow<ChatMessage>): string {
  return row.gap ? `skipped ${row.gap.from}` : row.entry.id;
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat': LiveChat;
  }
}
