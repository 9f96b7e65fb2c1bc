/**
 * Every piece of text `<presence-bar>` shows. Replace some or all of them through the element's
 * `strings` property to translate the widget. Counts arrive already formatted for the reader's
 * locale (`12,345`, or `12.3K` in a big room); the raw number is there for plural rules.
 */
import type { ErrorCode } from '../protocol/index.js';
import { refusedText } from './refused.js';

export interface PresenceStrings {
  loading: string;
  /**
   * Instead of the widget when the relay refused its channel or dropped it (e.g. the room became
   * signed-in only), from the relay's message and code.
   */
  refused: (message: string, code: ErrorCode) => string;
  empty: string;
  offline: string;
  reconnecting: string;
  closed: string;
  /** Visible count when every member has an avatar shown, or none has: `12 watching`. */
  watching: (count: string, n: number) => string;
  /** Visible count of the members beyond the avatars: `+12.3K watching`. */
  watchingMore: (others: string, n: number) => string;
  /** Screen-reader text of the count, always the full number: `12,345 people watching`. */
  countLabel: (count: string, n: number) => string;
  /** The button that opens the member list. */
  showEveryone: string;
  /** Accessible name of the member list. */
  listLabel: string;
  /** Above the list when it holds fewer members than the room. */
  showingFirst: (shown: string) => string;
  /** After my own name in the list. */
  you: string;
  role: { host: string; moderator: string; audience: string };
  typingOne: (name: string) => string;
  typingTwo: (first: string, second: string) => string;
  typingMany: string;
}

export const defaultPresenceStrings: PresenceStrings = {
  loading: 'Loading who is here…',
  refused: refusedText,
  empty: 'Nobody here yet',
  offline: 'Offline',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
  watching: (count) => `${count} watching`,
  watchingMore: (others) => `+${others} watching`,
  countLabel: (count, n) => `${count} ${n === 1 ? 'person' : 'people'} watching`,
  showEveryone: 'Show everyone',
  listLabel: 'Everyone here',
  showingFirst: (shown) => `Showing the first ${shown}`,
  you: '(you)',
  role: { host: 'Host', moderator: 'Moderator', audience: '' },
  typingOne: (name) => `${name} is typing…`,
  typingTwo: (first, second) => `${first} and ${second} are typing…`,
  typingMany: 'Several people are typing…',
};
