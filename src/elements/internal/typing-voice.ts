/**
 * One voice for "who is typing" in a room (issue 16, item 4): `<live-chat>` and `<presence-bar>`
 * both show it, but a screen reader must hear it once. The chat says it (its typing line sits
 * beside the messages and the composer, where a viewer who chats is); a presence bar says it only
 * in a room no chat on the page shows, and otherwise shows it without a live region.
 */
import type { Connection } from '../../connection/index.js';

/**
 * Chats per connection, with the room each shows. On `globalThis` under a registered symbol, like
 * the connection registry: two copies of the kit on one page share the voice too.
 */
const CHATS = Symbol.for('hubbub.typing-voices.v1');
const chats = ((globalThis as Record<symbol, unknown>)[CHATS] ??= new WeakMap()) as WeakMap<
  Connection,
  Map<Element, string>
>;

/** `chat` says who is typing in `room` on `connection`; returns how to stop. */
export function speakTyping(connection: Connection, room: string, chat: Element): () => void {
  let entry = chats.get(connection);
  if (!entry) chats.set(connection, (entry = new Map()));
  entry.set(chat, room);
  return () => {
    if (entry.get(chat) === room) entry.delete(chat);
  };
}

/** Whether a chat already says who is typing in `room` on `connection`. */
export function typingSpoken(
  connection: Connection | undefined,
  room: string | undefined,
): boolean {
  if (!connection || room === undefined) return false;
  for (const shown of chats.get(connection)?.values() ?? []) if (shown === room) return true;
  return false;
}
