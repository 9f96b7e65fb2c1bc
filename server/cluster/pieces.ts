/**
 * Large frames of sub answers (a room's member list, a chat snapshot) that the owner of a room
 * sends to another relay once, then names: in a join surge thousands of viewers of one relay
 * subscribe in a few seconds and almost all get the same list. The asking relay says which
 * pieces of a channel it holds (`have`); the owner sends `=ID` for those instead of the text.
 *
 * On the wire a piece is its text (a JSON frame: it starts with `{` or `[`), `+ID\u0002TEXT` (a
 * named piece, to keep), or `=ID` (a piece the asker holds).
 */

import { BoundedMap } from '../bounded.js';

/**
 * After a named piece's ID. Never U+0000 (between the pieces of an answer, `messages.ts`) nor
 * U+0001 (between the messages of a batch, `mailbox.ts`): a named piece cut there arrived as
 * half a frame. JSON text never holds a raw control character.
 */
const NAME_END = '\u0002';

/** Pieces shorter than this are always sent whole: naming them would not pay. */
export const PIECE_MIN_CHARS = 1_024;
/** Pieces an asking relay keeps per channel (the newest). */
const KEPT_PER_CHANNEL = 8;
/** Channels an asking relay keeps pieces for (the newest). */
const CHANNELS = 10_000;
/** Pieces an owner remembers the names of. */
const NAMED = 512;

/** The owner's side: names for the large pieces it sent lately. */
export class PieceNames {
  #ids = new BoundedMap<string, string>(NAMED);
  #next = 0;

  constructor(private relayId: string) {}

  /** The piece as it goes on the wire to an asker that holds the pieces `have`. */
  encode(piece: string, have: ReadonlySet<string>): string {
    if (piece.length < PIECE_MIN_CHARS) return piece;
    // The same string object comes back from the feature's cache: its Map lookup is cheap.
    let id = this.#ids.get(piece);
    if (id === undefined) {
      id = `${this.relayId}.${++this.#next}`;
      this.#ids.set(piece, id);
    }
    return have.has(id) ? `=${id}` : `+${id}${NAME_END}${piece}`;
  }
}

/** The asking side: the pieces it holds, per channel. */
export class PieceCache {
  #byChannel = new BoundedMap<string, BoundedMap<string, string>>(CHANNELS);

  /** The names of the pieces held for a channel, to send with a sub. */
  have(ch: string): string[] {
    return [...(this.#byChannel.get(ch)?.keys() ?? [])];
  }

  /** The pieces of an answer as text; null when one named was not kept (the sub is retried). */
  decode(ch: string, pieces: string[]): string[] | null {
    const decoded: string[] = [];
    for (const piece of pieces) {
      if (piece.startsWith('=')) {
        const kept = this.#byChannel.get(ch)?.get(piece.slice(1));
        if (kept === undefined) return null;
        decoded.push(kept);
      } else if (piece.startsWith('+')) {
        const cut = piece.indexOf(NAME_END);
        const text = piece.slice(cut + 1);
        this.#keep(ch, piece.slice(1, cut), text);
        decoded.push(text);
      } else {
        decoded.push(piece);
      }
    }
    return decoded;
  }

  #keep(ch: string, id: string, text: string): void {
    let kept = this.#byChannel.get(ch);
    if (!kept) this.#byChannel.set(ch, (kept = new BoundedMap(KEPT_PER_CHANNEL)));
    kept.set(id, text);
  }
}
