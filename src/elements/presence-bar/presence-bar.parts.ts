/**
 * Templates and text of `<presence-bar>`: an avatar, a member list entry, the count, who is
 * typing. Pure functions, so the element keeps its state and focus handling in one place. Names
 * and statuses only ever go through text bindings. A member's name is the relay's, never one from
 * its presence data, so nobody can pass for someone else.
 */
import { html, nothing } from 'lit';
import type { PresenceMember, User } from '../../protocol/index.js';
import { formats } from '../internal/locale.js';
import type { PresenceStrings } from './presence-bar.strings.js';

/** Look of the generated avatars, in one place. */
export const AVATAR_DEFAULTS = {
  /** Saturation and lightness (%) of an initials avatar: dark enough for white initials. */
  saturation: 50,
  lightness: 30,
  /** Initials taken from a name. */
  initials: 2,
} as const;

/**
 * A member's picture: the one its token carries, else an https `avatar` from its presence data
 * (the relay keeps those only from the origins its operator listed).
 */
export function pictureOf(member: PresenceMember): string | undefined {
  if (member.avatar) return member.avatar;
  const chosen = member.data?.avatar;
  return typeof chosen === 'string' && chosen.startsWith('https://') ? chosen : undefined;
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
  const name = member.name;
  const picture = pictureOf(member);
  if (picture && !broken.has(member.id)) {
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
      <span dir="auto" part="name" class="name">${member.name}</span>
      ${member.id === meId ? html`<span class="you">${t.you}</span>` : nothing}
      ${role ? html`<span part="role" class="role">${role}</span>` : nothing}
      ${status ? html`<span part="status-text" class="status-text">${status}</span>` : nothing}
    </span>
  </li>`;
}

/** "Ana is typing…" */
export function typingText(t: PresenceStrings, users: User[]): string {
  const names = users.map((user) => user.name);
  if (names.length === 0) return '';
  if (names.length === 1) return t.typingOne(names[0]);
  if (names.length === 2) return t.typingTwo(names[0], names[1]);
  return t.typingMany;
}

const fullNumber = formats((lang) => new Intl.NumberFormat(lang));
const compactNumber = formats(
  (lang) => new Intl.NumberFormat(lang, { notation: 'compact', maximumSignificantDigits: 3 }),
);

/** `12,345`, or `12.3K` when `compact` (a big room), in `lang`. */
export function formatCount(n: number, compact: boolean, lang = navigator.language): string {
  return (compact ? compactNumber : fullNumber)(lang).format(n);
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
