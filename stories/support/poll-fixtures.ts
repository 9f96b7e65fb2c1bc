/** Recorded polls for the stories: one of each kind and state, with their tallies. */
import type { Poll, PollAnswer } from '../../src/features/poll.js';
import type { User } from '../../src/protocol/index.js';
import { LoopbackRelay, type SocketHooks } from './loopback-relay.js';

type Counts = Poll['counts'];

function poll(id: string, fields: Partial<Poll> & Pick<Poll, 'question' | 'kind'>): Poll {
  const options = fields.options ?? [];
  return {
    id,
    options,
    status: 'open',
    hideResults: false,
    counts: (fields.kind === 'wordcloud' ? {} : options.map(() => 0)) as Counts,
    total: 0,
    ...fields,
  };
}

export const single = poll('single01', {
  question: 'Which topic should we cover next?',
  kind: 'single',
  options: ['Caching', 'Scaling out with Redis', 'Testing against a real relay', 'Accessibility'],
  counts: [12, 30, 9, 6],
  total: 57,
});

export const multi = poll('multi001', {
  question: 'Which frameworks do you embed widgets in?',
  kind: 'multi',
  options: ['React', 'Vue', 'Svelte', 'Angular', 'Plain HTML', '<b>Not bold</b> & <i>not HTML</i>'],
  counts: [41, 22, 13, 9, 27, 3],
  total: 70,
});

export const rating = poll('rating01', {
  question: 'How would you rate this talk?',
  kind: 'rating',
  options: ['1', '2', '3', '4', '5'],
  counts: [1, 2, 8, 21, 14],
  total: 46,
});

export const wordcloud = poll('words001', {
  question: 'Describe this stream in one word',
  kind: 'wordcloud',
  counts: {
    helpful: 14,
    inspiring: 11,
    practical: 9,
    fun: 8,
    clear: 6,
    deep: 5,
    fast: 4,
    nerdy: 3,
    cozy: 2,
  },
  total: 48,
});

export const hidden = poll('hidden01', {
  question: 'Who will win the demo contest?',
  kind: 'single',
  options: ['Team Aurora', 'Team Basalt', 'Team Cobalt'],
  hideResults: true,
  counts: [17, 25, 8],
  total: 50,
});

export const closed = poll('closed01', {
  question: 'Should we run a second session next week?',
  kind: 'single',
  options: ['Yes', 'No', 'Maybe later'],
  status: 'closed',
  counts: [64, 7, 19],
  total: 90,
});

export const big = poll('big00001', {
  question: 'Where are you watching from?',
  kind: 'single',
  options: ['Europe', 'North America', 'Asia', 'Elsewhere'],
  counts: [4312, 2875, 1960, 1187],
  total: 10_334,
});

export const draft = poll('draft001', {
  question: 'Coffee or tea?',
  kind: 'single',
  options: ['Coffee', 'Tea'],
  status: 'draft',
});

/** My earlier answers, by poll id. */
export type MyVotes = Record<string, PollAnswer>;

/**
 * Stores `polls` in `relay`'s `ROOM/poll` as the relay keeps them: each poll, and one vote per
 * voter, so the relay's tallies are the fixtures' counts and totals. `mine` are my votes among
 * them, cast by `me`.
 */
export function seedPolls(
  relay: LoopbackRelay,
  polls: Poll[],
  me: User,
  mine: MyVotes = {},
  ch = 'demo/poll',
): LoopbackRelay {
  const records: Record<string, unknown> = {};
  polls.forEach((seeded, order) => {
    const { counts: _, total: __, ...def } = seeded;
    records[`poll:${seeded.id}`] = { ...def, blockedTerms: [], order };
    const answer = mine[seeded.id];
    const votes = votesOf(seeded, answer);
    votes.forEach((vote, i) => (records[`vote:${seeded.id}:anon-voter-${i}`] = vote));
    if (answer) records[`vote:${seeded.id}:${me.id}`] = storedVote(answer);
  });
  return relay.seed(ch, records);
}

function storedVote(answer: PollAnswer) {
  if (!('text' in answer)) return answer;
  return { text: answer.text, words: answer.text.toLowerCase().split(/\s+/) };
}

/** The votes of everyone but me: each option's (or word's) count dealt out over the voters. */
function votesOf(seeded: Poll, mine: PollAnswer | undefined): unknown[] {
  const counts = new Map<string | number, number>(
    Array.isArray(seeded.counts)
      ? seeded.counts.map((count, option) => [option, count])
      : Object.entries(seeded.counts ?? {}),
  );
  const myPicks =
    mine === undefined
      ? []
      : 'choice' in mine
        ? [mine.choice]
        : 'choices' in mine
          ? mine.choices
          : 'text' in mine
            ? mine.text.toLowerCase().split(/\s+/)
            : [];
  for (const pick of myPicks) counts.set(pick, (counts.get(pick) ?? 0) - 1);
  const voters = (seeded.total ?? 0) - (mine ? 1 : 0);
  const picks: (string | number)[][] = Array.from({ length: voters }, () => []);
  let dealt = 0;
  for (const [pick, count] of counts)
    for (let i = 0; i < count; i++) picks[dealt++ % voters].push(pick);
  return picks.map((theirs) =>
    seeded.kind === 'wordcloud'
      ? { text: theirs.join(' '), words: theirs }
      : seeded.kind === 'multi'
        ? { choices: theirs.map(Number).sort((a, b) => a - b) }
        : { choice: Number(theirs[0]) },
  );
}

/** A room whose polls are `polls` (and `myVotes` mine), seen by `user` through `hooks`. */
export interface PollRoom extends Omit<SocketHooks, 'user'> {
  user: User;
  polls: Poll[];
  myVotes?: MyVotes;
}

/** Starts an in-page relay holding the room's polls; returns its URL for `key`. */
export function pollRoom(key: string, { polls, myVotes, ...hooks }: PollRoom): string {
  return seedPolls(new LoopbackRelay(), polls, hooks.user, myVotes).url(`poll-${key}`, hooks);
}
