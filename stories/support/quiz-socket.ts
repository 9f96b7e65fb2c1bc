/**
 * A stand-in WebSocket for quiz stories: the recorded socket (recorded-socket.ts) for everything
 * else, plus a quiz channel that behaves like the relay's. It answers `sub` with the recorded
 * quiz (hosts also get the questions with their answers), sends my standing as `me`, and applies
 * `answer`, `load`, `next`, `reveal`, `end` and `settings` the way the relay does (`me` before
 * the ack of an answer; result, leaderboard and `me` at a reveal). Scoring is simpler than the
 * relay's (full points, no streaks), and it never reveals by itself at the deadline.
 *
 * Built on top of recordedWebSocket rather than inside it, so that file stays as it is.
 */
import { getConnection } from '../../src/connection/index.js';
import type {
  QuizLeaderboard,
  QuizMe,
  QuizPhase,
  QuizQuestion,
  QuizResult,
} from '../../src/features/quiz.js';
import type { ClientFrame, ErrFrame, OpFrame, RelayFrame, User } from '../../src/protocol/index.js';
import { snapshot } from './chat-fixtures.js';
import { recordedWebSocket } from './recorded-socket.js';

/** The quiz as the relay holds it when the story starts. */
export interface QuizRecordedState {
  phase: QuizPhase;
  /** The current question, -1 before the first. */
  index: number;
  accessible: boolean;
  /** Every question with its answer (hosts see them). */
  questions: QuizQuestion[];
  /** Where the open question's clock stands when the story renders. */
  clock?: { elapsedMs?: number; leadInMs?: number };
  result: QuizResult | null;
  leaderboard: QuizLeaderboard | null;
  answered: number;
  /** My standing, sent as `me` (none: I have not played). */
  me?: QuizMe;
  /** My answer to the current question. */
  myChoice?: number;
}

export interface QuizRecording {
  /** Who the relay says we are (a host sees the questions). */
  user: User;
  state: QuizRecordedState;
  /** `relay` (default) applies ops; `hold` never answers; an `err` refuses them. */
  ops?: 'relay' | 'hold' | ((op: OpFrame) => Omit<ErrFrame, 't' | 'id'> | 'relay' | 'hold');
  /** Never answer anything (the client stays "connecting"). */
  stall?: boolean;
  /** Drop the first socket this long after the join, and refuse every later one. */
  dropAfterMs?: number;
}

const EPOCH = 'recorded-quiz';
/** Accessible mode doubles every time limit, as on the relay. */
const ACCESSIBLE_TIME_FACTOR = 2;
const isHost = (user: User) => user.role === 'host' || user.role === 'moderator';

/** Registers a quiz recording for `key` (once per page) and returns its URL. */
export function recordedQuiz(key: string, recording: QuizRecording): string {
  const url = `ws://recorded/quiz-${key}`;
  getConnection(url, {
    WebSocket: quizWebSocket(recording),
    minBackoffMs: 500,
    maxBackoffMs: 5_000,
    connectTimeoutMs: 3_600_000,
  });
  return url;
}

