/**
 * A stand-in WebSocket for poll stories: the recorded socket (recorded-socket.ts) for everything
 * else, plus a poll channel that behaves like the relay's. It answers `sub` with the recorded
 * polls, sends my votes (and a host's hidden tallies) as `me`, and applies `vote`, `create`,
 * `open` and `close` the way the relay does: `me` then `ack`, then the new `tally`.
 *
 * Built on top of recordedWebSocket rather than inside it, so that file stays as it is.
 */
import { getConnection } from '../../src/connection/index.js';
import type { Poll, PollAnswer, PollTally } from '../../src/features/poll.js';
import type { ClientFrame, ErrFrame, OpFrame, RelayFrame, User } from '../../src/protocol/index.js';
import { snapshot } from './chat-fixtures.js';
import { recordedWebSocket } from './recorded-socket.js';

export interface PollRecording {
  /** Who the relay says we are (a host sees hidden tallies). */
  user: User;
  /** The room's polls, with the counts the relay keeps (hidden ones are hidden here for the audience). */
  polls: Poll[];
  /** My earlier answers, sent as `me` after the join. */
  myVotes?: Record<string, PollAnswer>;
  /** `relay` (default) applies ops; `hold` never answers; an `err` refuses them. */
  ops?: 'relay' | 'hold' | ((op: OpFrame) => Omit<ErrFrame, 't' | 'id'> | 'relay' | 'hold');
  /** Never answer anything (the client stays "connecting"). */
  stall?: boolean;
  /** Drop the first socket this long after the join, and refuse every later one. */
  dropAfterMs?: number;
}

const EPOCH = 'recorded-poll';
const isHost = (user: User) => user.role === 'host' || user.role === 'moderator';
const hidden = (poll: Poll) => poll.hideResults && poll.status !== 'closed';
let pollIds = 0;

const tallyOf = (poll: Poll): PollTally => ({
  counts: structuredClone(poll.counts ?? []),
  total: poll.total ?? 0,
});

/** Registers a poll recording for `key` (once per page) and returns its URL. */
export function recordedPolls(key: string, recording: PollRecording): string {
  const url = `ws://recorded/poll-${key}`;
  getConnection(url, {
    WebSocket: pollWebSocket(recording),
    minBackoffMs: 500,
    maxBackoffMs: 5_000,
    connectTimeoutMs: 3_600_000,
  });
  return url;
}

