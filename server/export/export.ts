/**
 * `exportRoom(source, options)`: a room's record as JSON or CSV, streamed. It is an async
 * iterable of text chunks (a batch of rows each), made only as fast as the consumer takes them:
 * `Readable.from(exportRoom(...)).pipe(response)` writes with backpressure, so memory stays
 * bounded whatever the size of the room. Each kind is one table (the same columns in JSON and
 * CSV):
 *
 * - `chat`: every message in history, its deletion marked (`deleted`, `deletedAt`);
 * - `polls`: one row per poll and option (per word of a word cloud), with counts and total;
 * - `quiz`: the current game, one row per player and question, with the answer and its score;
 * - `qa`: every question with its status and votes;
 * - `modlog`: the moderation log.
 *
 * The range filters by the time of each row (`at`); a poll's time is its creation, as long as the
 * history still holds it.
 */
import { csvRow } from './csv.js';
import type { ExportSource, TimeRange } from './source.js';
import type { StoredAnswer } from '../features/poll-opentext.js';

export const EXPORT_KINDS = ['chat', 'polls', 'quiz', 'qa', 'modlog'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = 'json' | 'csv';

export interface ExportOptions {
  room: string;
  format: ExportFormat;
  /** Kinds to export, in this order; CSV takes exactly one. */
  kinds: readonly ExportKind[];
  /** ms since the epoch, inclusive; open when left out. */
  from?: number;
  to?: number;
}

type Row = Record<string, unknown>;

/** Each kind's columns, in order: the CSV header and the JSON objects' keys. */
export const COLUMNS: Record<ExportKind, readonly string[]> = {
  chat: [
    'seq',
    'at',
    'id',
    'userId',
    'userName',
    'role',
    'text',
    'replyTo',
    'visibility',
    'deleted',
    'deletedAt',
  ],
  polls: ['pollId', 'createdAt', 'question', 'kind', 'status', 'total', 'option', 'count'],
  quiz: [
    'game',
    'index',
    'question',
    'userId',
    'userName',
    'choice',
    'answer',
    'correct',
    'points',
    'elapsedMs',
    'answeredAt',
    'score',
    'rank',
  ],
  qa: ['id', 'askedAt', 'text', 'anonymous', 'userId', 'userName', 'status', 'votes'],
  modlog: [
    'n',
    'at',
    'byId',
    'byName',
    'action',
    'targetId',
    'targetName',
    'messageId',
    'seconds',
    'reason',
    'details',
  ],
};

const iso = (ms: number | undefined | null) =>
  typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null;

export async function* exportRoom(
  source: ExportSource,
  options: ExportOptions,
): AsyncGenerator<string> {
  const range: TimeRange = { from: options.from ?? 0, to: options.to ?? Infinity };
  const { room, format, kinds } = options;
  if (format === 'csv' && kinds.length !== 1) throw new RangeError('CSV takes one kind');
  if (format === 'json') {
    yield `{"room":${JSON.stringify(room)},"from":${JSON.stringify(iso(options.from))},"to":${JSON.stringify(iso(options.to))},"exportedAt":${JSON.stringify(iso(Date.now()))}`;
  }
  for (const kind of kinds) {
    const columns = COLUMNS[kind];
    if (format === 'csv') yield csvRow(columns);
    else yield `,${JSON.stringify(kind)}:[`;
    let first = true;
    for await (const rows of ROWS[kind](source, room, range)) {
      if (rows.length === 0) continue;
      if (format === 'csv') {
        yield rows.map((row) => csvRow(columns.map((column) => row[column]))).join('');
      } else {
        const json = rows.map((row) => JSON.stringify(ordered(row, columns))).join(',\n');
        yield first ? `\n${json}` : `,\n${json}`;
        first = false;
      }
    }
    if (format === 'json') yield '\n]';
  }
  if (format === 'json') yield '}\n';
}

/** The row with every column, in order (`null` for none). */
function ordered(row: Row, columns: readonly string[]): Row {
  const out: Row = {};
  for (const column of columns) out[column] = row[column] ?? null;
  return out;
}

type Rows = (source: ExportSource, room: string, range: TimeRange) => AsyncIterable<Row[]>;

const within = (range: TimeRange, ms: number) => ms >= range.from && ms <= range.to;

interface MessageData {
  id: string;
  text: string;
  user: { id: string; name: string; role: string };
  replyTo?: string;
  visibleTo?: string;
  hidden?: boolean;
  delayedUntil?: number;
}

interface PollRecord {
  id: string;
  question: string;
  options: string[];
  kind: string;
  status: string;
  hiddenKeys?: string[];
}

const ALL: TimeRange = { from: 0, to: Infinity };

/** Most counted first. */
const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1];