/** A WebSocket class bound to one quiz recording; its sockets share the quiz state. */
export function quizWebSocket(recording: QuizRecording): typeof WebSocket {
  const { user } = recording;
  const Base = recordedWebSocket({
    user,
    snapshot: snapshot([]),
    stall: recording.stall,
    dropAfterMs: recording.dropAfterMs,
  });
  const state = structuredClone(recording.state);
  let me: QuizMe | undefined = state.me;
  let myChoice = state.myChoice;
  let seq = 0;
  // The clock starts when the story renders.
  const now = Date.now();
  let startsAt = now - (state.clock?.elapsedMs ?? 0) + (state.clock?.leadInMs ?? 0);
  let endsAt = state.index >= 0 ? startsAt + timeLimit(state.index) : 0;

  function timeLimit(index: number): number {
    const limit = state.questions[index]?.timeLimitMs ?? 0;
    return state.accessible ? limit * ACCESSIBLE_TIME_FACTOR : limit;
  }

  function publicQuestion(index: number) {
    const { text, options, points } = state.questions[index];
    return {
      index,
      count: state.questions.length,
      text,
      options,
      points,
      timeLimitMs: timeLimit(index),
    };
  }

  function myMe(): QuizMe | undefined {
    if (!me && myChoice === undefined) return undefined;
    const standing = me ?? { score: 0, rank: null, lastCorrect: false, lastPoints: 0 };
    const open = state.phase === 'question' || state.phase === 'revealed';
    return myChoice !== undefined && open
      ? { ...standing, answered: { index: state.index, choice: myChoice } }
      : standing;
  }

  class QuizSocket extends Base {
    override send(raw: string): void {
      const frame = JSON.parse(raw) as ClientFrame;
      const ours = 'ch' in frame && frame.ch.endsWith('/quiz') && !recording.stall;
      if (!ours || this.readyState !== this.OPEN) return super.send(raw);
      if (frame.t === 'sub') this.#join(frame.id, frame.ch);
      else if (frame.t === 'op') this.#op(frame);
      else if (frame.t === 'unsub') this.#reply({ t: 'ok', id: frame.id, ch: frame.ch });
    }

    #join(id: string | number, ch: string) {
      const open = state.phase === 'question';
      const recorded: Record<string, unknown> = {
        phase: state.phase,
        index: state.index,
        count: state.questions.length,
        accessible: state.accessible,
        question: open || state.phase === 'revealed' ? publicQuestion(state.index) : null,
        result: state.result,
        leaderboard: state.leaderboard,
        answered: state.answered,
        ...(open ? { startsAt, endsAt } : {}),
        ...(isHost(user) ? { questions: state.questions } : {}),
      };
      this.#reply({ t: 'ok', id, ch, epoch: EPOCH, seq, reset: true, snapshot: recorded });
      const standing = myMe();
      if (standing) this.#reply({ t: 'me', ch, data: standing });
      if (recording.dropAfterMs !== undefined) {
        setTimeout(() => this.close(1006), recording.dropAfterMs);
      }
    }

    #op(op: OpFrame) {
      const rule = recording.ops ?? 'relay';
      const outcome = typeof rule === 'function' ? rule(op) : rule;
      if (outcome === 'hold') return;
      const refuse = (code: ErrFrame['code'], message: string) =>
        this.#reply({ t: 'err', id: op.id, mid: op.mid, code, message });
      if (outcome !== 'relay') return this.#reply({ t: 'err', id: op.id, mid: op.mid, ...outcome });
      const data = (op.data ?? {}) as Record<string, unknown>;
      const before = seq;
      // `ack.seq` is the op's first event, and absent when it made none.
      const ack = (result?: unknown) =>
        this.#reply({
          t: 'ack',
          id: op.id,
          mid: op.mid,
          ...(seq > before ? { seq: before + 1 } : {}),
          ...(result ? { data: result } : {}),
        });
      switch (op.type) {
        case 'answer': {
          if (state.phase !== 'question') return refuse('too_late', 'the answers are revealed');
          if (myChoice !== undefined) return refuse('conflict', 'one answer per question');
          myChoice = Number(data.choice);
          state.answered += 1;
          this.#reply({ t: 'me', ch: op.ch, data: myMe() });
          return ack({ index: state.index, choice: myChoice });
        }
        case 'load': {
          if (state.phase === 'question') return refuse('conflict', 'a question is open');
          state.questions = data.questions as QuizQuestion[];
          state.accessible = (data.accessible as boolean | undefined) ?? state.accessible;
          Object.assign(state, { phase: 'idle', index: -1, result: null, leaderboard: null });
          me = undefined;
          myChoice = undefined;
          this.#ev(op.ch, 'loaded', {
            count: state.questions.length,
            accessible: state.accessible,
          });
          return ack({ count: state.questions.length });
        }
        case 'next': {
          if (state.phase === 'question') this.#reveal(op.ch);
          if (state.index + 1 >= state.questions.length) return ack(this.#end(op.ch));
          state.index += 1;
          Object.assign(state, { phase: 'question', result: null, answered: 0 });
          myChoice = undefined;
          startsAt = Date.now() + Number(data.leadInMs ?? 0);
          endsAt = startsAt + timeLimit(state.index);
          this.#ev(op.ch, 'question', { ...publicQuestion(state.index), startsAt, endsAt });
          return ack({ index: state.index });
        }
        case 'reveal':
          if (state.phase !== 'question') return refuse('conflict', 'no question is open');
          this.#reveal(op.ch);
          return ack({});
        case 'end':
          return ack(this.#end(op.ch));
        case 'settings':
          state.accessible = data.accessible === true;
          this.#ev(op.ch, 'settings', { accessible: state.accessible });
          return ack({});
      }
    }

    #reveal(ch: string) {
      const question = state.questions[state.index];
      const counts = question.options.map(() => 0);
      if (myChoice !== undefined) counts[myChoice] += 1;
      const right = myChoice === question.correct;
      const before = me ?? { score: 0, rank: null, lastCorrect: false, lastPoints: 0 };
      const points = right ? question.points : 0;
      const played = me !== undefined || myChoice !== undefined;
      me = played
        ? { ...before, score: before.score + points, lastCorrect: right, lastPoints: points }
        : undefined;
      state.phase = 'revealed';
      state.result = { index: state.index, correct: question.correct, counts };
      state.answered = counts.reduce((a, b) => a + b, 0);
      this.#ev(ch, 'result', state.result);
      this.#standings(ch, false);
    }

    #end(ch: string) {
      if (state.phase === 'question') this.#reveal(ch);
      state.phase = 'ended';
      this.#standings(ch, true);
      return { ended: true };
    }

    /** The leaderboard with my entry updated, ranks shared by equal scores, then my `me`. */
    #standings(ch: string, final: boolean) {
      const others = (state.leaderboard?.top ?? []).filter((row) => row.userId !== user.id);
      const rows = me
        ? [...others, { userId: user.id, name: user.name, score: me.score, rank: 0 }]
        : others;
      rows.sort((a, b) => b.score - a.score);
      rows.forEach((row, i) => {
        row.rank = i > 0 && rows[i - 1].score === row.score ? rows[i - 1].rank : i + 1;
      });
      const players = Math.max(state.leaderboard?.players ?? 0, rows.length);
      state.leaderboard = { top: rows.slice(0, 10), players, ...(final ? { final } : {}) };
      if (me) me = { ...me, rank: rows.find((row) => row.userId === user.id)?.rank ?? me.rank };
      this.#ev(ch, 'leaderboard', state.leaderboard);
      const standing = myMe();
      if (standing) this.#reply({ t: 'me', ch, data: standing });
    }

    #ev(ch: string, type: string, data: unknown) {
      this.#reply({ t: 'ev', ch, seq: ++seq, ts: Date.now(), type, data, from: user });
    }

    #reply(frame: RelayFrame) {
      const data = JSON.stringify(frame);
      setTimeout(() => {
        if (this.readyState !== this.OPEN) return;
        const event = new MessageEvent('message', { data });
        this.dispatchEvent(event);
        this.onmessage?.call(this, event);
      });
    }
  }

  return QuizSocket;
}
