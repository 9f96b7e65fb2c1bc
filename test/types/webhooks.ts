/**
 * Type tests of the backend helper's webhook events (`hubbub-relay/client`): checked by
 * `npm run typecheck`, never run. `verifyWebhook` returns a union narrowed by `type`, the same
 * types the relay's translator writes (`server/webhooks/events.ts`).
 */
import {
  verifyWebhook,
  type WebhookEvent,
  type WebhookEventType,
} from '../../server/backend/index.js';

declare const headers: Record<string, string>;
declare const body: string;

const { payload } = verifyWebhook('secret', headers, body);

// Narrowed by its type: a closed poll carries the poll with its final results.
if (payload.type === 'poll.closed') {
  const id: string = payload.data.poll.id;
  const total: number | null = payload.data.poll.total;
  const counts: number[] | Record<string, number> | null = payload.data.poll.counts;
  const room: string = payload.room;
  const at: number = payload.at;
  void [id, total, counts, room, at];
  // @ts-expect-error a poll event has no message text
  void payload.data.text;
}

// The quiz's end carries the leaderboard, pinned field by field.
type QuizEnded = Extract<WebhookEvent, { type: 'quiz.ended' }>;
const ended: QuizEnded = {
  id: 'evt_1',
  type: 'quiz.ended',
  room: 'show',
  at: 0,
  data: { top: [{ userId: 'ada', name: 'Ada', score: 900, rank: 1 }], players: 3 },
};
void ended;

const wrongData: WebhookEvent = {
  id: 'evt_2',
  type: 'message.deleted',
  room: 'show',
  at: 0,
  // @ts-expect-error a deletion's data is {id, seq}, not a message's text
  data: { text: 'hello' },
};
void wrongData;

// @ts-expect-error not an event type
const unknown: WebhookEventType = 'poll.deleted';
void unknown;

// Every case of a switch is one event type; an exhaustive switch needs no default.
function describe(event: WebhookEvent): string {
  switch (event.type) {
    case 'message':
      return event.data.text;
    case 'message.deleted':
      return String(event.data.seq);
    case 'user.banned':
      return String(event.data.until);
    case 'poll.opened':
    case 'poll.closed':
      return event.data.poll.question;
    case 'quiz.ended':
      return String(event.data.players);
    case 'question.asked':
    case 'question.answered':
      return event.data.text;
    case 'room.first_viewer':
    case 'room.empty':
      return String(event.data.count);
  }
}
void describe;