const ROWS: Record<ExportKind, Rows> = {
  /** Two passes: the deletions first (few), then the messages, each marked as it is written. */
  async *chat(source, room, range) {
    const ch = `${room}/chat`;
    const deletedAt = new Map<string, number>();
    for await (const rows of source.events(ch, { from: range.from, to: Infinity }, 'deleted')) {
      for (const { json, ts } of rows) {
        const { type, data } = JSON.parse(json) as { type: string; data: { id: string } };
        if (type === 'deleted') deletedAt.set(data.id, ts);
      }
    }
    for await (const rows of source.events(ch, range, 'message')) {
      const out: Row[] = [];
      for (const { json, seq, ts } of rows) {
        const { type, data } = JSON.parse(json) as { type: string; data: MessageData };
        if (type !== 'message') continue;
        const gone = deletedAt.get(data.id);
        out.push({
          seq,
          at: iso(ts),
          id: data.id,
          userId: data.user.id,
          userName: data.user.name,
          role: data.user.role,
          text: data.text,
          replyTo: data.replyTo,
          // A held message (by the chat delay, or for review) is in history twice: held (to its
          // author and staff), then released or approved. Anything with `visibleTo` is not all's.
          visibility: data.hidden ? 'hidden' : data.visibleTo !== undefined ? 'held' : 'all',
          deleted: gone !== undefined,
          deletedAt: iso(gone),
        });
      }
      yield out;
    }
  },

  async *polls(source, room, range) {
    const ch = `${room}/poll`;
    const createdAt = new Map<string, number>();
    for await (const rows of source.events(ch, ALL, 'poll')) {
      for (const { json, ts } of rows) {
        const { type, data } = JSON.parse(json) as { type: string; data: { poll: { id: string } } };
        if (type === 'poll') createdAt.set(data.poll.id, ts);
      }
    }
    // A room holds a bounded number of polls: their definitions are read first, so the answers
    // of open-text polls can leave out the groups a host hid, as the poll's results do.
    const polls: PollRecord[] = [];
    for await (const rows of source.records(ch, 'poll:', ['order'])) {
      for (const [, value] of rows) polls.push(value as PollRecord);
    }
    const hidden = new Map(polls.map((poll) => [poll.id, new Set(poll.hiddenKeys ?? [])]));
    // Votes are records (one per voter): counted a batch at a time.
    const votes = new Map<string, { counts: Map<string | number, number>; total: number }>();
    for await (const rows of source.records(ch, 'vote:')) {
      for (const [key, vote] of rows) {
        const pollId = key.slice(5, key.indexOf(':', 5));
        const tally = votes.get(pollId) ?? { counts: new Map(), total: 0 };
        votes.set(pollId, tally);
        tally.total++;
        const add = (option: string | number, n: number) =>
          tally.counts.set(option, (tally.counts.get(option) ?? 0) + n);
        const v = vote as {
          choice?: number;
          choices?: number[];
          words?: string[];
          ranking?: number[];
        };
        if (v.ranking) {
          // Borda points, as the poll counts them: of n options, the first n - 1, the last 0.
          v.ranking.forEach((option, position) => add(option, v.ranking!.length - 1 - position));
          continue;
        }
        const picked = v.choice !== undefined ? [v.choice] : (v.choices ?? v.words ?? []);
        for (const option of picked) add(option, 1);
      }
    }
    // Open-text answers (`answers:POLL:USER`): identical ones (one key) are one group, named by
    // its first shown answer; pending, rejected and hidden ones count nothing.
    const texts = new Map<string, Map<string, { text: string; count: number; order: number }>>();
    for await (const rows of source.records(ch, 'answers:')) {
      for (const [key, value] of rows) {
        const pollId = key.slice(8, key.indexOf(':', 8));
        const groups = texts.get(pollId) ?? new Map();
        texts.set(pollId, groups);
        let shown = false;
        for (const answer of value as StoredAnswer[]) {
          if (answer.status !== 'shown' || hidden.get(pollId)?.has(answer.key)) continue;
          shown = true;
          const order = answer.shownOrder ?? 0;
          const group = groups.get(answer.key);
          if (!group) groups.set(answer.key, { text: answer.text, count: 1, order });
          else {
            group.count++;
            if (order < group.order) Object.assign(group, { text: answer.text, order });
          }
        }
        if (shown) {
          const tally = votes.get(pollId) ?? { counts: new Map(), total: 0 };
          votes.set(pollId, tally);
          tally.total++;
        }
      }
    }
    const out: Row[] = [];
    for (const poll of polls) {
      const at = createdAt.get(poll.id);
      if (at !== undefined ? !within(range, at) : range.from > 0 || range.to < Infinity) continue;
      const tally = votes.get(poll.id) ?? { counts: new Map(), total: 0 };
      const base = {
        pollId: poll.id,
        createdAt: iso(at),
        question: poll.question,
        kind: poll.kind,
        status: poll.status,
        total: tally.total,
      };
      const options: [string, number][] =
        poll.kind === 'wordcloud'
          ? [...tally.counts]
              .map(([word, count]) => [String(word), count] as [string, number])
              .sort(byCount)
          : poll.kind === 'opentext'
            ? [...(texts.get(poll.id)?.values() ?? [])]
                .map(({ text, count }) => [text, count] as [string, number])
                .sort(byCount)
            : poll.options.map((option, i) => [option, tally.counts.get(i) ?? 0]);
      if (options.length === 0) out.push({ ...base, option: null, count: 0 });
      for (const [option, count] of options) out.push({ ...base, option, count });
      if (out.length >= 500) yield out.splice(0);
    }
    yield out;
  },

  async *quiz(source, room, range) {
    const ch = `${room}/quiz`;
    const progress = (await source.record(ch, 'progress')) as
      | {
          game: number;
          index: number;
          phase: string;
          questions: { text: string; options: string[]; correct: number }[];
        }
      | undefined;
    if (!progress) return;
    const players = new Map<string, { name: string; score: number; rank?: number }>();
    for await (const rows of source.records(ch, `player:${progress.game}:`)) {
      for (const [, value] of rows) {
        const player = value as { userId: string; name: string; score: number; rank?: number };
        players.set(player.userId, player);
      }
    }
    const open = range.from === 0 && range.to === Infinity;
    // The open question's answers are not scored yet (no points), nor missed.
    const last = progress.index;
    const revealed = progress.phase === 'question' ? progress.index - 1 : progress.index;
    for (let index = 0; index <= last && index < progress.questions.length; index++) {
      const question = progress.questions[index];
      const answered = new Set<string>();
      for await (const rows of source.records(ch, `answer:${progress.game}:${index}:`)) {
        const out: Row[] = [];
        for (const [key, value] of rows) {
          const userId = key.split(':').slice(3).join(':');
          const answer = value as { choice: number; elapsed: number; at: number; points?: number };
          answered.add(userId);
          if (!within(range, answer.at)) continue;
          const player = players.get(userId);
          out.push({
            game: progress.game,
            index,
            question: question.text,
            userId,
            userName: player?.name,
            choice: answer.choice,
            answer: question.options[answer.choice],
            correct: answer.choice === question.correct,
            points: answer.points,
            elapsedMs: answer.elapsed,
            answeredAt: iso(answer.at),
            score: player?.score,
            rank: player?.rank,
          });
        }
        yield out;
      }
      const missed: Row[] = [];
      for (const [userId, player] of players) {
        if (answered.has(userId) || index > revealed) continue;
        if (open) {
          missed.push({
            game: progress.game,
            index,
            question: question.text,
            userId,
            userName: player.name,
            correct: false,
            points: 0,
            score: player.score,
            rank: player.rank,
          });
        }
      }
      yield missed;
    }
  },

  async *qa(source, room, range) {
    const ch = `${room}/qa`;
    const votes = new Map<string, number>();
    for await (const rows of source.records(ch, 'vote:')) {
      for (const [key] of rows) {
        const qid = key.slice(5, key.indexOf(':', 5));
        votes.set(qid, (votes.get(qid) ?? 0) + 1);
      }
    }
    for await (const rows of source.records(ch, 'q:', ['ts', 'n'])) {
      const out: Row[] = [];
      for (const [, value] of rows) {
        const q = value as {
          id: string;
          text: string;
          user: { id: string; name: string };
          anonymous: boolean;
          status: string;
          ts: number;
        };
        if (!within(range, q.ts)) continue;
        out.push({
          id: q.id,
          askedAt: iso(q.ts),
          text: q.text,
          anonymous: q.anonymous,
          // An anonymous asker stays anonymous in the export too.
          userId: q.anonymous ? null : q.user.id,
          userName: q.anonymous ? null : q.user.name,
          status: q.status,
          votes: votes.get(q.id) ?? 0,
        });
      }
      yield out;
    }
  },

  async *modlog(source, room, range) {
    for await (const rows of source.records(`${room}/chat`, 'modlog:')) {
      const out: Row[] = [];
      for (const [, value] of rows) {
        const entry = value as {
          n: number;
          at: number;
          by: { id: string; name: string };
          action: string;
          target?: { id: string; name?: string };
          messageId?: string;
          seconds?: number;
          reason?: string;
          settings?: unknown;
          on?: boolean;
        };
        if (!within(range, entry.at)) continue;
        const details =
          entry.settings === undefined && entry.on === undefined
            ? null
            : JSON.stringify({ on: entry.on, settings: entry.settings });
        out.push({
          n: entry.n,
          at: iso(entry.at),
          byId: entry.by.id,
          byName: entry.by.name,
          action: entry.action,
          targetId: entry.target?.id,
          targetName: entry.target?.name,
          messageId: entry.messageId,
          seconds: entry.seconds,
          reason: entry.reason,
          details,
        });
      }
      yield out;
    }
  },
};
