import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { createChatStore, type ChatStore } from '../../features/chat.js';
import type { ChatBanned, ChatShieldPreset } from '../../protocol/index.js';
import { LiveUserBanEvent } from './live-chat-moderation.events.js';
import { CHAT_LIMITS, isStaff } from '../../protocol/index.js';
import type { TimeoutUnit } from './live-chat-moderation.parts.js';
import {
  renderGateFields,
  renderShieldToggle,
  shieldStyles,
} from './live-chat-moderation.shield.js';
import {
  defaultChatModerationStrings,
  lengthText,
  type ChatModerationStrings,
} from './live-chat-moderation.strings.js';
import { liveChatModerationStyles } from './live-chat-moderation.styles.js';
import { blockedTermsOf } from '../internal/blocked-terms.js';
import { FeatureElement } from '../internal/feature-element.js';
import type { RoomContext } from '../internal/room-context.js';
import { renderNotReady } from '../internal/refused.js';
import { LocaleController } from '../internal/locale.js';

/** Defaults of `<live-chat-moderation>`, in one place. */
export const LIVE_CHAT_MODERATION_DEFAULTS = {
  /** Choices of the slow-mode select, in seconds (0 = off); the room's value is added if other. */
  slowModeChoices: [0, 5, 10, 30, 60, 300] as readonly number[],
  /** The relay's limits on blocked terms: how many, and how long each (UTF-16 units). */
  blockedTermsMax: CHAT_LIMITS.blockedTermsMax,
  blockedTermMax: CHAT_LIMITS.blockedTermMax,
  /** Choices of the chat-delay select, in seconds (0 = off); the room's value is added if other. */
  chatDelayChoices: [0, 2, 5, 10] as readonly number[],
  /** Lengths the timeout menu offers (seconds); "Custom…" is always there too. */
  timeoutPresets: [10, 60, 600, 3_600, 86_400] as readonly number[],
  /** The length selected at first. */
  timeoutDefault: 600,
};

/** Seconds in each unit of a custom timeout length. */
const TIMEOUT_UNITS: Record<TimeoutUnit, number> = {
  seconds: 1,
  minutes: 60,
  hours: 3_600,
  days: 86_400,
};

/**
 * The views (bans, the user form, hidden users, the log) load as their own chunk, on first
 * connection: the element's own chunk stays within the kit's size budget.
 */
type Views = typeof import('./live-chat-moderation.parts.js');
let loadedViews: Views | undefined;
let loadingViews: Promise<Views> | undefined;
function loadViews(): Promise<Views> {
  loadingViews ??= import('./live-chat-moderation.parts.js').then(
    (module) => (loadedViews = module),
  );
  return loadingViews;
}

/** The longest a timer may wait (setTimeout's limit). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Where the focus goes when a row leaves under the keyboard: the same place in its list, else a
 * heading (`tabindex="-1"`). Unhide's list goes away with its last row, hence the user form's.
 */
const REFOCUS = {
  ban: { button: '[part~="unban"]', heading: '#bans-heading' },
  hidden: { button: '[part~="hidden-user"] [part~="unhide"]', heading: '#user-actions-heading' },
} as const;

