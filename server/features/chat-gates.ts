/**
 * The chat's gates: who may send, and what, before a message reaches the room. Each refusal is
 * `err forbidden` with `details.gate` naming the gate (and `retryAfterMs` where waiting helps),
 * so a widget can say it in words. Hosts and moderators pass every gate.
 *
 * Also the shield's preset: what one host action applies at once in a raid.
 */
import {
  CHAT_HOLD_RULES,
  CHAT_LIMITS,
  DEFAULT_SHIELD_PRESET,
  isStaff,
  type ChatGate,
  type ChatHoldRule,
  type ChatSettings,
  type ChatShieldPreset,
  type User,
} from '../../src/protocol/index.js';
import { accountCreatedAt, isAnonymous } from '../auth.js';
import { OpError, invalid } from '../errors.js';
import { optionalInteger } from './validate.js';

/**
 * The gate fields of `settings` (and of a shield preset), each optional. Slow mode and the
 * audience's chat delay are not gates (nothing is refused for them) but a raid calls for them
 * as much, so the shield can apply and restore them too.
 */
export const GATE_FIELDS = [
  'signedInOnly',
  'slowModeSeconds',
  'chatDelaySeconds',
  'minAccountAgeMinutes',
  'firstChatDelaySeconds',
  'emoteOnly',
  'links',
  'hold',
] as const satisfies readonly (keyof ChatShieldPreset)[];

/**
 * One emoji: a flag (two regional indicators), a keycap, or pictographs joined by ZWJ, each
 * with its variation selector, skin tone and tag characters (the flags of England, Scotland).
 */
const EMOJI =
  /(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}\u{E0020}-\u{E007F}]*(?:\u200D\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}\u{E0020}-\u{E007F}]*)*)/gu;

/** Whether the text is only emoji (and spaces): what emote-only mode lets through. */
export function isEmoteOnly(text: string): boolean {
  const rest = text.replace(EMOJI, '');
  return rest.length < text.length && /^\s*$/u.test(rest);
}

/**
 * Top-level domains a bare host name is a link with: every two-letter (country) domain and the
 * generic ones spam uses most. A longer list would also catch `sentence.Next`.
 */
const TLDS =
  '[a-z]{2}|com|net|org|info|biz|xyz|top|site|online|live|app|dev|link|click|shop|store|club|vip|fun|icu|pro|win|bet|cam|lol|wtf|gay|sex|porn|xxx|tube|stream|chat|gift|gifts|money|cash|crypto|finance|news|blog|page|website|space|today|life|world|email|download|free|sale';

/**
 * A link: a scheme, `www.`, or a host name ending in a known top-level domain followed by a
 * path, a port or the end of the word (`spam.com`, `bit.ly/x`). Look-alike dots (`spam｡com`)
 * count too. "e.g." and "3.14" are not links.
 */
const LINK = new RegExp(
  String.raw`(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww[.。｡．]|[\p{L}\p{N}-][.。｡．](?:${TLDS})(?![\p{L}\p{N}]))`,
  'iu',
);

/** Whether the text holds something a browser or a reader would follow as a link. */
export function hasLink(text: string): boolean {
  return LINK.test(text);
}

/** How a gate answers: why not, and when to try again (ms), if ever. */
function refused(gate: ChatGate, message: string, retryAfterMs?: number): OpError {
  const extra: { details: unknown; retryAfterMs?: number } = { details: { gate } };
  if (retryAfterMs !== undefined) {
    extra.retryAfterMs = retryAfterMs;
    extra.details = { gate, retryAfterMs };
  }
  return new OpError('forbidden', message, extra);
}

/**
 * Throws the first gate that refuses `text` from `user` now. `firstSeen` is when the user was
 * first seen in the room (relay ms), or undefined when never.
 *
 * Signed-in only is enforced for the whole room by `refuseEntry` (anonymous users never reach
 * here); it is checked again so a send that races the change is still refused in words.
 */
