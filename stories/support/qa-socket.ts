/**
 * A stand-in WebSocket for Q&A stories: the recorded socket (recorded-socket.ts) for everything
 * else, plus a `ROOM/qa` channel that behaves like the relay's. It answers `sub` with the room's
 * questions as the viewer may see them (hidden ones for hosts only, pending ones for their asker
 * and in the hosts' queue, anonymous askers named to nobody else), sends my votes as `me`, and
 * applies `ask`, votes and the hosts' ops the way the relay does: `ev` / `me` first, then `ack`.
 *
 * Built on top of recordedWebSocket rather than inside it, so that file stays as it is.
 */
import { getConnection } from '../../src/connection/index.js';
import type { QaQuestion, QaStatus } from '../../src/features/qa.js';
import type { ClientFrame, ErrFrame, OpFrame, RelayFrame, User } from '../../src/protocol/index.js';
import { snapshot } from './chat-fixtures.js';
import { recordedWebSocket } from './recorded-socket.js';

type Asked = QaQuestion & { user: User };

export interface QaRecording {
  /** Who the relay says we are (hosts and moderators see hidden questions and the queue). */
  user: User;
  /** Every question of the room, with its true asker, oldest first. */
  questions: Asked[];
  /** New audience questions wait for approval. */
  moderation?: boolean;
  /** Ids of the questions I upvoted. */
  myVotes?: string[];
  /** `me` data sent after the join, e.g. `{pending}` for a question of mine turned down. */
  afterJoin?: unknown[];
  /** Events (`{type, data}`) sent again and again every `everyMs`, e.g. votes coming in. */
  repeat?: { everyMs: number; events: () => { type: string; data: unknown }[] };
  /** `relay` (default) applies ops; `hold` never answers; an `err` refuses them. */
  ops?: 'relay' | 'hold' | ((op: OpFrame) => Omit<ErrFrame, 't' | 'id'> | 'relay' | 'hold');
  /** Never answer anything (the client stays "connecting"). */
  stall?: boolean;
  /** Drop the first socket this long after the join, and refuse every later one. */
  dropAfterMs?: number;
}

const EPOCH = 'recorded-qa';
/** The relay's pending questions listed to hosts at once. */
const QUEUE_LIST = 50;
const isHost = (user: User) => user.role === 'host' || user.role === 'moderator';
let asked = 0;

/** The question as the relay sends it: an anonymous asker is named to the asker alone. */
function shown(question: Asked, own: boolean): QaQuestion {
  const { user: asker, ...rest } = question;
  return question.anonymous && !own ? rest : { ...rest, user: asker };
}

/** Registers a Q&A recording for `key` (once per page) and returns its URL. */
export function recordedQa(key: string, recording: QaRecording): string {
  const url = `ws://recorded/qa-${key}`;
  getConnection(url, {
    WebSocket: qaWebSocket(recording),
    minBackoffMs: 500,
    maxBackoffMs: 5_000,
    connectTimeoutMs: 3_600_000,
  });
  return url;
}

