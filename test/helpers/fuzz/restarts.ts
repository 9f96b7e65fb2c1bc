/**
 * The restart fuzzer: fast-check plays random valid traffic from a few users (chat sends, poll
 * votes, Q&A questions and upvotes, quiz answers, a host's bans and quiz steps) while relays are
 * stopped with SIGTERM or SIGKILL and started again, on a real SQLite file or as one relay of a
 * cluster on a real Redis. The users behave as the browser kit does: on a dropped socket they
 * reconnect (to another relay when one is down), say `hello` with their `session`, `sub` every
 * channel with `from`, and send their outbox again with the same `mid`s; now and then they
 * also retry an op that was acked. After each run, what PROTOCOL.md promises across restarts
 * must hold:
 *
 * - order without gaps: every socket's events of a channel follow its last `sub` answer one
 *   seq after the other, every socket sees the same event at a seq, and a resume is replayed,
 *   never reset (the epoch stays: guarantee 7, and one epoch for a cluster);
 * - exactly once per (user, mid): a retried op gets the first ack (same `seq`, same `data`) and
 *   no second event; each chat text (one per mid) is in history at most once;
 * - nothing acked lost: every acked message is in history at its ack's seq, a user's last acked
 *   vote is in the poll's snapshot, an acked upvote is counted, and the last `tally` in history
 *   agrees with the snapshot;
 * - a resumed session is the same session, and a member that entered presence is still one;
 * - a ban acked before an op was sent refuses it, across restarts;
 * - no relay dies unless killed on purpose, a SIGTERM ends with exit 0, and no relay logs an
 *   error (level 50 or 60).
 *
 * FUZZ_SEED / FUZZ_PATH replay a failing run, FUZZ_MS bounds the time, FUZZ_RUNS the runs,
 * FUZZ_STEPS each run's length (default 40); FUZZ_DUMP=/tmp/restarts.txt writes the relays' logs of
 * a failing run.
 */
import { writeFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { RawClient, sleep, type Frame } from '../raw-client.js';
import { alive } from '../probes.js';
import type { RelayProcess } from '../relay.js';

/** Time for a relay (or a cluster after a failover) to answer. */
const ANSWER_MS = 20_000;
const USERS = 4;
const CHANNELS = ['chat', 'poll', 'qa', 'quiz'] as const;

/** An answer as the same op's retry must get it again: everything but the request id. */
const same = (answer: Frame) => JSON.stringify({ ...answer, id: undefined });

export type Step =
  | { do: 'send'; user: number }
  | { do: 'vote'; user: number; choice: number }
  | { do: 'ask'; user: number }
  | { do: 'upvote'; user: number; q: number }
  | { do: 'answer'; user: number; choice: number }
  | { do: 'retry'; user: number; n: number }
  | { do: 'drop'; user: number }
  | { do: 'resub'; user: number; channel: number }
  | { do: 'ban'; user: number; ban: boolean }
  | { do: 'quiz'; what: 'next' | 'reveal' }
  | { do: 'restart'; relay: number; signal: 'SIGTERM' | 'SIGKILL'; downMs: number }
  | { do: 'wait'; ms: number };

export function steps(max: number): fc.Arbitrary<Step[]> {
  const user = fc.integer({ min: 0, max: USERS - 1 });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ do: fc.constant('send' as const), user }) },
    {
      weight: 3,
      arbitrary: fc.record({
        do: fc.constant('vote' as const),
        user,
        choice: fc.integer({ min: 0, max: 2 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('ask' as const), user }) },
    {
      weight: 2,
      arbitrary: fc.record({ do: fc.constant('upvote' as const), user, q: fc.nat(20) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        do: fc.constant('answer' as const),
        user,
        choice: fc.integer({ min: 0, max: 1 }),
      }),
    },
    { weight: 3, arbitrary: fc.record({ do: fc.constant('retry' as const), user, n: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ do: fc.constant('drop' as const), user }) },
    {
      weight: 2,
      arbitrary: fc.record({
        do: fc.constant('resub' as const),
        user,
        channel: fc.nat(CHANNELS.length - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ do: fc.constant('ban' as const), user, ban: fc.boolean() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        do: fc.constant('quiz' as const),
        what: fc.constantFrom('next' as const, 'reveal' as const),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        do: fc.constant('restart' as const),
        relay: fc.nat(1),
        signal: fc.constantFrom('SIGTERM' as const, 'SIGKILL' as const),
        downMs: fc.constantFrom(0, 100, 600, 2_000),
      }),
    },
    { weight: 2, arbitrary: fc.record({ do: fc.constant('wait' as const), ms: fc.nat(150) }) },
  );
  return fc.array(step, { minLength: 5, maxLength: max });
}

/**
 * The relays under test, stopped and started by the run: one on SQLite (its users wait for it
 * to come back), or a cluster (its users move to a relay that is up meanwhile).
 */
export interface Relays {
  /** The relays, running or not. */
  all(): RelayProcess[];
}

interface Op {
  mid: string;
  ch: string;
  type: string;
  data: Record<string, unknown>;
  /** When it was first sent (ms, this process's clock). */
  sentAt: number;
  /** Its place among every op the run made: ops of one millisecond keep their order. */
  order: number;
}

let opsMade = 0;

interface Outcome {
  frame: Frame;
  op: Op;
  at: number;
}

class User {
  client: RawClient | null = null;
  session: string | undefined;
  readonly positions = new Map<string, { epoch: string; seq: number }>();
  /** Ops not answered finally, by mid, in the order made. */
  readonly outbox = new Map<string, Op>();
  /** The first final answer to each mid. */
  readonly outcomes = new Map<string, Outcome>();
  entered = false;
  #seen = 0;
  #ready = false;
  #connecting: Promise<void> | null = null;
  #at: number;
  #closed = false;
  #mids = 0;
  /** Where each `sub` sent by `resub` and not yet answered asked to start, by channel. */
  #resubs = new Map<string, number[]>();

  constructor(
    readonly run: RestartRun,
    readonly id: string,
    readonly role: 'host' | 'audience',
    start: number,
  ) {
    this.#at = start;
  }

  get ready(): boolean {
    return this.#ready && this.client?.open === true;
  }

  mid(): string {
    return `${this.id}.${++this.#mids}`;
  }

  /** Queues an op and sends it when connected. */
  op(ch: string, type: string, data: Record<string, unknown>, mid = this.mid()): Op {
    const op = { mid, ch, type, data, sentAt: Date.now(), order: ++opsMade };
    this.outbox.set(mid, op);
    if (this.ready) this.#send(op);
    return op;
  }

  /** Sends an answered op again, with its mid: its answer must be the first one. */
  retry(outcome: Outcome): void {
    if (this.outbox.has(outcome.op.mid)) return;
    this.outbox.set(outcome.op.mid, outcome.op);
    if (this.ready) this.#send(outcome.op);
  }

  /**
   * `sub` again with `from` where the channel stands (as a reloaded store would): the relay
   * re-positions the one subscription, events never doubled.
   */
  resub(ch: string): void {
    const from = this.positions.get(ch);
    if (!this.ready || !from) return;
    this.#resubs.set(ch, [...(this.#resubs.get(ch) ?? []), from.seq]);
    this.client?.send({ t: 'sub', id: `s:${ch}`, ch, from: { ...from } });
  }

  connect(): Promise<void> {
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = null));
    return this.#connecting;
  }

  drop(): void {
    this.client?.terminate();
  }

  close(): void {
    this.#closed = true;
    this.client?.terminate();
  }

  async #connect(): Promise<void> {
    const deadline = Date.now() + ANSWER_MS;
    while (!this.#closed && Date.now() < deadline) {
      const relays = this.run.relays.all();
      const relay = relays[this.#at++ % relays.length];
      if (!alive(relay)) {
        await sleep(50);
        continue;
      }
      let client: RawClient;
      try {
        client = await RawClient.connect(relay.url);
      } catch {
        await sleep(50);
        continue;
      }
      const token = relay.token({ sub: this.id, name: this.id, role: this.role });
      let welcome: Frame;
      try {
        welcome = await client.hello({ token, ...(this.session ? { session: this.session } : {}) });
      } catch {
        client.terminate();
        continue;
      }
      if (welcome.t !== 'welcome') {
        client.terminate();
        await sleep(100);
        continue;
      }
      if (this.session && welcome.session !== this.session) {
        this.run.problem(`${this.id}: resumed session ${this.session} got ${welcome.session}`);
      }
      this.session = welcome.session;
      this.client = client;
      this.#seen = 0;
      this.#resubs.clear();
      this.#ready = false;
      client.ws.on('message', () => this.#read(client));
      void client.closed.then(() => this.#dropped(client));
      try {
        if (!this.entered) {
          const ok = await this.#request(client, () =>
            client.presence(`${this.run.room}/presence`, 'enter'),
          );
          if (ok?.t === 'ok') this.entered = true;
        }
        for (const feature of CHANNELS) {
          const ch = `${this.run.room}/${feature}`;
          const from = this.positions.get(ch);
          const ok = await this.#request(client, () => client.sub(ch, from && { ...from }));
          if (ok === null) throw new Error('dropped');
          if (ok.t !== 'ok') this.run.problem(`${this.id}: sub ${ch} got ${JSON.stringify(ok)}`);
          else if (from && ok.reset) {
            this.run.problem(`${this.id}: resume of ${ch} from ${JSON.stringify(from)} got reset`);
          }
        }
      } catch {
        // Dropped while resuming: this connect goes on with another socket.
        client.terminate();
        continue;
      }
      this.#ready = true;
      for (const op of this.outbox.values()) this.#send(op);
      return;
    }
    if (!this.#closed) this.run.problem(`${this.id}: no relay took it within ${ANSWER_MS} ms`);
  }

  /** A request retried while the relays answer `internal` with `retryAfterMs`; null if dropped. */
  async #request(client: RawClient, send: () => Promise<Frame>): Promise<Frame | null> {
    for (;;) {
      if (!client.open) return null;
      let answer: Frame;
      try {
        answer = await send();
      } catch {
        return null;
      }
      if (answer.t === 'err' && answer.code === 'internal' && answer.retryAfterMs) {
        await sleep(answer.retryAfterMs);
        continue;
      }
      return answer;
    }
  }

  #send(op: Op): void {
    this.client?.send({
      t: 'op',
      id: `o:${op.mid}`,
      ch: op.ch,
      mid: op.mid,
      type: op.type,
      data: op.data,
    });
  }

  #read(client: RawClient): void {
    if (client !== this.client) return;
    for (; this.#seen < client.frames.length; this.#seen++) this.#frame(client.frames[this.#seen]);
  }

  #frame(f: Frame): void {
    if (f.t === 'ok' && typeof f.epoch === 'string') {
      const epoch = this.run.epoch;
      if (epoch !== undefined && f.epoch !== epoch) {
        this.run.problem(`${this.id}: ${f.ch} has epoch ${f.epoch}, it was ${epoch}`);
      }
      this.run.epoch = f.epoch;
      const asked = f.id === `s:${f.ch}` ? this.#resubs.get(f.ch)?.shift() : undefined;
      const from = asked === undefined ? this.positions.get(f.ch) : { epoch: f.epoch, seq: asked };
      const seq = f.reset ? f.seq : f.seq - f.replay;
      if (asked !== undefined && f.reset) {
        this.run.problem(`${this.id}: sub of ${f.ch} again from #${asked} got reset`);
      }
      if (!f.reset && from && seq !== from.seq) {
        this.run.problem(
          `${this.id}: resume of ${f.ch} from #${from.seq} replays from #${seq + 1}`,
        );
      }
      this.positions.set(f.ch, { epoch: f.epoch, seq });
      return;
    }
    if (f.t === 'ev') {
      const position = this.positions.get(f.ch);
      if (!position) {
        this.run.problem(`${this.id}: ev ${f.ch}#${f.seq} before its sub was answered`);
        return;
      }
      if (f.seq !== position.seq + 1) {
        this.run.problem(
          `${this.id}: ev ${f.ch}#${f.seq} ${f.type} where #${position.seq + 1} was due`,
        );
      }
      position.seq = Math.max(position.seq, f.seq);
      this.run.event(f);
      return;
    }
    if (f.t === 'err' && typeof f.id === 'string' && f.id.startsWith('s:')) {
      this.#resubs.get(f.id.slice(2))?.shift(); // refused (retryable): the subscription stays
      return;
    }
    if ((f.t === 'ack' || f.t === 'err') && typeof f.id === 'string' && f.id.startsWith('o:')) {
      const mid = f.id.slice(2);
      const op = this.outbox.get(mid);
      const first = this.outcomes.get(mid);
      if (!op && !first) {
        this.run.problem(`${this.id}: an answer to ${mid}, which it never sent`);
        return;
      }
      if (f.t === 'err' && (f.code === 'internal' || f.code === 'rate_limited')) {
        const after = f.retryAfterMs ?? 200;
        setTimeout(() => {
          if (op && this.ready && this.outbox.get(mid) === op) this.#send(op);
        }, after).unref();
        return;
      }
      this.outbox.delete(mid);
      if (first) {
        // Exactly once: a retry of an acked op gets the first ack (a refusal changed nothing,
        // so a retry of one may be processed afresh).
        if (first.frame.t === 'ack' && same(first.frame) !== same(f)) {
          this.run.problem(
            `${this.id}: mid ${mid} answered ${JSON.stringify(f)}, first ${JSON.stringify(first.frame)}`,
          );
        }
        return;
      }
      this.outcomes.set(mid, { frame: f, op: op!, at: Date.now() });
    }
  }

  #dropped(client: RawClient): void {
    if (client !== this.client || this.#closed) return;
    this.#ready = false;
    void sleep(20 + Math.random() * 80).then(() => this.connect());
  }
}

