/**
 * Type tests of the wire contract (`src/protocol/`): checked by `npm run typecheck`, never run.
 * Each `@ts-expect-error` line is a mistake the contract must refuse, on either side.
 */
import type { Connection } from '../../src/connection/connection.js';
import type { ChannelListener } from '../../src/connection/types.js';
import { opsOf } from '../../src/features/ops.js';
import {
  POLL_LIMITS,
  QUIZ_LIMITS,
  codePoints,
  isStaff,
  type ChatEvents,
  type EventOf,
  type PollAcks,
  type PollEvents,
  type PollMe,
  type PollOps,
  type QaOps,
  type QaStatus,
  type QuizEvents,
  type QuizOps,
} from '../../src/protocol/index.js';
import type { ChannelHandle, FeatureModule, OpHandlers } from '../../server/features/feature.js';

declare const connection: Connection;

// ---------------------------------------------------------------- client: ops

const pollOp = opsOf<PollOps, PollAcks>(connection, 'room/poll');
void pollOp('vote', { pollId: 'p1', choice: 0 });
void pollOp('vote', { pollId: 'p1', choices: [0, 2] });
void pollOp('create', { question: 'Lunch?', options: ['Soup', 'Salad'], kind: 'single' });
// @ts-expect-error: polls have no `delete` op
void pollOp('delete', { pollId: 'p1' });
// @ts-expect-error: a vote names its poll
void pollOp('vote', { choice: 0 });
// @ts-expect-error: `matrix` is not a poll kind
void pollOp('create', { question: 'Lunch?', kind: 'matrix' });
void pollOp('vote', { pollId: 'p1', ranking: [2, 0, 1] });
void pollOp('answer', { pollId: 'p1', text: 'Cats' });
// @ts-expect-error: an open-text answer names its poll
void pollOp('answer', { text: 'Cats' });

async function createdId(): Promise<string | undefined> {
  const ack = await pollOp('create', { question: 'Lunch?', kind: 'wordcloud' });
  // @ts-expect-error: the ack of `create` carries `pollId`, a string
  const wrong: number | undefined = ack.data?.pollId;
  void wrong;
  return ack.data?.pollId;
}
void createdId;

const quizOp = opsOf<QuizOps>(connection, 'room/quiz');
void quizOp('answer', { index: 0, choice: 1 });
void quizOp('next', { leadInMs: 3_000 });
// @ts-expect-error: an answer is an option index, not its text
void quizOp('answer', { index: 0, choice: 'Paris' });

// ---------------------------------------------------------------- client: events

const chatListener: ChannelListener<ChatEvents> = {
  event(ev) {
    if (ev.type === 'deleted') {
      const id: string = ev.data.id;
      void id;
      // @ts-expect-error: a deletion carries no text
      void ev.data.text;
    }
    if (ev.type === 'message') void ev.data.user.name;
    // @ts-expect-error: chat has no `tally` event
    if (ev.type === 'tally') return;
  },
};
void chatListener;

declare const quizEvent: EventOf<QuizEvents>;
if (quizEvent.type === 'question') {
  // The question everyone sees never carries the answer.
  // @ts-expect-error: no `correct` in a question event
  void quizEvent.data.correct;
}

// ---------------------------------------------------------------- relay: handles and modules

declare const handle: ChannelHandle<PollEvents, PollMe>;
handle.emit('status', { pollId: 'p1', status: 'open' });
handle.emit('tally', { pollId: 'p1', counts: [1, 2], total: 3 });
// @ts-expect-error: `opened` is not a poll status
handle.emit('status', { pollId: 'p1', status: 'opened' });
// @ts-expect-error: polls emit no `message`
handle.emit('message', { id: 'm1', text: 'hi' });
handle.sendMe('u1', { pollId: 'p1', choice: 1 });
// @ts-expect-error: `me` of a poll names its poll
handle.sendMeToHosts({ counts: [1], total: 1 });

const handlers: OpHandlers<QaOps> = {
  ask: () => ({}),
  upvote: () => ({}),
  unvote: () => ({}),
  answer: () => ({}),
  hide: () => ({}),
  pin: () => ({}),
  approve: () => ({}),
  settings: () => ({}),
};
void handlers;

// @ts-expect-error: every op of the contract has a handler
const missing: OpHandlers<QaOps> = { ask: () => ({}) };
void missing;

const module: Pick<FeatureModule<PollOps>, 'userRateLimits'> = {
  // @ts-expect-error: rate limits name ops of the contract
  userRateLimits: { send: 'chatSend' },
};
void module;

// ---------------------------------------------------------------- shared statuses, limits, helpers

const status: QaStatus = 'pinned';
// @ts-expect-error: `open` is a poll status, not a question's
const notAQuestionStatus: QaStatus = 'open';
void [status, notAQuestionStatus];

// Limits are constants both sides read.
// @ts-expect-error: limits are read-only
POLL_LIMITS.optionsMax = 20;
const points: 1_000 = QUIZ_LIMITS.defaultPoints;
void points;

const staff: boolean = isStaff({ role: 'moderator' }) && !isStaff(null);
const length: number = codePoints('👍🏽');
void [staff, length];
