/**
 * Templates of `<live-chat>`'s message list: a message with its actions, a quote, a pending send.
 * Pure functions of a view object, so the element keeps its state and actions in one place.
 * User text only ever goes through text bindings.
 */
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { PendingMessage } from '../../features/chat.js';
import type { ChatMessage, ChatSettings, User } from '../../protocol/index.js';
import { formats } from '../internal/locale.js';
import type { ChatStrings } from './live-chat.strings.js';

/** The staff parts (live-chat.staff.ts), a chunk loaded only for hosts and moderators. */
export type StaffParts = typeof import('./live-chat.staff.js');

export type MessageAction =
  'reply' | 'delete' | 'pin' | 'unpin' | 'timeout' | 'ban' | 'unban' | 'report';
export type PendingAction = 'retry' | 'dismiss';

/** What the templates need to know about the viewer and the room, computed once per render. */
export interface MessageView {
  t: ChatStrings;
  /** The widget's language, for the times. */
  lang: string;
  me: User | null | undefined;
  /** The viewer is a host or moderator. */
  staff: boolean;
  /** The staff parts, once loaded (staff only): until then a staff member's messages show no actions. */
  staffParts: StaffParts | undefined;
  /** The viewer may write (not banned). */
  canWrite: boolean;
  pinnedId: string | undefined;
  /** Users banned now (known to staff only). */
  bannedIds: Set<string>;
  /** Messages I reported (not offered again). */
  reported: Set<string>;
  /** Every message the store holds, for quotes of parents no longer rendered. */
  byId: Map<string, ChatMessage>;
  act(action: MessageAction, message: ChatMessage): void;
  actOnPending(action: PendingAction, entry: PendingMessage): void;
}

const timeFormat = formats(
  (lang) => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }),
);

/**
 * A message rendered again only when something it shows changed: a frame that adds a few
 * messages to 200 does not rebuild (and diff) the other 199.
 */
export function renderMessageOnce(message: ChatMessage, view: MessageView) {
  const parent = message.replyTo ? view.byId.get(message.replyTo) : undefined;
  const deps = [
    message,
    parent,
    view.t,
    view.lang,
    view.me?.id,
    view.staff,
    view.staffParts,
    view.canWrite,
    view.pinnedId === message.id,
    view.bannedIds.has(message.user.id),
    view.reported.has(message.id),
  ];
  return guard(deps, () => renderMessage(message, view));
}

/**
 * One message: an `article` named "Ana (Host), 12:03: hello" for screen readers, one row of the
 * log's roving focus (`data-row`, `tabindex="-1"`: the element moves the one Tab stop of the log
 * between rows, and makes a row's buttons tabbable only while the keyboard is on that row).
 */
export function renderMessage(message: ChatMessage, view: MessageView) {
  const { t } = view;
  const time = message.ts ? timeFormat(view.lang).format(message.ts) : '';
  const parent = message.replyTo ? view.byId.get(message.replyTo) : undefined;
  const name = t.messageName({
    author: message.user.name,
    role: t.role[message.user.role] ?? '',
    time,
    text: message.text,
    replyTo: parent?.user.name,
  });
  return html`<article
    part="message"
    class="message"
    data-id=${message.id}
    data-row
    tabindex="-1"
    aria-label=${name}
  >
    ${renderQuote(message.replyTo, view)}
    <div class="meta">
      <span part="author" class="author" dir="auto">${message.user.name}</span>
      ${roleBadge(t, message.user)} ${view.staffParts?.staffMarker(t, message) ?? nothing}
      ${heldMarker(t, message, view)}
      ${
        message.ts
          ? html`<time datetime=${new Date(message.ts).toISOString()}>${time}</time>`
          : nothing
      }
    </div>
    <p part="text" class="text" dir="auto">${message.text}</p>
    <div part="actions" class="actions" role="group" aria-label=${t.actionsFor(message.user.name)}>
      ${actionsFor(message, view).map(
        ([action, label, danger]) =>
          html`<button
            type="button"
            tabindex="-1"
            class=${danger ? 'danger' : ''}
            data-action=${action}
            @click=${() => view.act(action, message)}
          >
            ${label}
          </button>`,
      )}
    </div>
  </article>`;
}

