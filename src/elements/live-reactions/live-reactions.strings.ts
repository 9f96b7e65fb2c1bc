/**
 * Every piece of text `<live-reactions>` shows. Replace some or all of them through the
 * element's `strings` property to translate the widget.
 */
import type { ErrorCode } from '../../protocol/index.js';
import { refusedText } from '../internal/refused.js';
import type { ConnectionStrings } from '../internal/strings.js';

export interface ReactionsStrings extends ConnectionStrings {
  /** Accessible name of the row of buttons. */
  group: string;
  /** Accessible name of one button. */
  reactWith: (emoji: string) => string;
  /**
   * In the status line, the buttons disabled, when the relay refused the channel or dropped it
   * (e.g. the room became signed-in only), from the relay's message and code.
   */
  refused: (message: string, code: ErrorCode, details?: unknown) => string;
  /** Host: the button that opens the editor. */
  editEmojis: string;
  /** Host: the editor's field. */
  editLabel: string;
  editHint: string;
  save: string;
  cancel: string;
  /** Editor errors found before sending. */
  editEmpty: string;
  editTooMany: (max: number) => string;
  editDuplicate: (emoji: string) => string;
  editTooLong: (emoji: string) => string;
}

export const defaultReactionsStrings: ReactionsStrings = {
  group: 'Reactions',
  reactWith: (emoji) => `React with ${emoji}`,
  offline: 'Offline: reactions are paused.',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected.',
  refused: refusedText,
  editEmojis: 'Edit emojis',
  editLabel: 'Emojis, separated by commas',
  editHint: 'For example: ❤️, 👏, 🔥',
  save: 'Save',
  cancel: 'Cancel',
  editEmpty: 'Give at least one emoji.',
  editTooMany: (max) => `At most ${max} emojis.`,
  editDuplicate: (emoji) => `${emoji} is listed twice.`,
  editTooLong: (emoji) => `“${emoji}” is too long for one reaction.`,
};
