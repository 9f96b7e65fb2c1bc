/** Recorded Q&A traffic for the stories: questions with their askers, votes and statuses. */
import type { QaQuestion, QaStatus } from '../../src/features/qa.js';
import type { User } from '../../src/protocol/index.js';
import { people } from './chat-fixtures.js';
import { LoopbackRelay, type SocketHooks } from './loopback-relay.js';

type Asked = QaQuestion & { user: User };

const texts = [
  'Does the relay keep history when it restarts?',
  'How many viewers can one relay handle?',
  'Can I theme the widgets to match my site?',
  'Is there a React wrapper, or do I use the elements directly?',
  '<b>Is this bold?</b> <img src=x onerror=alert(1)> (it should not be)',
  'What happens to my vote if I lose the connection?',
  'Will the slides be shared after the talk?',
  'How does moderation work for big audiences?',
  'Can the quiz run without a host on stage?',
  'Any plans for threaded replies to questions?',
  'Which browsers are supported?',
  'How do you test against a real relay in CI?\nAnd how long does it take?',
];
const askers = [people.ana, people.bo, people.chen, people.dara];

/** The viewer of the audience stories (chat's `people.me` is named "You", which reads oddly here). */
export const me: User = { ...people.me, name: 'Sam' };
/** Relay time of the first question: a few hours ago, so the times read "… ago". */
const start = Date.now() - 3 * 60 * 60_000;

/** One question; `user` is the true asker (the relay hides it from others when anonymous). */
export function question(
  n: number,
  fields: Partial<QaQuestion> & { status?: QaStatus } = {},
): Asked {
  return {
    id: `q${String(n).padStart(3, '0')}`,
    text: texts[n % texts.length],
    status: 'visible',
    ts: start + n * 4 * 60_000,
    anonymous: false,
    user: askers[n % askers.length],
    votes: (n * 7) % 23,
    ...fields,
  };
}

/** `count` visible questions, oldest first, with votes all over the place. */
export function questions(count: number): Asked[] {
  return Array.from({ length: count }, (_, n) => question(n));
}

/** A room with one question being answered, two answered and a few open. */
export function answeringNow() {
  return [
    question(0, { status: 'answered', votes: 31 }),
    question(1, { status: 'answered', votes: 12 }),
    question(2, { status: 'pinned', votes: 18 }),
    ...[3, 4, 5, 6].map((n) => question(n)),
  ];
}

/** Some anonymous questions, one of them mine. */
export function anonymousQuestions() {
  return [
    question(1, { anonymous: true, votes: 9 }),
    question(2),
    question(3, { anonymous: true, user: me, votes: 4 }),
    question(6, { anonymous: true, votes: 2 }),
  ];
}

/** Questions waiting for a host, mine among them, and one of mine turned down. */
export function pending() {
  return [
    ...[0, 1, 2].map((n) => question(n)),
    question(7, { status: 'pending', votes: 0, user: me }),
    question(8, { status: 'pending', votes: 0 }),
    question(9, { status: 'pending', votes: 0, anonymous: true }),
    question(10, { status: 'pending', votes: 0 }),
  ];
}

/** What a host sees: open, pinned, answered and hidden questions. */
export function hostRoom() {
  return [
    question(0, { status: 'answered', votes: 20 }),
    question(2, { status: 'pinned', votes: 14 }),
    question(3),
    question(4, { status: 'hidden', votes: 1 }),
    question(5),
    question(6, { anonymous: true }),
  ];
}

/** A room whose questions are `questions`, seen by `user` through `hooks`. */
export interface QaRoom extends Omit<SocketHooks, 'user'> {
  user: User;
  /** Every question of the room, with its true asker and its votes, oldest first. */
  questions: Asked[];
  /** New audience questions wait for approval. */
  moderation?: boolean;
  /** Ids of the questions I upvoted (counted in their votes). */
  myVotes?: string[];
}

/**
 * Stores the questions in `relay`'s `ROOM/qa` as the relay keeps them: each question, and one
 * vote record per vote (mine among them), so the relay counts the fixtures' votes.
 */
export function seedQa(relay: LoopbackRelay, room: QaRoom, ch = 'demo/qa'): LoopbackRelay {
  const records: Record<string, unknown> = { settings: { moderation: room.moderation ?? false } };
  room.questions.forEach(({ votes, ...asked }, n) => {
    records[`q:${asked.id}`] = { ...asked, n };
    const mine = room.myVotes?.includes(asked.id) ?? false;
    if (mine) records[`vote:${asked.id}:${room.user.id}`] = 1;
    for (let i = mine ? 1 : 0; i < votes; i++) records[`vote:${asked.id}:anon-voter-${i}`] = 1;
  });
  return relay.seed(ch, records);
}

/** Starts an in-page relay holding the room's questions; returns its URL for `key`. */
export function qaRoom(key: string, room: QaRoom): string {
  const { questions: _, moderation: __, myVotes: ___, ...hooks } = room;
  return seedQa(new LoopbackRelay(), room).url(`qa-${key}`, hooks);
}
