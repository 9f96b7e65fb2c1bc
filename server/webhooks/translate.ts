/**
 * From what a commit made durable to the webhook events it means. Only the relay that decides a
 * room commits its events (a cluster's other relays receive them committed), so each event is
 * translated once in the whole service.
 */
import type { Committed } from '../channels/writer.js';
import { roomOf } from '../channels/writer.js';
import type { WebhookEventData, WebhookEventType, WebhookPoll } from './events.js';

export interface RoomEvent<K extends WebhookEventType = WebhookEventType> {
  type: K;
  room: string;
  at: number;
  data: WebhookEventData[K];
}

/** What the translation may read of the relay beyond the commit. */
export interface Lookup {
  /** A poll of a room's loaded poll channel, with its results as they stand. */
  poll(room: string, pollId: string): WebhookPoll | undefined;
}

type Data = Record<string, unknown>;

export function translate(committed: Committed, lookup: Lookup): RoomEvent[] {
  const out: RoomEvent[] = [];
  const push = <K extends WebhookEventType>(
    type: K,
    room: string,
    at: number,
    data: WebhookEventData[K],
  ) => out.push({ type, room, at, data } as RoomEvent);
  for (const { ch, event } of committed.events) {
    const room = roomOf(ch);
    const feature = ch.slice(room.length + 1);
    const data = (event.data ?? {}) as Data;
    const at = event.ts;
    if (feature === 'chat') {
      // Hidden and held messages reach staff and their author only; a held one is emitted again,
      // for all, when its delay ends: that one is the message.
      if (event.type === 'message' && data.visibleTo === undefined) {
        const { id, text, user, replyTo } = data as WebhookEventData['message'];
        push('message', room, at, {
          id,
          seq: event.seq,
          text,
          user,
          ...(replyTo === undefined ? {} : { replyTo }),
        });
      } else if (event.type === 'deleted' && data.visibleTo === undefined) {
        push('message.deleted', room, at, { id: String(data.id), seq: event.seq });
      } else if (event.type === 'banned' && data.banned === true) {
        push('user.banned', room, at, {
          userId: String(data.userId),
          until: (data.until as number | null) ?? null,
        });
      }
    } else if (feature === 'poll' && event.type === 'status') {
      const status = data.status;
      if (status !== 'open' && status !== 'closed') continue;
      const poll = lookup.poll(room, String(data.pollId));
      if (poll) push(status === 'open' ? 'poll.opened' : 'poll.closed', room, at, { poll });
    } else if (feature === 'quiz' && event.type === 'leaderboard' && data.final === true) {
      const { top, players } = data as WebhookEventData['quiz.ended'];
      push('quiz.ended', room, at, { top, players });
    } else if (feature === 'qa' && event.type === 'question') {
      const { id, text, user, anonymous } = data as WebhookEventData['question.asked'];
      push('question.asked', room, at, {
        id,
        text,
        anonymous: anonymous === true,
        ...(user && !anonymous ? { user } : {}),
      });
    } else if (feature === 'qa' && event.type === 'status' && data.status === 'answered') {
      const question = (data.question ?? {}) as { text?: string; votes?: number };
      push('question.answered', room, at, {
        id: String(data.id),
        text: String(question.text ?? ''),
        votes: Number(question.votes ?? 0),
      });
    }
  }
  return out;
}

/** Rooms whose presence membership this commit changed. */
export function presenceRooms(committed: Committed): Set<string> {
  const rooms = new Set<string>();
  for (const { ch, key } of committed.records) {
    if (key.startsWith('m:') && ch.endsWith('/presence')) rooms.add(roomOf(ch));
  }
  return rooms;
}