export function checkGates(
  settings: ChatSettings,
  user: User,
  text: string,
  now: number,
  firstSeen: number | undefined,
): void {
  if (isStaff(user)) return;
  if (settings.signedInOnly && isAnonymous(user)) {
    throw refused('signedIn', 'chat is for signed-in viewers');
  }
  const minAgeMs = (settings.minAccountAgeMinutes ?? 0) * 60_000;
  if (minAgeMs > 0) {
    // Anonymous users have no account; a token without the claim has an unknown age: both wait
    // for ever, which is what a host asking for old accounts means.
    const created = isAnonymous(user) ? undefined : accountCreatedAt(user);
    if (created === undefined) {
      throw refused('accountAge', 'chat is for accounts old enough, and yours has no age');
    }
    if (now - created < minAgeMs) {
      throw refused('accountAge', 'your account is too new to chat here', created + minAgeMs - now);
    }
  }
  const delayMs = (settings.firstChatDelaySeconds ?? 0) * 1000;
  if (delayMs > 0) {
    const since = firstSeen ?? now;
    if (now - since < delayMs) {
      throw refused(
        'firstChat',
        'first-time chatters wait before they can chat',
        since + delayMs - now,
      );
    }
  }
  if (settings.emoteOnly && !isEmoteOnly(text)) throw refused('emoteOnly', 'emote-only mode');
  // `links: 'held'` lets links through to the review queue (chat.ts).
  if (settings.links === 'staff' && hasLink(text)) {
    throw refused('links', 'links are not allowed');
  }
}

/**
 * The gate fields of `data` that are present, checked: the part of a `settings` op or a shield
 * preset about who may send and what. Unknown values are `invalid`.
 */
export function parseGates(data: Record<string, unknown>): ChatShieldPreset {
  const gates: ChatShieldPreset = {};
  for (const field of ['signedInOnly', 'emoteOnly'] as const) {
    if (data[field] === undefined) continue;
    if (typeof data[field] !== 'boolean') throw invalid(`${field} must be a boolean`, { field });
    gates[field] = data[field];
  }
  const slow = optionalInteger(data, 'slowModeSeconds', 0, CHAT_LIMITS.slowModeSecondsMax);
  if (slow !== undefined) gates.slowModeSeconds = slow;
  const chatDelay = optionalInteger(data, 'chatDelaySeconds', 0, CHAT_LIMITS.chatDelaySecondsMax);
  if (chatDelay !== undefined) gates.chatDelaySeconds = chatDelay;
  const age = optionalInteger(data, 'minAccountAgeMinutes', 0, CHAT_LIMITS.minAccountAgeMinutesMax);
  if (age !== undefined) gates.minAccountAgeMinutes = age;
  const delay = optionalInteger(
    data,
    'firstChatDelaySeconds',
    0,
    CHAT_LIMITS.firstChatDelaySecondsMax,
  );
  if (delay !== undefined) gates.firstChatDelaySeconds = delay;
  if (data.links !== undefined) {
    if (data.links !== 'all' && data.links !== 'staff' && data.links !== 'held') {
      throw invalid("links must be 'all', 'staff' or 'held'", { field: 'links' });
    }
    gates.links = data.links;
  }
  if (data.hold !== undefined) {
    const hold = data.hold;
    if (
      !Array.isArray(hold) ||
      hold.length > CHAT_HOLD_RULES.length ||
      !hold.every((rule) => CHAT_HOLD_RULES.includes(rule as ChatHoldRule))
    ) {
      throw invalid(`hold must be a list of ${CHAT_HOLD_RULES.join(', ')}`, { field: 'hold' });
    }
    gates.hold = [...new Set(hold as ChatHoldRule[])];
  }
  return gates;
}

/** Settings with `gates` applied: zero, false and `'all'` remove a field (its default). */
export function withGates(settings: ChatSettings, gates: ChatShieldPreset): ChatSettings {
  const next: ChatSettings = { ...settings };
  for (const field of GATE_FIELDS) {
    const value = gates[field];
    if (value === undefined) continue;
    if (field === 'slowModeSeconds') next.slowModeSeconds = value as number;
    else if (
      value === 0 ||
      value === false ||
      value === 'all' ||
      (Array.isArray(value) && value.length === 0)
    ) {
      delete next[field];
    } else (next as unknown as Record<string, unknown>)[field] = value;
  }
  return next;
}

/**
 * The gate fields of `settings`, each given (off where unset): what lifting the shield restores.
 * `hold` only when set (the caller adds `[]` when the preset holds).
 */
export function gatesOf(
  settings: ChatSettings,
): Required<Omit<ChatShieldPreset, 'hold'>> & Pick<ChatShieldPreset, 'hold'> {
  const gates = {
    signedInOnly: settings.signedInOnly ?? false,
    slowModeSeconds: settings.slowModeSeconds,
    chatDelaySeconds: settings.chatDelaySeconds ?? 0,
    minAccountAgeMinutes: settings.minAccountAgeMinutes ?? 0,
    firstChatDelaySeconds: settings.firstChatDelaySeconds ?? 0,
    emoteOnly: settings.emoteOnly ?? false,
    links: settings.links ?? 'all',
  };
  return settings.hold ? { ...gates, hold: settings.hold } : gates;
}

/** The preset a room starts with. */
export const defaultShieldPreset = (): ChatShieldPreset => ({ ...DEFAULT_SHIELD_PRESET });