export class RestartRun {
  readonly problems: string[] = [];
  readonly room: string;
  epoch: string | undefined;
  readonly users: User[];
  readonly host: User;
  /** Every event seen, by `ch#seq`, as JSON. */
  readonly #events = new Map<string, string>();
  #logFrom: number[];
  #pollId: string | undefined;
  #quizIndex = -1;
  #questions: string[] = [];

  constructor(
    readonly relays: Relays,
    readonly run: number,
  ) {
    this.room = `rs${run}-${Date.now().toString(36)}`;
    this.#logFrom = relays.all().map((r) => r.output().length);
    this.users = Array.from(
      { length: USERS },
      (_, i) => new User(this, `rs${run}u${i}`, 'audience', i),
    );
    this.host = new User(this, `rs${run}host`, 'host', 0);
  }

  problem(text: string): void {
    if (this.problems.length < 40) this.problems.push(text);
  }

  event(f: Frame): void {
    const key = `${f.ch}#${f.seq}`;
    const json = JSON.stringify(f);
    const seen = this.#events.get(key);
    if (seen === undefined) this.#events.set(key, json);
    else if (seen !== json) this.problem(`ev ${key} differs between sockets: ${json} / ${seen}`);
  }

  async play(scenario: Step[]): Promise<void> {
    try {
      await this.#setup();
      for (const step of scenario) await this.#step(step);
      await this.#settle();
      await this.#verify();
    } catch (error) {
      this.problem(`the run stopped: ${error instanceof Error ? error.stack : error}`);
    } finally {
      this.#checkRelays();
      for (const user of [...this.users, this.host]) user.close();
    }
    if (this.problems.length > 0) {
      if (process.env.FUZZ_DUMP) {
        const logs = this.relays
          .all()
          .map((r, i) => `== relay ${i}\n${r.output().slice(this.#logFrom[i])}`);
        writeFileSync(process.env.FUZZ_DUMP, `${this.problems.join('\n')}\n\n${logs.join('\n')}`);
      }
      throw new Error(
        `run ${this.run}: ${this.problems.length} problems\n${this.problems.join('\n')}`,
      );
    }
  }