/** A WebSocket class bound to one poll recording; its sockets share the poll state. */
export function pollWebSocket(recording: PollRecording): typeof WebSocket {
  const { user } = recording;
  const Base = recordedWebSocket({
    user,
    snapshot: snapshot([]),
    stall: recording.stall,
    dropAfterMs: recording.dropAfterMs,
  });
  const polls = recording.polls.map((poll) => structuredClone(poll));
  const votes = new Map<string, PollAnswer>(Object.entries(recording.myVotes ?? {}));
  let seq = 0;

  /** The poll as this user may see it. */
  const shown = (poll: Poll): Poll =>
    hidden(poll) && !isHost(user) ? { ...poll, counts: null, total: null } : poll;

  class PollSocket extends Base {
    override send(raw: string): void {
      const frame = JSON.parse(raw) as ClientFrame;
      const ours = 'ch' in frame && frame.ch.endsWith('/poll') && !recording.stall;
      if (!ours || this.readyState !== this.OPEN) return super.send(raw);
      if (frame.t === 'sub') this.#join(frame.id, frame.ch);
      else if (frame.t === 'op') this.#op(frame);
      else if (frame.t === 'unsub') this.#reply({ t: 'ok', id: frame.id, ch: frame.ch });
    }

    #join(id: string | number, ch: string) {
      const visible = currentPolls();
      this.#reply({
        t: 'ok',
        id,
        ch,
        epoch: EPOCH,
        seq,
        reset: true,
        snapshot: { polls: visible },
      });
      for (const [pollId, answer] of votes)
        this.#reply({ t: 'me', ch, data: { pollId, ...answer } });
      if (isHost(user)) {
        for (const poll of visible.filter(hidden)) {
          this.#reply({ t: 'me', ch, data: { pollId: poll.id, ...tallyOf(poll) } });
        }
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
      const data = (op.data ?? {}) as Record<string, unknown>;
      const poll = polls.find((candidate) => candidate.id === data.pollId);
      let result: unknown;
      switch (op.type) {
        case 'vote': {
          if (!poll || poll.status !== 'open') {
            return this.#reply({
              t: 'err',
              id: op.id,
              mid: op.mid,
              code: 'closed',
              message: 'this poll is not open',
            });
          }
          const { pollId: _, ...answer } = data as { pollId: string } & PollAnswer;
          count(poll, votes.get(poll.id), -1);
          if (!votes.has(poll.id)) poll.total = (poll.total ?? 0) + 1;
          count(poll, answer, +1);
          votes.set(poll.id, answer);
          this.#reply({ t: 'me', ch: op.ch, data: { pollId: poll.id, ...answer } });
          this.#reply({ t: 'ack', id: op.id, mid: op.mid });
          return this.#tally(op.ch, poll);
        }
        case 'create': {
          const input = data as Pick<Poll, 'question' | 'options' | 'kind' | 'hideResults'>;
          const created: Poll = {
            id: `rec${(pollIds++).toString().padStart(5, '0')}`,
            question: input.question,
            options: input.options ?? [],
            kind: input.kind,
            status: 'draft',
            hideResults: input.hideResults === true,
            counts: input.kind === 'wordcloud' ? {} : (input.options ?? []).map(() => 0),
            total: 0,
          };
          polls.push(created);
          this.#ev(op.ch, 'poll', {
            poll: { ...created, ...(created.hideResults ? { counts: null, total: null } : {}) },
          });
          result = { pollId: created.id };
          break;
        }
        case 'open':
        case 'close':
          if (poll) {
            poll.status = op.type === 'open' ? 'open' : 'closed';
            this.#ev(op.ch, 'status', { pollId: poll.id, status: poll.status });
          }
          break;
      }
      this.#reply({ t: 'ack', id: op.id, mid: op.mid, seq, ...(result ? { data: result } : {}) });
      if (poll && op.type === 'close')
        this.#ev(op.ch, 'tally', { pollId: poll.id, ...tallyOf(poll) });
    }

    /** The relay's tally after a vote: an event for all, or a `me` to hosts while hidden. */
    #tally(ch: string, poll: Poll) {
      if (!hidden(poll)) return this.#ev(ch, 'tally', { pollId: poll.id, ...tallyOf(poll) });
      if (isHost(user)) this.#reply({ t: 'me', ch, data: { pollId: poll.id, ...tallyOf(poll) } });
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

  function currentPolls(): Poll[] {
    return polls.map(shown);
  }

  return PollSocket;
}

/** Adds (`+1`) or removes (`-1`) one answer in a poll's counts. */
function count(poll: Poll, answer: PollAnswer | undefined, delta: 1 | -1) {
  if (!answer || !poll.counts) return;
  if (Array.isArray(poll.counts)) {
    const counts = poll.counts;
    const chosen = 'choice' in answer ? [answer.choice] : 'choices' in answer ? answer.choices : [];
    for (const index of chosen) counts[index] += delta;
    return;
  }
  if (!('text' in answer)) return;
  const counts = poll.counts;
  for (const word of wordsOf(answer.text)) {
    counts[word] = (counts[word] ?? 0) + delta;
    if (counts[word] <= 0) delete counts[word];
  }
}

/** Roughly the relay's normalising: lower case, words of 3 letters or more, each once. */
function wordsOf(text: string): string[] {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}']+/u);
  return [...new Set(words.filter((word) => [...word].length >= 3))];
}
