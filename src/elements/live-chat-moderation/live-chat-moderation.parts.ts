/**
 * The views of `<live-chat-moderation>`: the bans and timeouts with an Unban button each, the
 * form acting on one user, the hidden users and the moderation log. Pure functions of view
 * objects; names and reasons only ever go through text bindings.
 */
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatBanned, ChatLogEntry } from '../../protocol/index.js';
import { formats } from '../internal/locale.js';
import { lengthText, type ChatModerationStrings } from './live-chat-moderation.strings.js';

export interface BansView {
  t: ChatModerationStrings;
  /** The widget's language, for the times. */
  lang: string;
  /** Bans in force now. */
  bans: ChatBanned[];
  /** User id → name, from the messages the store holds; the id shows when unknown. */
  names: Map<string, string>;
  /** Relay clock minus this clock (ms): `until` is relay time. */
  offsetMs: number;
  unban(ban: ChatBanned, name: string): void;
}

const timeOnly = formats((lang) => new Intl.DateTimeFormat(lang, { timeStyle: 'short' }));
const dateAndTime = formats(
  (lang) => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }),
);

/** When a timeout ends, on this clock: the time alone when it is today. */
function endOf(until: number, view: BansView): string {
  const end = new Date(until - view.offsetMs);
  const today = end.toDateString() === new Date().toDateString();
  return (today ? timeOnly : dateAndTime)(view.lang).format(end);
}

export function renderBans(view: BansView) {
  const { t, bans } = view;
  return html`<section class="bans" aria-labelledby="bans-heading">
    <h2 id="bans-heading" class="label" tabindex="-1">${t.bans}</h2>
    ${
      bans.length
        ? html`<ul part="bans" class="list">
            ${repeat(
              bans,
              (ban) => ban.userId,
              (ban) => renderBan(ban, view),
            )}
          </ul>`
        : html`<p part="no-bans" class="note">${t.noBans}</p>`
    }
  </section>`;
}

function renderBan(ban: ChatBanned, view: BansView) {
  const { t } = view;
  const name = view.names.get(ban.userId) ?? ban.userId;
  const until = ban.until === null ? t.bannedForever : t.bannedUntil(endOf(ban.until, view));
  return html`<li part="ban" class="item" data-user=${ban.userId}>
    <span part="ban-name" class="name">${name}</span>
    <span part="ban-until" class="note grow">${until}</span>
    <button
      part="unban"
      type="button"
      aria-label=${t.unbanUser(name)}
      @click=${() => view.unban(ban, name)}
    >
      ${t.unban}
    </button>
  </li>`;
}

/** The units a custom timeout may be typed in. */
export type TimeoutUnit = keyof ChatModerationStrings['units'];
const UNITS: TimeoutUnit[] = ['seconds', 'minutes', 'hours', 'days'];

export interface UserActionsView {
  t: ChatModerationStrings;
  /** Users who wrote lately, newest first (staff left out). */
  users: { id: string; name: string }[];
  selected: string;
  hiddenUsers: Set<string>;
  /** A preset length in seconds, or `custom`. */
  length: string;
  presets: readonly number[];
  unit: TimeoutUnit;
  error: string;
  busy: boolean;
  select(userId: string): void;
  setLength(length: string): void;
  setUnit(unit: TimeoutUnit): void;
  timeout(form: HTMLFormElement): void;
  hide(userId: string, hide: boolean): void;
}

/**
 * The form acting on one user: who, how long (a select of presets, or a custom amount and unit),
 * why, then Time out, Hide or Unhide. Native controls only: usable by keyboard as they are.
 */