/** The buttons the viewer gets on a message: [action, label, destructive]. */
function actionsFor(message: ChatMessage, view: MessageView): [MessageAction, string, boolean][] {
  // Staff act on what others wrote (their buttons come with the staff parts); viewers report it.
  if (view.staff) return view.staffParts?.staffActions(message, view) ?? [];
  const { t } = view;
  const mine = view.me?.id === message.user.id;
  const actions: [MessageAction, string, boolean][] = [];
  if (view.canWrite) actions.push(['reply', t.reply, false]);
  if (mine) actions.push(['delete', t.delete, true]);
  if (view.me && !mine && !message.held && !view.reported.has(message.id)) {
    actions.push(['report', t.report, false]);
  }
  return actions;
}

export function renderQuote(replyTo: string | undefined, view: MessageView) {
  if (!replyTo) return nothing;
  const parent = view.byId.get(replyTo);
  return html`<div part="quote" class="quote">
    ${
      parent
        ? html`<span class="author" dir="auto">${parent.user.name}</span> <bdi>${parent.text}</bdi>`
        : view.t.unknownParent
    }
  </div>`;
}

export function renderPending(entry: PendingMessage, view: MessageView) {
  const { t } = view;
  const failed = entry.status === 'failed';
  const status = failed ? failedText(entry, t) : t.sending;
  const author = view.me?.name ?? '';
  const name = t.messageName({ author, role: '', time: status, text: entry.text });
  return html`<article
    part="message"
    class="message ${failed ? 'failed' : 'pending'}"
    data-pending
    data-row
    tabindex="-1"
    aria-label=${name}
  >
    ${renderQuote(entry.replyTo, view)}
    <div class="meta">
      <span part="author" class="author" dir="auto">${author}</span>
      <span class="status">${status}</span>
    </div>
    <p part="text" class="text" dir="auto">${entry.text}</p>
    ${
      failed
        ? html`<div part="actions" class="actions inline">
            <button
              type="button"
              tabindex="-1"
              data-action="retry"
              @click=${() => view.actOnPending('retry', entry)}
            >
              ${t.retry}
            </button>
            <button
              type="button"
              tabindex="-1"
              data-action="dismiss"
              @click=${() => view.actOnPending('dismiss', entry)}
            >
              ${t.dismiss}
            </button>
          </div>`
        : nothing
    }
  </article>`;
}

/** Why a send failed: a gate in the widget's words (with the time left), else the relay's. */
function failedText(entry: PendingMessage, t: ChatStrings): string {
  if (!entry.gate) return t.failed(entry.error ?? '');
  return t.gated(entry.gate, gateWait(entry));
}

/** The room's rules on what viewers may write, shown above the composer while in force. */
export function gateNotices(settings: ChatSettings, t: ChatStrings) {
  const notices = [];
  if (settings.emoteOnly) notices.push(t.gated('emoteOnly', 0));
  if (settings.links === 'staff') notices.push(t.gated('links', 0));
  return notices.map((text) => html`<p class="notice" part="gate">${text}</p>`);
}

/** Whole seconds left before a gate would let the send through; 0 when none or past. */
export function gateWait(entry: PendingMessage): number {
  return entry.retryAt ? Math.max(0, Math.ceil((entry.retryAt - Date.now()) / 1000)) : 0;
}

export function pendingKey(entry: PendingMessage): string {
  return entry.mid ?? entry.text;
}

/** "Held for review" on a held message (its author's, or any for staff); "Reported" on mine. */
function heldMarker(t: ChatStrings, message: ChatMessage, view: MessageView) {
  if (message.held) return html`<span part="held" class="role marker held">${t.heldMarker}</span>`;
  if (view.reported.has(message.id)) {
    return html`<span part="reported" class="role marker">${t.reported}</span>`;
  }
  return nothing;
}

function roleBadge(t: ChatStrings, user: User) {
  const label = t.role[user.role];
  return label ? html`<span class="role">${label}</span>` : nothing;
}

export function typingText(t: ChatStrings, users: User[]): string {
  if (users.length === 0) return '';
  if (users.length === 1) return t.typingOne(users[0].name);
  if (users.length === 2) return t.typingTwo(users[0].name, users[1].name);
  return t.typingMany;
}

export function bannedText(t: ChatStrings, until: number | null, now: number): string {
  if (until === null) return t.bannedForever;
  return t.bannedUntil(Math.max(1, Math.ceil((until - now) / 60_000)));
}

/** A timeout's time left as a clock, `9:41` or `1:02:03` (days count as hours). */
export function timeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}
