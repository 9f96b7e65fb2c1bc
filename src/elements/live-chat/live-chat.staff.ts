/**
 * What only hosts and moderators get in `<live-chat>`: the moderation buttons on a message
 * (delete anyone's, pin, unpin, timeout, ban, unban) and what they do, the markers on messages
 * the audience does not see, the pinned bar's Unpin and the slow-mode select. In a chunk of its
 * own, loaded once the relay's `welcome` says the user is staff: viewers, nearly everyone, never
 * download it, and the chat's page is at its size budget.
 */
import { html, nothing, type ReactiveElement } from 'lit';
import type { ChatStore } from '../../features/chat.js';
import { isStaff, type ChatMessage } from '../../protocol/index.js';
import { LiveMessagePinEvent, LiveUserBanEvent } from './live-chat.events.js';
import type { MessageAction, MessageView } from './live-chat.parts.js';
import type { ChatStrings } from './live-chat.strings.js';

/** What the staff parts need of the element, which keeps the state and the store. */
export interface StaffHost {
  element: ReactiveElement;
  store(): ChatStore | undefined;
  /** Length of the "timeout" ban, in minutes. */
  timeoutMinutes: number;
  /** Choices of the slow-mode select, in seconds (0 = off). */
  slowModeChoices: number[];
  /** Sends a request, showing its failure as the composer's notice. */
  run(request: Promise<unknown> | undefined): void;
  /** Moves the keyboard on from a message that goes away. */
  leave(message: ChatMessage): void;
}

/** A staff member's buttons on a message: [action, label, destructive]. */
export function staffActions(
  message: ChatMessage,
  view: MessageView,
): [MessageAction, string, boolean][] {
  const { t } = view;
  const actions: [MessageAction, string, boolean][] = [];
  if (view.canWrite) actions.push(['reply', t.reply, false]);
  // The relay refuses a moderator's delete of a host's or another moderator's message.
  const mine = view.me?.id === message.user.id;
  if (mine || view.me?.role !== 'moderator' || !isStaff(message.user)) {
    actions.push(['delete', t.delete, true]);
  }
  actions.push(view.pinnedId === message.id ? ['unpin', t.unpin, false] : ['pin', t.pin, false]);
  if (!mine && !isStaff(message.user)) {
    if (view.bannedIds.has(message.user.id)) actions.push(['unban', t.unban, false]);
    else actions.push(['timeout', t.timeout, false], ['ban', t.ban, true]);
  }
  return actions;
}

/**
 * A staff action on `message` (`unpin` unpins whatever is pinned). Delete stays with the element:
 * authors delete their own messages too.
 */
export function moderate(action: MessageAction, message: ChatMessage, host: StaffHost): void {
  const { element } = host;
  const store = host.store();
  const user = message.user;
  switch (action) {
    case 'pin':
    case 'unpin': {
      const id = action === 'pin' ? message.id : null;
      if (!element.dispatchEvent(new LiveMessagePinEvent({ id }))) return;
      return host.run(id === null ? store?.unpin() : store?.pin(id));
    }
    case 'timeout':
    case 'ban': {
      const minutes = action === 'timeout' ? host.timeoutMinutes : undefined;
      if (!element.dispatchEvent(new LiveUserBanEvent({ userId: user.id, minutes, banned: true })))
        return;
      host.leave(message);
      // A length makes it a timeout (logged as one); without, a ban until unbanned.
      return host.run(
        minutes === undefined ? store?.ban(user.id) : store?.timeout(user.id, minutes * 60),
      );
    }
    case 'unban':
      if (!element.dispatchEvent(new LiveUserBanEvent({ userId: user.id, banned: false }))) return;
      return host.run(store?.unban(user.id));
  }
}

/** What only staff see on a message the audience does not (the relay sends them the markers). */
export function staffMarker(t: ChatStrings, message: ChatMessage) {
  if (message.hidden) return html`<span part="marker" class="role marker">${t.hiddenMarker}</span>`;
  if (message.delayedUntil !== undefined) {
    return html`<span part="marker" class="role marker">${t.delayedMarker}</span>`;
  }
  return nothing;
}

/** The pinned bar's Unpin. */
export function renderUnpin(t: ChatStrings, pinned: ChatMessage, host: StaffHost) {
  const unpin = () => moderate('unpin', pinned, host);
  return html`<button type="button" @click=${unpin}>${t.unpin}</button>`;
}

/** A slow mode a host chose in a chat's select, kept while its change is in flight. */
const chosen = new WeakMap<StaffHost, { seconds: number; pending: number }>();

/**
 * The slow-mode select above the composer (a current value not among the choices is added). It
 * shows the host's choice while the change is in flight (an echo cannot pull it back), then the
 * room's: a refused change goes back to the value the room has.
 */
export function renderSlowModeSelect(t: ChatStrings, room: number, host: StaffHost) {
  const current = chosen.get(host)?.seconds ?? room;
  const choices = host.slowModeChoices.includes(current)
    ? host.slowModeChoices
    : [...host.slowModeChoices, current].sort((a, b) => a - b);
  const change = (event: Event) => {
    const select = event.target as HTMLSelectElement;
    const seconds = Number(select.value);
    const entry = { seconds, pending: (chosen.get(host)?.pending ?? 0) + 1 };
    chosen.set(host, entry);
    // Rendered once with the choice, so that the room's value is a change to bind back.
    host.element.requestUpdate();
    const request = host.store()?.setSlowMode(seconds);
    host.run(request);
    void Promise.resolve(request)
      .catch(() => {})
      .finally(() => {
        if (--entry.pending > 0 || chosen.get(host) !== entry) return;
        chosen.delete(host);
        host.element.requestUpdate();
        // A choice refused within one frame renders the value bound before, which Lit leaves
        // alone: the select would keep showing the refused choice.
        void host.element.updateComplete.then(() => {
          const now = host.store()?.$settings.get().slowModeSeconds;
          if (now !== undefined && !chosen.has(host)) select.value = String(now);
        });
      });
  };
  return html`<label class="slow">
    ${t.slowMode}
    <select part="slow-mode" .value=${String(current)} @change=${change}>
      ${choices.map(
        (seconds) =>
          html`<option value=${seconds} ?selected=${seconds === current}>
            ${seconds === 0 ? t.slowModeOff : t.slowModeOption(seconds)}
          </option>`,
      )}
    </select>
  </label>`;
}