  async #setup(): Promise<void> {
    await this.host.connect();
    for (const user of this.users) await user.connect();
    const poll = this.host.op(`${this.room}/poll`, 'create', {
      question: 'Which?',
      options: ['a', 'b', 'c'],
      kind: 'single',
    });
    const created = await this.#outcome(this.host, poll.mid);
    this.#pollId = created.data?.pollId;
    await this.#outcome(
      this.host,
      this.host.op(`${this.room}/poll`, 'open', { pollId: this.#pollId }).mid,
    );
    const load = this.host.op(`${this.room}/quiz`, 'load', {
      questions: Array.from({ length: 5 }, (_, i) => ({
        text: `Q${i}?`,
        options: ['x', 'y'],
        correct: i % 2,
        timeLimitMs: 30_000,
      })),
    });
    await this.#outcome(this.host, load.mid);
  }

  async #outcome(user: User, mid: string): Promise<Frame> {
    const deadline = Date.now() + ANSWER_MS;
    while (!user.outcomes.has(mid)) {
      if (Date.now() > deadline) throw new Error(`${user.id}: no answer to ${mid}`);
      await sleep(10);
    }
    return user.outcomes.get(mid)!.frame;
  }

  async #step(step: Step): Promise<void> {
    const user = 'user' in step ? this.users[step.user] : this.host;
    const ch = (feature: string) => `${this.room}/${feature}`;
    switch (step.do) {
      case 'send': {
        const mid = user.mid();
        user.op(ch('chat'), 'send', { text: `text of ${mid}` }, mid);
        return;
      }
      case 'vote':
        // One vote of a user in flight at a time: the last acked is then the one that counts.
        if ([...user.outbox.values()].some((op) => op.type === 'vote')) return;
        user.op(ch('poll'), 'vote', { pollId: this.#pollId, choice: step.choice });
        return;
      case 'ask':
        user.op(ch('qa'), 'ask', { text: `question of ${user.id} ${user.outcomes.size}` });
        return;
      case 'upvote': {
        const ids = this.#questionIds();
        if (ids.length > 0) user.op(ch('qa'), 'upvote', { id: ids[step.q % ids.length] });
        return;
      }
      case 'answer':
        if (this.#quizIndex >= 0) {
          user.op(ch('quiz'), 'answer', { index: this.#quizIndex, choice: step.choice });
        }
        return;
      case 'retry': {
        const done = [...user.outcomes.values()].filter((o) => o.frame.t === 'ack');
        if (done.length > 0) user.retry(done[step.n % done.length]);
        return;
      }
      case 'drop':
        user.drop();
        return;
      case 'resub':
        user.resub(ch(CHANNELS[step.channel]));
        return;
      case 'ban':
        this.host.op(ch('chat'), step.ban ? 'ban' : 'unban', { userId: user.id });
        return;
      case 'quiz': {
        if (step.what === 'reveal' && this.#quizIndex < 0) return;
        const op = this.host.op(ch('quiz'), step.what, {});
        // Answers name the question: wait for it (through any restart).
        const answer = await this.#outcome(this.host, op.mid);
        if (step.what === 'next' && answer.t === 'ack' && typeof answer.data?.index === 'number') {
          this.#quizIndex = answer.data.index;
        }
        return;
      }
      case 'restart':
        return this.#restart(step);
      case 'wait':
        return sleep(step.ms);
    }
  }

  #questionIds(): string[] {
    for (const user of [...this.users, this.host]) {
      for (const { frame, op } of user.outcomes.values()) {
        if (op.type === 'ask' && frame.t === 'ack' && frame.data?.status === 'visible') {
          if (!this.#questions.includes(frame.data.id)) this.#questions.push(frame.data.id);
        }
      }
    }
    return this.#questions;
  }

  async #restart(step: Extract<Step, { do: 'restart' }>): Promise<void> {
    const relays = this.relays.all();
    const relay = relays[step.relay % relays.length];
    if (!alive(relay)) return;
    const code = await relay.stop(step.signal);
    if (step.signal === 'SIGTERM' && code !== 0) {
      this.problem(`a relay stopped with SIGTERM exited ${code}:\n${relay.output().slice(-2_000)}`);
    }
    await sleep(step.downMs);
    await relay.restart();
  }

  /** Until every outbox is empty and every user is connected, then the throttles' interval. */
  async #settle(): Promise<void> {
    const deadline = Date.now() + ANSWER_MS;
    const everyone = [...this.users, this.host];
    while (everyone.some((u) => u.outbox.size > 0 || !u.ready)) {
      if (Date.now() > deadline) {
        for (const u of everyone) {
          if (u.outbox.size > 0 || !u.ready) {
            this.problem(
              `${u.id}: ready ${u.ready}, ${u.outbox.size} ops never answered: ${[...u.outbox.keys()].join(' ')}`,
            );
          }
        }
        return;
      }
      await sleep(20);
    }
    await sleep(600);
  }

  /** Reads the whole history and the snapshots with a fresh socket, and compares. */
  async #verify(): Promise<void> {
    const relay = this.relays.all().find((r) => alive(r))!;
    const reader = await RawClient.join(relay.url, {
      token: relay.token({ sub: `rs${this.run}reader`, role: 'host' }),
    });
    try {
      const history = new Map<string, Frame[]>();
      const snapshots = new Map<string, Frame>();
      for (const feature of CHANNELS) {
        const ch = `${this.room}/${feature}`;
        const ok = await reader.sub(ch, { epoch: this.epoch!, seq: 0 });
        if (ok.t !== 'ok' || ok.reset) {
          this.problem(`reader: sub ${ch} from #0 got ${JSON.stringify(ok).slice(0, 300)}`);
          continue;
        }
        const events = await reader.collect(
          (f) => f.t === 'ev' && f.ch === ch,
          ok.replay,
          ANSWER_MS,
        );
        history.set(ch, events);
        for (const f of events) this.event(f);
        const seqs = events.map((f) => f.seq);
        if (seqs.some((s, i) => s !== i + 1))
          this.problem(`reader: ${ch} history ${seqs.join(',')}`);
        snapshots.set(ch, await reader.sub(ch));
      }
      this.#verifyChat(history.get(`${this.room}/chat`) ?? []);
      this.#verifyPoll(history.get(`${this.room}/poll`) ?? [], snapshots.get(`${this.room}/poll`));
      this.#verifyQa(snapshots.get(`${this.room}/qa`));
      await this.#verifyPresence(reader);
    } finally {
      reader.terminate();
    }
  }

  #acked(type: string, user?: User): Outcome[] {
    return [...this.users, this.host]
      .filter((u) => !user || u === user)
      .flatMap((u) => [...u.outcomes.values()])
      .filter((o) => o.op.type === type && o.frame.t === 'ack');
  }

  #verifyChat(events: Frame[]): void {
    const texts = new Map<string, number>();
    for (const f of events) {
      if (f.type === 'message') texts.set(f.data.text, (texts.get(f.data.text) ?? 0) + 1);
    }
    for (const [text, n] of texts)
      if (n > 1) this.problem(`chat: "${text}" is in history ${n} times`);
    for (const { frame, op } of this.#acked('send')) {
      const ev = events.find((f) => f.seq === frame.seq);
      if (
        ev?.type !== 'message' ||
        ev.data.text !== op.data.text ||
        ev.data.id !== frame.data?.id
      ) {
        this.problem(
          `chat: ${op.mid} acked ${JSON.stringify(frame)}; history has ${JSON.stringify(ev)}`,
        );
      }
    }
    // A ban acked before a send was made refuses it, unless an unban was sent after the ban.
    const hostOps = [...this.host.outcomes.values()];
    for (const user of this.users) {
      const mine = hostOps.filter((o) => o.op.data.userId === user.id);
      for (const { frame, op } of this.#acked('send', user)) {
        const ban = mine
          .filter((o) => o.op.type === 'ban' && o.frame.t === 'ack' && o.at < op.sentAt)
          .at(-1);
        if (!ban) continue;
        const unbanned = [...mine.map((o) => o.op), ...this.host.outbox.values()].some(
          (o) => o.type === 'unban' && o.data.userId === user.id && o.order > ban.op.order,
        );
        if (!unbanned) {
          this.problem(
            `ban: ${user.id} was banned (acked ${ban.op.mid}) and ${op.mid}, sent later, was acked ${JSON.stringify(frame)}`,
          );
        }
      }
    }
  }

  #verifyPoll(events: Frame[], snapshot: Frame | undefined): void {
    const poll = snapshot?.snapshot?.polls?.find((p: Frame) => p.id === this.#pollId);
    if (!poll) {
      this.problem(`poll: not in the snapshot ${JSON.stringify(snapshot).slice(0, 300)}`);
      return;
    }
    const counts = [0, 0, 0];
    let voters = 0;
    for (const user of this.users) {
      const last = this.#acked('vote', user)
        .sort((a, b) => a.at - b.at)
        .at(-1);
      if (!last) continue;
      voters++;
      counts[last.op.data.choice as number]++;
    }
    if (JSON.stringify(poll.counts) !== JSON.stringify(counts) || poll.total !== voters) {
      this.problem(
        `poll: snapshot counts ${JSON.stringify(poll.counts)} total ${poll.total}; acked votes make ${JSON.stringify(counts)} total ${voters}`,
      );
    }
    const tally = events.filter((f) => f.type === 'tally' && f.data.pollId === this.#pollId).at(-1);
    if (voters > 0 && JSON.stringify(tally?.data.counts) !== JSON.stringify(poll.counts)) {
      this.problem(
        `poll: last tally in history ${JSON.stringify(tally?.data)}, snapshot ${JSON.stringify(poll.counts)}`,
      );
    }
  }

  #verifyQa(snapshot: Frame | undefined): void {
    const questions: Frame[] = snapshot?.snapshot?.questions ?? [];
    for (const { frame } of this.#acked('ask')) {
      if (!questions.some((q) => q.id === frame.data?.id)) {
        this.problem(`qa: asked and acked ${JSON.stringify(frame)}, not in the snapshot`);
      }
    }
    for (const q of questions) {
      const voters = new Set(
        this.#acked('upvote')
          .filter((o) => o.op.data.id === q.id)
          .map((o) => o.op.mid.split('.')[0]),
      );
      if (q.votes !== voters.size) {
        this.problem(
          `qa: question ${q.id} has ${q.votes} votes; ${voters.size} users' upvotes were acked`,
        );
      }
    }
  }

  async #verifyPresence(reader: RawClient): Promise<void> {
    const ch = `${this.room}/presence`;
    await reader.request({ t: 'sub', ch });
    const frame = await reader.next(
      (f) => f.t === 'presence' && f.ch === ch && Array.isArray(f.members),
    );
    const ids = new Set(frame.members.map((m: Frame) => m.id));
    // A ban ends the user's presence in the room (protocol-notes.md, Chat).
    const banned = new Set(
      [...this.host.outcomes.values(), ...[...this.host.outbox.values()].map((op) => ({ op }))]
        .filter((o) => o.op.type === 'ban')
        .map((o) => o.op.data.userId),
    );
    for (const user of [...this.users, this.host]) {
      if (user.entered && !banned.has(user.id) && !ids.has(user.id)) {
        this.problem(
          `presence: ${user.id} entered, resumed its session, and is no member: ${[...ids].join(' ')}`,
        );
      }
    }
  }

  #checkRelays(): void {
    for (const [i, relay] of this.relays.all().entries()) {
      if (!alive(relay)) this.problem(`relay ${i} died:\n${relay.output().slice(-3_000)}`);
      const errors = relay
        .output()
        .slice(this.#logFrom[i])
        .split('\n')
        .filter((line) => /"level":(50|60)/.test(line));
      for (const line of errors.slice(0, 5))
        this.problem(`relay ${i} logged: ${line.slice(0, 1_500)}`);
    }
  }
}

/** The restart fuzzer as a fast-check property, for the time and runs the environment asks. */
export async function fuzzRestarts(
  relays: Relays,
  defaultMs: number,
): Promise<{ seed: number; runs: number }> {
  const env = process.env;
  const seed = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
  let run = 0;
  let current: Promise<void> = Promise.resolve();
  await fc.assert(
    fc.asyncProperty(steps(Number(env.FUZZ_STEPS ?? 40)), async (s) => {
      current = new RestartRun(relays, run++).play(s);
      await current;
    }),
    {
      seed,
      numRuns: Number(env.FUZZ_RUNS ?? 100_000),
      ...(env.FUZZ_PATH ? { path: env.FUZZ_PATH } : {}),
      endOnFailure: true,
      includeErrorInReport: true,
      plugins: [fc.interruptAfterTimeLimit(Number(env.FUZZ_MS ?? defaultMs)), fc.timeout(180_000)],
    },
  );
  await current.catch((error: unknown) => {
    throw new Error(
      `the last run, cut by the time limit, failed (replay: FUZZ_SEED=${seed} FUZZ_PATH=${run - 1}): ${String(error)}`,
      { cause: error },
    );
  });
  return { seed, runs: run };
}