export function renderUserActions(view: UserActionsView) {
  const { t } = view;
  if (!view.users.length) {
    return html`<section class="field" aria-labelledby="user-actions-heading">
      <h2 id="user-actions-heading" class="label" tabindex="-1">${t.userActions}</h2>
      <p part="no-users" class="note">${t.noUsers}</p>
    </section>`;
  }
  const hidden = view.hiddenUsers.has(view.selected);
  return html`<form
    part="user-actions"
    class="field"
    aria-labelledby="user-actions-heading"
    novalidate
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      view.timeout(event.target as HTMLFormElement);
    }}
  >
    <h2 id="user-actions-heading" class="label" tabindex="-1">${t.userActions}</h2>
    <label for="target-user">${t.user}</label>
    <select
      id="target-user"
      part="target-user"
      @change=${(event: Event) => view.select((event.target as HTMLSelectElement).value)}
    >
      ${view.users.map(
        (user) =>
          html`<option value=${user.id} .selected=${user.id === view.selected}>
            ${user.name}
          </option>`,
      )}
    </select>
    <label for="timeout-length">${t.length}</label>
    <div class="row">
      <select
        id="timeout-length"
        name="length"
        part="timeout-length"
        @change=${(event: Event) => view.setLength((event.target as HTMLSelectElement).value)}
      >
        ${view.presets.map(
          (seconds) =>
            html`<option value=${seconds} .selected=${String(seconds) === view.length}>
              ${t.lengthOption(seconds)}
            </option>`,
        )}
        <option value="custom" .selected=${view.length === 'custom'}>${t.lengthCustom}</option>
      </select>
      ${
        view.length === 'custom'
          ? html`<input
                id="timeout-amount"
                name="amount"
                part="timeout-amount"
                type="number"
                min="1"
                step="1"
                required
                aria-label=${t.customAmount}
                aria-describedby="timeout-error"
              />
              <select
                name="unit"
                part="timeout-unit"
                aria-label=${t.customAmount}
                @change=${(event: Event) =>
                  view.setUnit((event.target as HTMLSelectElement).value as TimeoutUnit)}
              >
                ${UNITS.map(
                  (unit) =>
                    html`<option value=${unit} .selected=${unit === view.unit}>
                      ${t.units[unit]}
                    </option>`,
                )}
              </select>`
          : nothing
      }
    </div>
    <label for="timeout-reason">${t.reason}</label>
    <input
      id="timeout-reason"
      name="reason"
      part="timeout-reason"
      maxlength="200"
      aria-describedby="reason-hint"
    />
    <p id="reason-hint" class="note">${t.reasonHint}</p>
    <p part="error" id="timeout-error" class="error" role="alert">${view.error}</p>
    <div class="row">
      <button
        part="timeout"
        class="primary"
        type="submit"
        aria-disabled=${view.busy ? 'true' : nothing}
      >
        ${t.timeOut}
      </button>
      <button
        part=${hidden ? 'unhide' : 'hide'}
        type="button"
        aria-describedby="hide-hint"
        aria-disabled=${view.busy ? 'true' : nothing}
        @click=${() => view.hide(view.selected, !hidden)}
      >
        ${hidden ? t.unhide : t.hide}
      </button>
    </div>
    <p id="hide-hint" class="note">${t.hideHint}</p>
  </form>`;
}

export interface HiddenUsersView {
  t: ChatModerationStrings;
  hiddenUsers: string[];
  names: Map<string, string>;
  unhide(userId: string): void;
}

/** The users hidden now, each with an Unhide button; nothing when nobody is hidden. */
export function renderHiddenUsers(view: HiddenUsersView) {
  const { t } = view;
  if (!view.hiddenUsers.length) return nothing;
  return html`<section class="bans" aria-labelledby="hidden-heading">
    <h2 id="hidden-heading" class="label">${t.hiddenUsers}</h2>
    <ul part="hidden-users" class="list">
      ${repeat(
        view.hiddenUsers,
        (userId) => userId,
        (userId) => {
          const name = view.names.get(userId) ?? userId;
          return html`<li part="hidden-user" class="item" data-user=${userId}>
            <span class="name grow">${name}</span>
            <button
              part="unhide"
              type="button"
              aria-label=${t.unhideUser(name)}
              @click=${() => view.unhide(userId)}
            >
              ${t.unhide}
            </button>
          </li>`;
        },
      )}
    </ul>
  </section>`;
}

export interface ModLogView {
  t: ChatModerationStrings;
  /** The widget's language, for the times. */
  lang: string;
  entries: ChatLogEntry[];
  more: boolean;
  loaded: boolean;
  offsetMs: number;
  older(): void;
}

/** The moderation log, newest first, with a button for older entries. Text bindings only. */
export function renderModLog(view: ModLogView) {
  const { t } = view;
  return html`<section class="bans" part="mod-log" aria-labelledby="mod-log-heading">
    <h2 id="mod-log-heading" class="label">${t.modLog}</h2>
    ${
      view.entries.length
        ? html`<ol part="mod-log-entries" class="list">
            ${repeat(
              view.entries,
              (entry) => entry.n,
              (entry) =>
                html`<li part="mod-log-entry" class="item">
                  <time class="note" datetime=${new Date(entry.at - view.offsetMs).toISOString()}
                    >${timeOnly(view.lang).format(new Date(entry.at - view.offsetMs))}</time
                  >
                  <span class="grow">${logLine(t, entry)}</span>
                </li>`,
            )}
          </ol>`
        : view.loaded
          ? html`<p part="mod-log-empty" class="note">${t.modLogEmpty}</p>`
          : nothing
    }
    ${
      view.more
        ? html`<button part="mod-log-older" type="button" @click=${() => view.older()}>
            ${t.modLogOlder}
          </button>`
        : nothing
    }
  </section>`;
}

function logLine(t: ChatModerationStrings, entry: ChatLogEntry): string {
  const line: Parameters<ChatModerationStrings['modLogLine']>[0] = {
    by: entry.by.name,
    action:
      t.actions[entry.action === 'shield' && !entry.on ? 'shieldOff' : entry.action] ??
      entry.action,
    target: entry.target ? (entry.target.name ?? entry.target.id) : '',
  };
  if (entry.seconds !== undefined) line.length = lengthText(entry.seconds);
  if (entry.reason) line.reason = entry.reason;
  if (entry.settings) {
    line.settings = Object.entries(entry.settings)
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(', ');
  }
  return t.modLogLine(line);
}