/**
 * Chat moderation for hosts and moderators: the Shield toggle, the room's slow mode, its gates
 * (who may chat, and what) and the shield's preset, its blocked terms (messages of viewers
 * containing one are refused by the relay), the bans and timeouts in force, each with an Unban
 * button, the chat delay, a form to time a user out (a menu of lengths or a custom one, and a
 * reason) or hide them, the hidden users and the moderation log. Other viewers see a short note
 * (the relay would refuse them anyway). Pair it with a `<live-chat>`, which has the inline
 * delete, pin, timeout and ban buttons.
 *
 * Put it inside a `<live-room>`, or give it `server`, `room` and a host's `token` itself.
 *
 * @tag live-chat-moderation
 * @summary Slow mode, blocked terms and bans of a room's chat.
 *
 * @fires live-user-ban - {@link LiveUserBanEvent} A host times a user out (`minutes` rounded) or
 *   lifts a ban (`banned: false`). Cancelable.
 *
 * @csspart loading - The "Loading…" state.
 * @csspart refused - Why the relay refused the chat or dropped it (e.g. a token that does not
 *   grant the room), in place of the settings.
 * @csspart hosts-only - The note shown to viewers who are not hosts or moderators.
 * @csspart banner - The offline banner.
 * @csspart shield - The Shield toggle (`aria-pressed`); also `shield-on` while it is up.
 * @csspart gates - The room's gates: signed-in only, links, emote-only, first-time chatters'
 *   delay, minimum account age.
 * @csspart shield-preset - What raising the shield applies, editable (hosts and moderators).
 * @csspart slow-mode - The slow-mode select.
 * @csspart terms-form - The blocked terms form.
 * @csspart terms-input - The blocked terms text area.
 * @csspart terms - The list of terms blocked now.
 * @csspart no-terms - The "No terms are blocked" note.
 * @csspart save - The "Save terms" button.
 * @csspart error - A validation message, or why the relay refused.
 * @csspart bans - The list of bans and timeouts.
 * @csspart no-bans - The "Nobody is banned" note.
 * @csspart ban - One ban; `ban-name`, `ban-until` and `unban` within.
 * @csspart chat-delay - The chat-delay select.
 * @csspart user-actions - The form acting on one user: `target-user`, `timeout-length`,
 *   `timeout-amount` and `timeout-unit` (a custom length), `timeout-reason`, `timeout`, and
 *   `hide` or `unhide`.
 * @csspart no-users - The note shown instead while nobody has written.
 * @csspart hidden-users - The list of hidden users; `hidden-user` and `unhide` within.
 * @csspart mod-log - The moderation log: `mod-log-entries`, `mod-log-entry`, `mod-log-empty`
 *   and the `mod-log-older` button.
 *
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Hints and times.
 * @cssprop [--hubbub-color-bg=#ffffff] - Background.
 * @cssprop [--hubbub-color-surface=#f2f4f8] - Terms and bans.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - The save button.
 * @cssprop [--hubbub-color-on-accent=#ffffff] - Text on the accent color.
 * @cssprop [--hubbub-color-danger=#b3261e] - Errors.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Banner background.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 */
export class LiveChatModeration extends FeatureElement<ChatStore> {
  static override styles = [liveChatModerationStyles, shieldStyles];

  /** Replaces some or all of the English texts, e.g. `{ save: 'Speichern' }`. */
  @property({ attribute: false }) strings: Partial<ChatModerationStrings> = {};
  #locale = new LocaleController<ChatModerationStrings>(this, 'live-chat-moderation');

  /** Shows the Shield toggle alone (the host console puts one in its header). */
  @property({ type: Boolean, attribute: 'shield-only' }) shieldOnly = false;

  /** Leaves the Shield toggle out (where the page shows one elsewhere). */
  @property({ type: Boolean, attribute: 'no-shield' }) noShield = false;

  @state() private shieldBusy = false;
  @state() private gatesError = '';

  /** The terms as typed; undefined while untouched, and the field shows the room's terms. */
  @state() private draft?: string;
  @state() private saving = false;
  @state() private slowError = '';
  @state() private termsError = '';
  @state() private bansError = '';
  @state() private announcement = '';
  /** The user the timeout form acts on (`''`: the newest writer). */
  @state() private targetUser = '';
  @state() private timeoutLength = String(LIVE_CHAT_MODERATION_DEFAULTS.timeoutDefault);
  @state() private timeoutUnit: TimeoutUnit = 'minutes';
  @state() private userError = '';
  @state() private userBusy = false;
  @state() private delayError = '';
  /** Whether the first page of the moderation log was asked for. */
  #logAsked = false;
  /** The slow-mode and chat-delay values chosen, while their changes are in flight. */
  #chosen = new Map<'slow' | 'delay', { value: number; pending: number }>();

  #text: ChatModerationStrings = defaultChatModerationStrings;
  /** Re-renders when the next timeout ends (the relay sends no event for it). */
  #timer?: ReturnType<typeof setTimeout>;
  /** The Unban or Unhide pressed (its list, its row's index), to move on once the row is gone. */
  #refocus?: { list: keyof typeof REFOCUS; index: number };