/** A WebSocket class bound to one Q&A recording; its sockets share the room's state. */
export function qaWebSocket(recording: QaRecording): typeof WebSocket {
  const { user } = recording;
  const Base = recordedWebSocket({
    user,
    snapshot: snapshot([]),
    stall: recording.stall,
    dropAfterMs: recording.dropAfterMs,
  });
  const questions = recording.questions.map((question) => structuredClone(question));
  const votes = new Set(recording.myVotes);
  let seq = 0;
  let moderation = recording.moderation ?? false;

  const own = (question: Asked) => question.user.id === user.id;
  const queue = () => {
    const waiting = questions.filter((question) => question.status === 'pending');
    return {
      count: waiting.length,
      questions: waiting.slice(0, QUEUE_LIST).map((question) => shown(question, false)),
    };
  };

  class QaSocket extends Base {
    override send(raw: string): void {
      const frame = JSON.parse(raw) as ClientFrame;
      const ours = 'ch' in frame && frame.ch.endsWith('/qa') && !recording.stall;
      if (!ours || this.readyState !== this.OPEN) return super.send(raw);
      if (frame.t === 'sub') this.#join(frame.id, frame.ch);
      else if (frame.t === 'op') this.#op(frame);
      else if (frame.t === 'unsub') this.#reply({ t: 'ok', id: frame.id, ch: frame.ch });
    }

    #join(id: string | number, ch: string) {
      const visible = questions.filter((question) =>
        question.status === 'pending'
          ? own(question)
          : question.status !== 'hidden' || isHost(user),
      );
      const state: Record<string, unknown> = {
        questions: visible.map((question) => shown(question, own(question))),
        settings: { moderation },
      };
      if (isHost(user)) state.queue = queue();
      this.#reply({ t: 'ok', id, ch, epoch: EPOCH, seq, reset: true, snapshot: state });
      if (votes.size) this.#reply({ t: 'me', ch, data: { voted: [...votes] } });
      for (const data of recording.afterJoin ?? []) this.#reply({ t: 'me', ch, data });
      const repeat = recording.repeat;
      if (repeat) {
        const tick = () => {
          if (this.readyState !== this.OPEN) return;
          for (const { type, data } of repeat.events()) this.#ev(ch, type, data);
          setTimeout(tick, repeat.everyMs);
        };
        setTimeout(tick, repeat.everyMs);
      }
      if (recording.dropAfterMs !== undefined) {
        setTimeout(() => this.close(1006), recording.dropAfterMs);
      }
    }

    #op(op: OpFrame) {
      const rule = recording.ops ?? 'relay';
      const outcome = typeof rule === 'function' ? rule(op) : rule;
      if (outcome === 'hold') return;
      if (outcome !== 'relay') return this.#reply({ t: 'err', id: op.id, mid: op.mid, ...outcome });
      const data = (op.data ?? {}) as { id?: string; text?: string; anonymous?: boolean };
      const question = questions.find((candidate) => candidate.id === data.id);
      const refuse = (code: ErrFrame['code'], message: string) =>
        this.#reply({ t: 'err', id: op.id, mid: op.mid, code, message });
      let result: unknown;
      switch (op.type) {
        case 'ask': {
          const created: Asked = {
            id: `rec${(asked++).toString().padStart(5, '0')}`,
            text: String(data.text).trim(),
            status: moderation && !isHost(user) ? 'pending' : 'visible',
            ts: Date.now(),
            anonymous: data.anonymous === true,
            user,
            votes: 0,
          };
          questions.push(created);
          if (created.status === 'pending') this.#me(op.ch, { pending: shown(created, true) });
          else this.#ev(op.ch, 'question', shown(created, false));
          result = { id: created.id, status: created.status };
          break;
        }
        case 'upvote':
        case 'unvote': {
          if (!question || question.status === 'pending' || question.status === 'hidden') {
            return refuse('not_found', 'no such question');
          }
          const up = op.type === 'upvote';
          if (up !== votes.has(question.id)) {
            question.votes += up ? 1 : -1;
            if (up) votes.add(question.id);
            else votes.delete(question.id);
            this.#me(op.ch, { vote: { id: question.id, voted: up } });
            this.#ev(op.ch, 'votes', { id: question.id, votes: question.votes });
          }
          break;
        }
        case 'pin':
        case 'answer':
        case 'hide':
        case 'approve': {
          if (!question) return refuse('not_found', 'no such question');
          const status = ({ pin: 'pinned', answer: 'answered', hide: 'hidden' } as const)[
            op.type as 'pin' | 'answer' | 'hide'
          ];
          if (question.status === 'pending') {
            if (op.type !== 'approve' && op.type !== 'hide') {
              return refuse('conflict', 'approve the question first');
            }
            question.status = op.type === 'approve' ? 'visible' : 'hidden';
            if (op.type === 'approve') this.#ev(op.ch, 'question', shown(question, false));
            this.#me(op.ch, { queue: queue() });
          } else if (status && question.status !== status) {
            if (status === 'pinned') {
              for (const other of questions.filter((q) => q.status === 'pinned')) {
                this.#setStatus(op.ch, other, 'visible');
              }
            }
            this.#setStatus(op.ch, question, status);
          }
          break;
        }
        case 'settings':
          moderation = (op.data as { moderation: boolean }).moderation;
          this.#ev(op.ch, 'settings', { moderation });
          break;
      }
      this.#reply({ t: 'ack', id: op.id, mid: op.mid, ...(result ? { data: result } : {}) });
    }

    #setStatus(ch: string, question: Asked, status: QaStatus) {
      question.status = status;
      this.#ev(ch, 'status', { id: question.id, status, question: shown(question, false) });
    }

    #me(ch: string, data: unknown) {
      this.#reply({ t: 'me', ch, data });
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

  return QaSocket;
}
