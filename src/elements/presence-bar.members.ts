/**
 * Templates and text of `<presence-bar>`: an avatar, a member list entry, the count, who is
 * typing. Pure functions, so the element keeps its state and focus handling in one place. Names
 * and statuses only ever go through text bindings.
 */
import { html, nothing } from 'lit';
import type { PresenceMember, User } from '../protocol.js';
import type { PresenceStrings } from './presence-bar.strings.js';

/** Look of the generated avatars, in one place. */
export const AVATAR_DEFAULTS = {
  /** Saturation and lightness (%) of an initials avatar: dark enough for white initials. */
  saturation: 50,
  lightness: 30,
  /** Initials taken from a name. */
  initials: 2,
} as const;

/** What a member shows as its name: the presence `name` it entered with, else the relay's. */
export function displayName(member: User & { data?: Record<string, unknown> }): string {
  const chosen = member.data?.name;
  return typeof chosen === 'string' && chosen.trim() ? chosen.trim() : member.name;
}

/** The presence `status` a member entered with, if any. */
function statusOf(member: PresenceMember): string {
  const status = member.data?.status;
  return typeof status === 'string' ? status : '';
}

/** A hue (0–359) that stays the same for a user id on every page (FNV-1a). */
export function hueOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 360;
}

/** Up to two initials from the words that start with a letter or digit, else the first sign. */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => /^[\p{L}\p{N}]/u.test(word));
  const initials = words.slice(0, AVATAR_DEFAULTS.initials).map((word) => [...word][0]);
  return (initials.join('') || [...name.trim()][0] || '?').toLocaleUpperCase();
}

/** An avatar: the member's picture when it has one (and it loads), else initials on a colour. */
export function renderAvatar(member: PresenceMember, broken: ReadonlySet<string>, named: boolean) {
  const name = displayName(member);
  const picture = member.avatar ?? member.data?.avatar;
  if (typeof picture === 'string' && picture && !broken.has(member.id)) {
    return html`<img
      part="avatar"
      class="avatar"
      src=${picture}
      alt=${named ? name : ''}
      title=${name}
      data-id=${member.id}
    />`;
  }
  const { saturation, lightness } = AVATAR_DEFAULTS;
  return html`<span
    part="avatar initials"
    class="avatar"
    style="background-color: hsl(${hueOf(member.id)} ${saturation}% ${lightness}%)"
    role=${named ? 'img' : nothing}
    aria-label=${named ? name : nothing}
    aria-hidden=${named ? nothing : 'true'}
    title=${name}
    >${initialsOf(name)}</span
  >`;
}

/** One entry of the member list; `focusable` makes it the list's tab stop. */
export function renderMember(
  member: PresenceMember,
  t: PresenceStrings,
  meId: string | undefined,
  broken: ReadonlySet<string>,
  focusable: boolean,
) {
  const role = t.role[member.role];
  const status = statusOf(member);
  return html`<li part="member" class="member" tabindex=${focusable ? 0 : -1} data-id=${member.id}>
    ${renderAvatar(member, broken, false)}
    <span class="who">
      <span part="name" class="name">${displayName(member)}</span>
      ${member.id === meId ? html`<span class="you">${t.you}</span>` : nothing}
      ${role ? html`<span part="role" class="role">${role}</span>` : nothing}
      ${status ? html`<span part="status-text" class="status-text">${status}</span>` : nothing}
    </span>
  </li>`;
}

/** "Ana is typing…", with the names members chose when they are in the list. */
export function typingText(t: PresenceStrings, users: User[], members: PresenceMember[]): string {
  const byId = new Map(members.map((member) => [member.id, member]));
  const names = users.map((user) => displayName(byId.get(user.id) ?? user));
  if (names.length === 0) return '';
  if (names.length === 1) return t.typingOne(names[0]);
  if (names.length === 2) return t.typingTwo(names[0], names[1]);
  return t.typingMany;
}

const fullNumber = new Intl.NumberFormat();
const compactNumber = new Intl.NumberFormat(undefined, {
  notation: 'compact',
  maximumSignificantDigits: 3,
});

/** `12,345`, or `12.3K` when `compact` (a big room). */
export function formatCount(n: number, compact: boolean): string {
  return (compact ? compactNumber : fullNumber).format(n);
}

/**
 * The index of the list entry to focus after `key` (arrows, Home, End) from `current`, or
 * undefined when the key does not move.
 */
export function nextIndex(key: string, current: number, length: number): number | undefined {
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return Math.min(length - 1, current + 1);
    case 'ArrowUp':
    case 'ArrowLeft':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return length - 1;
  }
  return undefined;
}
