/**
 * The list of bans and timeouts of `<live-chat-moderation>`, with an Unban button each. A pure
 * function of a view object; names only ever go through text bindings.
 */
import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatBanned } from '../../protocol/index.js';
import type { ChatModerationStrings } from './live-chat-moderation.strings.js';

export interface BansView {
  t: ChatModerationStrings;
  /** Bans in force now. */
  bans: ChatBanned[];
  /** User id → name, from the messages the store holds; the id shows when unknown. */
  names: Map<string, string>;
  /** Relay clock minus this clock (ms): `until` is relay time. */
  offsetMs: number;
  unban(ban: ChatBanned, name: string): void;
}

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When a timeout ends, on this clock: the time alone when it is today. */
function endOf(until: number, view: BansView): string {
  const end = new Date(until - view.offsetMs);
  const today = end.toDateString() === new Date().toDateString();
  return (today ? timeOnly : dateAndTime).format(end);
}

export function renderBans(view: BansView) {
  const { t, bans } = view;
  return html`<section class="bans" aria-labelledby="bans-heading">
    <h3 id="bans-heading" class="label" tabindex="-1">${t.bans}</h3>
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
