/** The fuzzer's ops of each feature: every op type, with good data mostly and bad now and then. */
import * as fc from 'fast-check';
import type { RefKind } from './placeholders.js';
import { PROTO_NAMES, junk, or, prose, rarely, ref, text } from './values.js';

export const FEATURES = ['chat', 'poll', 'quiz', 'qa', 'reactions', 'presence'] as const;
export type Feature = (typeof FEATURES)[number];

export type Op = { type: string; data: unknown };
const op = (type: string, data: fc.Arbitrary<unknown>): fc.Arbitrary<Op> =>
  data.map((d) => ({ type, data: d }));
const idOf = (kind: RefKind) => or(ref(kind));

const chatOps = fc.oneof(
  {
    weight: 10,
    arbitrary: op(
      'send',
      fc.record({ text: or(prose), replyTo: rarely(or(fc.oneof(ref('message'), text))) }),
    ),
  },
  { weight: 2, arbitrary: op('delete', fc.record({ id: idOf('message') })) },
  { weight: 1, arbitrary: op('pin', fc.record({ id: idOf('message') })) },
  { weight: 1, arbitrary: op('unpin', fc.constant({})) },
  {
    weight: 1,
    arbitrary: op(
      'ban',
      fc.record({
        userId: or(fc.oneof(ref('user'), text)),
        minutes: rarely(or(fc.constantFrom(0, 1, 525_600, 525_601, 1.5, -1))),
      }),
    ),
  },
  { weight: 1, arbitrary: op('unban', fc.record({ userId: or(ref('user')) })) },
  {
    weight: 1,
    arbitrary: op(
      'settings',
      fc.record({
        slowModeSeconds: rarely(or(fc.constantFrom(0, 0, 0, 1, 2, 3600, 3601, -1))),
        blockedTerms: rarely(or(fc.array(text, { maxLength: 3 }))),
        signedInOnly: rarely(or(fc.constantFrom(false, false, true))),
      }),
    ),
  },
);

const pollOps = fc.oneof(
  {
    weight: 2,
    arbitrary: op(
      'create',
      fc.record({
        question: or(prose),
        options: or(fc.array(prose, { minLength: 1, maxLength: 4 })),
        kind: or(fc.constantFrom('single', 'multi', 'rating', 'wordcloud', 'other')),
        hideResults: rarely(or(fc.boolean())),
        blockedTerms: rarely(or(fc.array(text, { maxLength: 3 }))),
        signedInOnly: rarely(or(fc.boolean())),
      }),
    ),
  },
  { weight: 2, arbitrary: op('open', fc.record({ pollId: idOf('poll') })) },
  { weight: 1, arbitrary: op('close', fc.record({ pollId: idOf('poll') })) },
  {
    weight: 6,
    arbitrary: op(
      'vote',
      fc.record({
        pollId: idOf('poll'),
        choice: or(fc.integer({ min: -1, max: 4 })),
        choices: rarely(or(fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 4 }))),
        text: rarely(or(prose)),
      }),
    ),
  },
);

const quizQuestion = fc.record({
  text: or(prose),
  options: or(fc.array(prose, { minLength: 2, maxLength: 4 })),
  correct: or(fc.integer({ min: 0, max: 1 })),
  timeLimitMs: or(fc.constantFrom(1_000, 1_500, 3_000, 600_000, 999, 600_001)),
  points: rarely(or(fc.constantFrom(0, 1, 1_000, 10_000, 10_001))),
});

const quizOps = fc.oneof(
  {
    weight: 2,
    arbitrary: op(
      'load',
      fc.record({
        questions: or(fc.array(quizQuestion, { minLength: 1, maxLength: 3 })),
        accessible: rarely(or(fc.boolean())),
        signedInOnly: rarely(or(fc.boolean())),
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: op(
      'next',
      fc.record({ leadInMs: rarely(or(fc.constantFrom(0, 100, 5_000, 5_001, -1))) }),
    ),
  },
  { weight: 1, arbitrary: op('reveal', fc.constant({})) },
  { weight: 1, arbitrary: op('end', fc.constant({})) },
  { weight: 1, arbitrary: op('settings', fc.record({ accessible: or(fc.boolean()) })) },
  {
    weight: 5,
    arbitrary: op(
      'answer',
      fc.record({
        index: or(fc.integer({ min: -1, max: 2 })),
        choice: or(fc.integer({ min: 0, max: 2 })),
      }),
    ),
  },
);

const qaOps = fc.oneof(
  {
    weight: 4,
    arbitrary: op('ask', fc.record({ text: or(prose), anonymous: rarely(or(fc.boolean())) })),
  },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.constantFrom('upvote', 'upvote', 'unvote', 'answer', 'hide', 'pin', 'approve'),
        idOf('question'),
      )
      .map(([type, id]) => ({ type, data: { id } })),
  },
  { weight: 1, arbitrary: op('settings', fc.record({ moderation: or(fc.boolean()) })) },
);

const EMOJIS = ['❤️', '👏', '😂', '😮', '🔥', '👍'];
const reactionOps = fc.oneof(
  {
    weight: 8,
    arbitrary: op('react', fc.record({ emoji: or(fc.oneof(fc.constantFrom(...EMOJIS), text)) })),
  },
  {
    weight: 1,
    arbitrary: op(
      'settings',
      fc.record({
        emojis: or(fc.array(fc.oneof(fc.constantFrom(...EMOJIS), text), { maxLength: 13 })),
      }),
    ),
  },
);

/** Any type name, prototype names included, with any data. */
export const strangeOps = fc.record({
  type: fc.oneof(
    fc.constantFrom(...PROTO_NAMES, 'Send', 'a'.repeat(32), 'a'.repeat(33), '', 'x-y', 'send'),
    text,
  ),
  data: junk,
});

export const OPS_OF: Record<(typeof FEATURES)[number], fc.Arbitrary<Op>> = {
  chat: chatOps,
  poll: pollOps,
  quiz: quizOps,
  qa: qaOps,
  reactions: reactionOps,
  presence: strangeOps,
};