  override connectedCallback(): void {
    super.connectedCallback();
    if (!loadedViews) void loadViews().then(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#text = this.#locale.texts(defaultChatModerationStrings, this.strings);
    super.willUpdate(changed);
  }

  protected override updated(): void {
    this.#restoreFocus();
  }

  protected override render() {
    const t = this.#text;
    const store = this.store;
    const connection = this.connection;
    const user = connection?.$user.get();
    // Shield-only sits in a console's header, under the console's own banner.
    const banner = this.shieldOnly
      ? nothing
      : this.renderBanner({
          offline: t.offline,
          reconnecting: t.offline,
          unreachable: t.unreachable,
        });
    const notReady = renderNotReady(store, t, !!user && !!loadedViews);
    // A drop shows (and, for the page's first widget, is said) while still loading too.
    if (notReady || !store || !user || !loadedViews) return html`${banner}${notReady}`;
    if (!isStaff(user)) return html`<p part="hosts-only" class="state">${t.hostsOnly}</p>`;
    const shield = this.noShield ? nothing : this.#renderShield(store);
    if (this.shieldOnly) {
      return html`${shield}
        <p class="visually-hidden" role="status">${this.announcement}</p>`;
    }
    const now = connection!.serverNow();
    const bans = store.$bans.get().filter((ban) => ban.until === null || ban.until > now);
    this.#scheduleExpiry(bans, now);
    return html`
      ${banner} ${shield}
      ${this.#renderSlowMode(this.#choice('slow', store.$settings.get().slowModeSeconds))}
      ${this.#renderGates(store)} ${this.#renderTerms(store)}
      ${loadedViews.renderBans({
        t,
        lang: this.#locale.lang,
        bans,
        names: new Map(
          store.$messages.get().map((message) => [message.user.id, message.user.name]),
        ),
        offsetMs: now - Date.now(),
        unban: (ban, name) => this.#unban(ban, name),
      })}
      ${this.bansError ? html`<p part="error" class="error" role="alert">${this.bansError}</p>` : nothing}
      ${this.#renderModeration(loadedViews, store, user.id, now)}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }

  /** Chat delay, the form acting on one user, the hidden users and the moderation log. */
  #renderModeration(parts: Views, store: ChatStore, myId: string, now: number) {
    const t = this.#text;
    if (!this.#logAsked) {
      this.#logAsked = true;
      store.loadLog().catch(() => (this.#logAsked = false));
    }
    const names = new Map<string, string>();
    const users: { id: string; name: string }[] = [];
    const messages = store.$messages.get();
    for (let i = messages.length - 1; i >= 0; i--) {
      const author = messages[i].user;
      if (names.has(author.id)) continue;
      names.set(author.id, author.name);
      if (author.id !== myId && !isStaff(author)) users.push(author);
    }
    const selected = users.some((u) => u.id === this.targetUser)
      ? this.targetUser
      : (users[0]?.id ?? '');
    const log = store.$modLog.get();
    return html`${this.#renderChatDelay(this.#choice('delay', store.$settings.get().chatDelaySeconds ?? 0))}
    ${parts.renderUserActions({
      t,
      users,
      selected,
      hiddenUsers: new Set(store.$hiddenUsers.get()),
      length: this.timeoutLength,
      presets: LIVE_CHAT_MODERATION_DEFAULTS.timeoutPresets,
      unit: this.timeoutUnit,
      error: this.userError,
      busy: this.userBusy,
      select: (userId) => (this.targetUser = userId),
      setLength: (length) => {
        this.timeoutLength = length;
        this.userError = '';
      },
      setUnit: (unit) => (this.timeoutUnit = unit),
      timeout: (form) => this.#timeout(form, selected, names.get(selected) ?? selected),
      hide: (userId, hide) => this.#hide(userId, names.get(userId) ?? userId, hide),
    })}
    ${parts.renderHiddenUsers({
      t,
      hiddenUsers: store.$hiddenUsers.get(),
      names,
      unhide: (userId) => {
        const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="hidden-user"]')];
        this.#refocus = {
          list: 'hidden',
          index: rows.findIndex((row) => row.dataset.user === userId),
        };
        void this.#hide(userId, names.get(userId) ?? userId, false);
      },
    })}
    ${parts.renderModLog({
      t,
      lang: this.#locale.lang,
      ...log,
      offsetMs: now - Date.now(),
      older: () => {
        store.loadLog(true).catch((error: Error) => (this.bansError = t.failed(error.message)));
      },
    })}`;
  }

  #renderChatDelay(current: number) {
    const t = this.#text;
    const { chatDelayChoices } = LIVE_CHAT_MODERATION_DEFAULTS;
    const choices = chatDelayChoices.includes(current)
      ? chatDelayChoices
      : [...chatDelayChoices, current].sort((a, b) => a - b);
    return html`<div class="field">
      <label for="chat-delay">${t.chatDelay}</label>
      <select
        id="chat-delay"
        part="chat-delay"
        aria-describedby="chat-delay-hint"
        @change=${this.#onChatDelayChange}
      >
        ${choices.map(
          (seconds) =>
            html`<option value=${seconds} .selected=${seconds === current}>
              ${seconds === 0 ? t.chatDelayOff : t.chatDelayOption(seconds)}
            </option>`,
        )}
      </select>
      <p id="chat-delay-hint" class="note">${t.chatDelayHint}</p>
      ${this.delayError ? html`<p part="error" class="error" role="alert">${this.delayError}</p>` : nothing}
    </div>`;
  }

  // ------------------------------------------------------------------ parts of the view

  #renderSlowMode(current: number) {
    const t = this.#text;
    const { slowModeChoices } = LIVE_CHAT_MODERATION_DEFAULTS;
    const choices = slowModeChoices.includes(current)
      ? slowModeChoices
      : [...slowModeChoices, current].sort((a, b) => a - b);
    return html`<div class="field">
      <label for="slow-mode">${t.slowMode}</label>
      <select
        id="slow-mode"
        part="slow-mode"
        aria-describedby="slow-mode-hint"
        @change=${this.#onSlowModeChange}
      >
        ${choices.map(
          (seconds) =>
            html`<option value=${seconds} .selected=${seconds === current}>
              ${seconds === 0 ? t.slowModeOff : t.slowModeOption(seconds)}
            </option>`,
        )}
      </select>
      <p id="slow-mode-hint" class="note">${t.slowModeHint}</p>
      ${this.slowError ? html`<p part="error" class="error" role="alert">${this.slowError}</p>` : nothing}
    </div>`;
  }

  #renderTerms(store: ChatStore) {
    const t = this.#text;
    const terms = store.$blockedTerms.get();
    return html`<form part="terms-form" class="field" novalidate @submit=${this.#onSave}>
      <label for="terms">${t.blockedTerms}</label>
      <p id="terms-hint" class="note">${t.blockedTermsHint}</p>
      <textarea
        id="terms"
        part="terms-input"
        rows="4"
        aria-describedby="terms-hint terms-error"
        aria-invalid=${this.termsError ? 'true' : 'false'}
        .value=${this.draft ?? terms.join('\n')}
        @input=${this.#onTermsInput}
      ></textarea>
      <p part="error" id="terms-error" class="error" role="alert">${this.termsError}</p>
      <div class="row">
        ${
          terms.length
            ? html`<div class="grow row">
                <span id="terms-now" class="note">${t.blockedNow}</span>
                <ul part="terms" class="chips" aria-labelledby="terms-now">
                  ${terms.map((term) => html`<li>${term}</li>`)}
                </ul>
              </div>`
            : html`<p part="no-terms" class="note grow">${t.noBlockedTerms}</p>`
        }
        <button
          part="save"
          class="primary"
          type="submit"
          aria-disabled=${this.saving ? 'true' : nothing}
        >
          ${t.save}
        </button>
      </div>
    </form>`;
  }

  #renderShield(store: ChatStore) {
    return renderShieldToggle({
      t: this.#text,
      on: store.$settings.get().shield === true,
      preset: store.$shieldPreset.get(),
      busy: this.shieldBusy,
      toggle: () => this.#toggleShield(store),
    });
  }

  #renderGates(store: ChatStore) {
    const t = this.#text;
    const preset = store.$shieldPreset.get();
    return html`<fieldset part="gates">
        <legend>${t.gates}</legend>
        ${renderGateFields({
          t,
          id: 'gate',
          values: store.$settings.get(),
          withPacing: false,
          change: (gates) => this.#send(() => store.setGates(gates)),
        })}
      </fieldset>
      ${
        preset
          ? html`<details part="shield-preset">
              <summary>${t.shieldPreset}</summary>
              <fieldset>
                <legend class="visually-hidden">${t.shieldPreset}</legend>
                ${renderGateFields({
                  t,
                  id: 'preset',
                  values: preset,
                  withPacing: true,
                  change: (gates) => this.#savePreset(store, { ...preset, ...gates }),
                })}
              </fieldset>
            </details>`
          : nothing
      }
      ${this.gatesError ? html`<p part="error" class="error" role="alert">${this.gatesError}</p>` : nothing}`;
  }

  // ------------------------------------------------------------------ user actions

  #toggleShield(store: ChatStore) {
    if (this.shieldBusy) return; // aria-disabled while busy: the button keeps the focus
    const on = store.$settings.get().shield !== true;
    this.shieldBusy = true;
    this.gatesError = '';
    store
      .setShield(on)
      .then(
        () => (this.announcement = on ? this.#text.shieldRaised : this.#text.shieldLifted),
        (error: Error) => (this.gatesError = this.#text.failed(error.message)),
      )
      .finally(() => (this.shieldBusy = false));
  }

  #savePreset(store: ChatStore, preset: ChatShieldPreset) {
    this.#send(() => store.setShieldPreset(preset), this.#text.presetSaved);
  }

  /** Sends one change; a refusal shows under the gates and the fields show the room's again. */
  #send(op: () => Promise<unknown>, done = '') {
    this.gatesError = '';
    op().then(
      () => (this.announcement = done),
      (error: Error) => {
        this.gatesError = this.#text.failed(error.message);
        this.requestUpdate();
      },
    );
  }

  /**
   * What a select shows: the value chosen last while its changes are in flight, else the room's.
   * Arrow keys on a select change it once per press, each sent at once: the room's echo of an
   * earlier press must not take the select back under the keyboard.
   */
  #choice(select: 'slow' | 'delay', room: number): number {
    return this.#chosen.get(select)?.value ?? room;
  }

  #choose(select: 'slow' | 'delay', value: number, op: Promise<unknown>): Promise<unknown> {
    const chosen = this.#chosen.get(select);
    const entry = { value, pending: (chosen?.pending ?? 0) + 1 };
    this.#chosen.set(select, entry);
    return op.finally(() => {
      if (--entry.pending > 0 || this.#chosen.get(select) !== entry) return;
      this.#chosen.delete(select);
      this.requestUpdate();
    });
  }

  #onSlowModeChange(event: Event) {
    const store = this.store;
    const select = event.target as HTMLSelectElement;
    if (!store) return;
    this.slowError = '';
    const value = Number(select.value);
    this.#choose('slow', value, store.setSlowMode(value)).catch((error: Error) => {
      this.slowError = this.#text.failed(error.message);
      select.value = String(store.$settings.get().slowModeSeconds);
    });
  }

  #onChatDelayChange(event: Event) {
    const store = this.store;
    const select = event.target as HTMLSelectElement;
    if (!store) return;
    this.delayError = '';
    const value = Number(select.value);
    this.#choose('delay', value, store.setChatDelay(value)).catch((error: Error) => {
      this.delayError = this.#text.failed(error.message);
      select.value = String(store.$settings.get().chatDelaySeconds ?? 0);
    });
  }

  /** Times the selected user out for the length chosen (a preset, or amount × unit), with a reason. */
  async #timeout(form: HTMLFormElement, userId: string, name: string) {
    const store = this.store;
    if (!store || !userId || this.userBusy) return;
    const t = this.#text;
    const fields = form.elements as HTMLFormControlsCollection & {
      amount?: HTMLInputElement;
      reason: HTMLInputElement;
    };
    let seconds = Number(this.timeoutLength);
    if (this.timeoutLength === 'custom') {
      seconds = Number(fields.amount?.value) * TIMEOUT_UNITS[this.timeoutUnit];
    }
    if (
      !Number.isInteger(seconds) ||
      seconds < CHAT_LIMITS.timeoutSecondsMin ||
      seconds > CHAT_LIMITS.timeoutSecondsMax
    ) {
      this.userError = t.lengthBounds;
      fields.amount?.focus();
      return;
    }
    const reason = fields.reason.value.trim();
    const minutes = Math.max(1, Math.round(seconds / 60));
    const detail = { userId, minutes, seconds, banned: true };
    const event = new LiveUserBanEvent(reason ? { ...detail, reason } : detail);
    if (!this.dispatchEvent(event)) return;
    this.userError = '';
    this.userBusy = true;
    try {
      await store.timeout(userId, seconds, reason || undefined);
      fields.reason.value = '';
      this.announcement = t.timedOut(name, lengthText(seconds));
    } catch (error) {
      this.userError = t.failed((error as Error).message);
    }
    this.userBusy = false;
  }

  async #hide(userId: string, name: string, hide: boolean) {
    const store = this.store;
    if (!store || !userId || this.userBusy) return;
    const t = this.#text;
    this.userError = '';
    try {
      await (hide ? store.hide(userId) : store.unhide(userId));
      this.announcement = hide ? t.hidden(name) : t.unhidden(name);
    } catch (error) {
      this.userError = t.failed((error as Error).message);
    }
  }

  #onTermsInput(event: InputEvent) {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.termsError = '';
    this.announcement = '';
  }

  async #onSave(event: SubmitEvent) {
    event.preventDefault();
    const store = this.store;
    if (!store || this.saving) return;
    const t = this.#text;
    const { blockedTermsMax, blockedTermMax } = LIVE_CHAT_MODERATION_DEFAULTS;
    const terms = blockedTermsOf(this.draft ?? store.$blockedTerms.get().join('\n'));
    const long = terms.find((term) => term.length > blockedTermMax);
    this.termsError =
      terms.length > blockedTermsMax
        ? t.termsTooMany(blockedTermsMax)
        : long
          ? t.termTooLong(long, blockedTermMax)
          : '';
    if (this.termsError) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#terms')?.focus();
      return;
    }
    this.saving = true;
    try {
      await store.setBlockedTerms(terms);
      this.draft = undefined;
      this.announcement = t.saved;
    } catch (error) {
      this.termsError = t.failed((error as Error).message);
    }
    this.saving = false;
  }

  #unban(ban: ChatBanned, name: string) {
    const store = this.store;
    if (!store) return;
    if (!this.dispatchEvent(new LiveUserBanEvent({ userId: ban.userId, banned: false }))) return;
    this.bansError = '';
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="ban"]')];
    this.#refocus = {
      list: 'ban',
      index: rows.findIndex((row) => row.dataset.user === ban.userId),
    };
    store.unban(ban.userId).then(
      () => (this.announcement = this.#text.unbanned(name)),
      (error: Error) => (this.bansError = this.#text.failed(error.message)),
    );
  }

  /**
   * Once the row of the pressed Unban or Unhide button is gone, focuses the next one of its list
   * (or the heading of REFOCUS).
   */
  #restoreFocus() {
    if (this.#refocus === undefined) return;
    const { button, heading } = REFOCUS[this.#refocus.list];
    const root = this.renderRoot as ShadowRoot;
    const active = root.activeElement;
    if (active) {
      // Still on the button (the relay has not answered), or the user went elsewhere.
      if (!active.matches(button)) this.#refocus = undefined;
      return;
    }
    const buttons = root.querySelectorAll<HTMLElement>(button);
    const next = buttons[Math.min(this.#refocus.index, buttons.length - 1)];
    (next ?? root.querySelector<HTMLElement>(heading))?.focus();
    this.#refocus = undefined;
  }

  // ------------------------------------------------------------------ state

  #scheduleExpiry(bans: ChatBanned[], now: number) {
    clearTimeout(this.#timer);
    const ends = bans.flatMap((ban) => (ban.until === null ? [] : [ban.until]));
    if (!ends.length) return;
    const waitMs = Math.min(Math.min(...ends) - now + 100, MAX_TIMER_MS);
    this.#timer = setTimeout(() => this.requestUpdate(), waitMs);
  }

  protected override openStore(room: RoomContext): ChatStore {
    return createChatStore(room.connection, room.room);
  }

  protected override watched(store: ChatStore) {
    return [
      store.$settings,
      store.$blockedTerms,
      store.$bans,
      store.$messages,
      store.$hiddenUsers,
      store.$modLog,
      store.$shieldPreset,
    ];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-moderation': LiveChatModeration;
  }
}
