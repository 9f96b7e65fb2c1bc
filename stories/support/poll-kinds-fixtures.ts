/**
 * Open-text and ranking polls for the stories, stored in the in-page relay as its poll feature
 * keeps them: answers per author (`answers:POLL:USER`, with their review state), pending answers
 * in the channel's review queue (`review:ID`) and rankings as votes, so the tallies and the
 * queue the stories show are the relay's own.
 */
import type { OpenTextStatus, PollKind, PollStatus, User } from '../../src/protocol/index.js';
import { answerKey, type StoredAnswer } from '../../server/features/poll-opentext.js';
import { people } from './chat-fixtures.js';
import { LoopbackRelay, type SocketHooks } from './loopback-relay.js';

export interface KindPoll {
  id: string;
  question: string;
  kind: Extract<PollKind, 'opentext' | 'ranking'>;
  status?: PollStatus;
  options?: string[];
  maxAnswers?: number;
  review?: boolean;
  /** Open text: answers, oldest first, by author id. */
  answers?: { by: User; text: string; status?: Exclude<OpenTextStatus, 'hidden'> }[];
  /** Open text: texts of the answers a host hid. */
  hidden?: string[];
  /** Ranking: each voter's ranking, by user id. */
  rankings?: Record<string, number[]>;
}

export const openText: KindPoll = {
  id: 'opentxt1',
  question: 'What should the next stream be about?',
  kind: 'opentext',
  maxAnswers: 3,
};

const crowd: User[] = [people.ana, people.bo, people.chen, people.dara];

export const openTextAnswers: KindPoll = {
  ...openText,
  answers: [
    { by: people.ana, text: 'Testing against real relays' },
    { by: people.bo, text: 'testing against real relays!' },
    { by: people.chen, text: 'Accessibility of live regions' },
    { by: people.dara, text: 'Testing against REAL relays' },
    { by: people.ana, text: '<b>Not bold</b> & not HTML' },
    { by: people.bo, text: 'Scaling out with Redis' },
    { by: people.chen, text: 'scaling out with redis' },
    { by: people.me, text: 'Offline-first outboxes' },
  ],
};

export const openTextReview: KindPoll = {
  ...openText,
  id: 'opentxt2',
  review: true,
  answers: [
    { by: people.ana, text: 'Testing against real relays', status: 'shown' },
    { by: people.bo, text: 'Buy cheap followers at spam.example', status: 'pending' },
    { by: people.chen, text: 'How do you size the Redis instance?', status: 'pending' },
    { by: people.me, text: 'More on keyboard navigation, please', status: 'pending' },
  ],
};

export const openTextClosed: KindPoll = {
  ...openTextAnswers,
  id: 'opentxt3',
  status: 'closed',
  hidden: ['Scaling out with Redis'],
};

export const ranking: KindPoll = {
  id: 'ranking1',
  question: 'Rank the talks of the day',
  kind: 'ranking',
  options: ['Keynote', 'Live widgets', 'Redis at scale', 'Accessibility clinic'],
  rankings: Object.fromEntries(
    [
      [0, 1, 2, 3],
      [1, 0, 3, 2],
      [1, 3, 0, 2],
      [3, 1, 0, 2],
    ].map((order, i) => [crowd[i].id, order]),
  ),
};

export const rankingClosed: KindPoll = { ...ranking, id: 'ranking2', status: 'closed' };

/** Stores `polls` in `relay`'s `ROOM/poll` as the relay keeps them. */
function seedKinds(relay: LoopbackRelay, polls: KindPoll[], ch = 'demo/poll'): LoopbackRelay {
  const records: Record<string, unknown> = {};
  const at = Date.UTC(2025, 0, 15, 18, 0, 0);
  let shown = 0;
  polls.forEach((poll, order) => {
    const { answers = [], hidden = [], rankings = {}, ...def } = poll;
    records[`poll:${poll.id}`] = {
      options: [],
      status: 'open',
      hideResults: false,
      ...def,
      ...(poll.kind === 'opentext'
        ? { maxAnswers: poll.maxAnswers ?? 3, review: poll.review === true }
        : {}),
      hiddenKeys: hidden.map(answerKey),
      blockedTerms: [],
      order,
    };
    const byAuthor = new Map<string, StoredAnswer[]>();
    answers.forEach(({ by, text, status = 'shown' }, i) => {
      const id = `${poll.id.slice(0, 4)}a${String(i).padStart(3, '0')}`;
      if (status === 'pending') {
        records[`review:${id}`] = {
          item: {
            id,
            text,
            user: { id: by.id, name: by.name },
            held: 'review',
            feature: 'poll',
            at: at + i * 60_000,
            context: { pollId: poll.id, question: poll.question, kind: 'opentext', answerId: id },
          },
        };
      }
      const answer: StoredAnswer = {
        id,
        text,
        key: answerKey(text),
        name: by.name,
        at: at + i * 60_000,
        status,
        ...(status === 'shown' ? { shownOrder: ++shown } : {}),
      };
      byAuthor.set(by.id, [...(byAuthor.get(by.id) ?? []), answer]);
    });
    for (const [userId, stored] of byAuthor) records[`answers:${poll.id}:${userId}`] = stored;
    for (const [userId, ranked] of Object.entries(rankings)) {
      records[`vote:${poll.id}:${userId}`] = { ranking: ranked };
    }
  });
  return relay.seed(ch, records);
}

/** A room whose polls are `polls`, seen by `user` through `hooks`. */
export interface KindRoom extends Omit<SocketHooks, 'user'> {
  user: User;
  polls: KindPoll[];
}

/** Starts an in-page relay holding the room's polls; returns its URL for `key`. */
export function kindRoom(key: string, { polls, ...hooks }: KindRoom): string {
  return seedKinds(new LoopbackRelay(), polls).url(`poll-kinds-${key}`, hooks);
}
