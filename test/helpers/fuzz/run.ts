/**
 * Plays one fuzz scenario (`./frames.ts`) against a real relay process over real sockets, then
 * checks what must hold whatever the frames were:
 *
 * - the relay process lives and logs no error;
 * - every request id a socket sent is answered (`ok`, `ack`, `err`) at most as many times as it
 *   was sent, on a socket that stayed open every request is answered, and answers keep the
 *   order of the frames;
 * - no `err` is `internal`, has an unknown code, or a message that is long or holds a stack;
 * - on every socket, each channel's `ev`s follow the position its last `sub` answer gave, one
 *   seq after the other, and none comes for a channel not subscribed (after its `unsub`, or an
 *   `auth` whose token no longer grants its room); every socket that sees an event sees the
 *   same one;
 * - no user text in an event (a message, a question, a poll's question and options) holds a
 *   control character, a bidi control, an invisible format character or a lone surrogate;
 * - a bystander (signed in, subscribed to channels the fuzz clients write to) stays connected,
 *   can still `sub` at the end, and receives what a fresh writer sends.
 *
 * Problems are collected and thrown together, so fast-check reports the scenario with all of them.
 */
import { writeFileSync } from 'node:fs';
import { signToken, type TokenClaims } from '../../../server/auth.js';
import { RawClient, sleep, type Frame } from '../raw-client.js';
import { alive } from '../probes.js';
import type { RelayProcess } from '../relay.js';
import {
  ROOMS_PER_RUN,
  helloFields,
  type Hello,
  type Identity,
  type Scenario,
  type Step,
} from './frames.js';
import {
  AnonKey,
  Ch,
  Deep,
  Id,
  Mid,
  Ref,
  Subbed,
  Token,
  serialise,
  type RefKind,
  type TokenSpec,
} from './placeholders.js';

/** The same few anonymous keys in every run: an address may bring only so many new ones. */
const ANON_KEYS = ['fuzz-anon-key-0-0000', 'fuzz-anon-key-1-1111', 'fuzz-anon-key-2-2222'];
const REQUEST_TYPES = new Set(['sub', 'unsub', 'op', 'presence', 'auth']);
const ANSWER_TYPES = new Set(['ok', 'ack', 'err']);
const ERROR_CODES = new Set([
  'bad_frame',
  'unsupported_version',
  'unauthorized',
  'forbidden',
  'not_found',
  'invalid',
  'rate_limited',
  'too_large',
  'conflict',
  'too_late',
  'closed',
]);
/** An error message is a sentence, never an echo of what was sent. */
const MESSAGE_MAX = 300;
const STACK = /\n\s+at |\bat [^\s]+ \(|\.ts:\d+:\d+/;
/** Time for a relay under load to answer what was sent before it. */
const ANSWER_MS = 15_000;
/** Throttled frames (tallies 200 ms, bursts and presence 250 ms) go out within this. */
const THROTTLE_MS = 300;
const PROBLEMS_PER_SOCKET = 5;
/** What user text never keeps (protocol-notes.md: User text): see `cleanText`. */
const UNCLEAN =
  /(?![\t\n])\p{Cc}|[\u00AD\u180E\u200B\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u2028\u2029]|\p{Cs}/u;

/** The user texts an event carries. */
function userTexts(data: unknown): unknown[] {
  if (!isObject(data)) return [];
  const poll = isObject(data.poll) ? data.poll : {};
  const options = Array.isArray(poll.options) ? poll.options : [];
  return [data.text, data.question, poll.question, ...options];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string | number =>
  (typeof v === 'string' && v.length <= 64) || (typeof v === 'number' && Number.isFinite(v));

interface Sent {
  /** Frames sent with this id. */
  count: number;
  /** Of those, requests sent once the socket was welcomed: each must be answered. */
  requests: number;
  t: unknown;
  /** For `auth`: the rooms its token grants. */
  rooms?: string[];
}

/** One socket of a slot, from connect to close. */
class Conn {
  readonly sent = new Map<string, Sent>();
  readonly opIds: (string | number)[] = [];
  /** The ids of the requests it sent once welcomed, in order: answers must keep that order. */
  readonly order: string[] = [];
  /**
   * Ids it also gave frames that are answered only sometimes (a signal answers only when refused;
   * a frame of unknown `t` gets a `bad_frame` without id): an answer with such an id cannot be
   * placed, so its order is not checked.
   */
  readonly unplaced = new Set<string>();
  /** Channels it sent a `sub` for, in order. */
  readonly subbed: string[] = [];
  welcomed = false;
  closedByUs = false;
  session: string | undefined;
  /** The rooms its hello's token grants (every room for anonymous users). */
  rooms = ['*'];
  /** What went each way, in order, for `FUZZ_DUMP`. */
  readonly log: string[] = [];

  constructor(
    readonly label: string,
    readonly slot: number,
    readonly client: RawClient,
  ) {
    client.ws.on('message', (data) => this.log.push(`<- ${clip(data.toString(), 2_000)}`));
    client.ws.on('close', (code) => this.log.push(`-- closed ${code}`));
  }

  get usable(): boolean {
    return !this.closedByUs && this.client.open;
  }

  /** Welcomed and never closed, by either side: every request it sent must be answered. */
  get whole(): boolean {
    return this.welcomed && !this.closedByUs && this.client.closeInfo === null;
  }
}

/** What the fuzz clients sent and got, over every run: how much of the relay a budget covered. */
export class FuzzStats {
  runs = 0;
  sockets = 0;
  frames = 0;
  events = 0;
  readonly answers = new Map<string, number>();

  count(frames: readonly Frame[]): void {
    for (const f of frames) {
      if (f.t === 'ev') this.events++;
      if (!ANSWER_TYPES.has(f.t)) continue;
      const what = f.t === 'err' ? `err ${f.code}` : f.t;
      this.answers.set(what, (this.answers.get(what) ?? 0) + 1);
    }
  }

  toString(): string {
    const answers = [...this.answers]
      .sort((a, b) => b[1] - a[1])
      .map(([what, n]) => `${what} ${n}`)
      .join(', ');
    return (
      `${this.runs} runs, ${this.frames} frames from ${this.sockets} fuzz sockets ` +
      `(${Math.round(this.frames / Math.max(1, this.runs))} a run); answers: ${answers}; ` +
      `${this.events} events received`
    );
  }
}

export class FuzzRun {
  readonly rooms: string[];
  readonly problems: string[] = [];
  #conns: Conn[] = [];
  #slots: (Conn | undefined)[] = [];
  #known = new Map<RefKind, string[]>();
  #learned = new Map<RawClient, number>();
  #ids = 0;
  #bystander: RawClient | null = null;
  #writer: RawClient | null = null;
  #logFrom: number;
  #maxFrameBytes = 0;

  constructor(
    readonly relay: RelayProcess,
    readonly run: number,
    readonly stats = new FuzzStats(),
  ) {
    stats.runs++;
    this.rooms = [`fz${run}a`, `fz${run}b`, 'fzshared'];
    this.#logFrom = relay.output().length;
  }

  /** Plays the scenario and throws with every problem found. */
  async play(scenario: Scenario): Promise<void> {
    try {
      await this.#startBystander();
      for (const [slot, { who, subs }] of scenario.slots.entries()) {
        await this.#connect(slot, { identity: who, session: 'none' });
        for (const ch of subs) {
          await this.#step({ do: 'send', slot, frame: { t: 'sub', id: new Id('fresh'), ch } });
        }
      }
      for (const step of scenario.steps) {
        await this.#step(
          step.do === 'wait' ? step : { ...step, slot: step.slot % scenario.slots.length },
        );
      }
      await this.#settle();
      await this.#stillServed();
    } catch (error) {
      this.problems.push(`the run stopped: ${error instanceof Error ? error.message : error}`);
    } finally {
      this.#check();
      this.#dispose();
    }
    if (this.problems.length > 0) {
      if (process.env.FUZZ_DUMP) this.#dump(process.env.FUZZ_DUMP);
      throw new Error(
        `run ${this.run}: ${this.problems.length} problems\n${this.problems.join('\n')}`,
      );
    }
  }

  // ------------------------------------------------------------------ playing

  async #startBystander(): Promise<void> {
    const token = this.relay.token({ sub: `fz${this.run}by`, role: 'audience', rooms: ['*'] });
    const bystander = await RawClient.join(this.relay.url, { token });
    this.#bystander = bystander;
    this.#maxFrameBytes = bystander.welcome.limits.maxFrameBytes;
    const [a, b, shared] = this.rooms;
    for (const ch of [
      `${a}/chat`,
      `${a}/poll`,
      `${a}/quiz`,
      `${b}/qa`,
      `${b}/reactions`,
      `${shared}/chat`,
      `${a}/presence`,
    ]) {
      const answer = await bystander.sub(ch);
      if (answer.t !== 'ok')
        this.problems.push(`bystander: sub ${ch} got ${JSON.stringify(answer)}`);
    }
  }

  async #step(step: Step): Promise<void> {
    const conn = 'slot' in step ? this.#slots[step.slot] : undefined;
    switch (step.do) {
      case 'wait':
        return sleep(step.ms);
      case 'connect':
        return this.#connect(step.slot, step.hello);
      case 'close':
        if (!conn?.usable) return;
        conn.closedByUs = true;
        if (step.how === 'close') conn.client.close(1000);
        else conn.client.terminate();
        return;
      case 'send':
        if (conn?.usable) this.#sendText(conn, serialise(this.#resolve(step.frame, conn)));
        return;
      case 'sized':
        if (conn?.usable) this.#sendText(conn, this.#sized(conn, step));
        return;
      case 'text':
        if (conn?.usable) this.#sendText(conn, step.text);
        return;
      case 'bytes':
        if (!conn?.usable) return;
        conn.client.ws.send(Buffer.from(step.bytes), { binary: step.binary });
        this.stats.frames++;
        return;
    }
  }

  /** Opens a socket for the slot (the one it had is cut, as a reloaded page's would be). */
  async #connect(slot: number, hello: Hello): Promise<void> {
    const previous = this.#slots[slot];
    if (previous?.usable) {
      previous.closedByUs = true;
      previous.client.terminate();
    }
    const client = await RawClient.connect(this.relay.url);
    const label = `slot ${slot} socket ${this.#conns.length} (${'bad' in hello ? 'bad hello' : summary(hello.identity)})`;
    const conn = new Conn(label, slot, client);
    this.stats.sockets++;
    this.#conns.push(conn);
    this.#slots[slot] = conn;
    if ('bad' in hello) {
      const first = this.#resolve(hello.bad, conn);
      conn.rooms = (isObject(first) && tokenRooms(first.token)) || conn.rooms;
      this.#sendText(conn, typeof first === 'string' ? first : serialise(first));
      await this.#welcomeOrClose(conn, 1_000);
      return;
    }
    const session =
      hello.session === 'own'
        ? previous?.session
        : hello.session === 'other'
          ? this.#conns.find((c) => c.slot !== slot && c.session)?.session
          : hello.session === 'junk'
            ? 'not-a-session'
            : undefined;
    const fields = this.#resolve(helloFields(hello.identity), conn) as Record<string, unknown>;
    conn.rooms = tokenRooms(fields.token) ?? conn.rooms;
    client.send({ t: 'hello', v: 1, ...fields, ...(session ? { session } : {}) });
    this.stats.frames++;
    const answer = await this.#welcomeOrClose(conn, ANSWER_MS);
    if (!conn.welcomed) {
      this.problems.push(`${label}: a valid hello got ${JSON.stringify(answer)}`);
    }
  }

  async #welcomeOrClose(conn: Conn, timeoutMs: number): Promise<unknown> {
    const { client } = conn;
    const answered = () => client.frames.find((f) => f.t === 'welcome' || f.t === 'err');
    try {
      await client.until(() => answered() !== undefined || client.closeInfo !== null, timeoutMs);
    } catch {
      return 'nothing';
    }
    const answer = answered();
    if (answer?.t === 'welcome') {
      conn.welcomed = true;
      conn.session = answer.session;
      this.#learn('user', answer.user?.id);
    }
    return answer ?? client.closeInfo;
  }

  /** A frame padded to `maxFrameBytes + delta` bytes of UTF-8. */
  #sized(conn: Conn, step: Extract<Step, { do: 'sized' }>): string {
    const frame = this.#resolve(step.frame, conn) as Record<string, unknown>;
    const padded = (pad: string) =>
      step.where === 'text' && isObject(frame.data)
        ? { ...frame, data: { ...frame.data, text: pad } }
        : { ...frame, pad };
    const target = this.#maxFrameBytes + step.delta;
    const base = Buffer.byteLength(serialise(padded('')));
    return serialise(padded('a'.repeat(Math.max(0, target - base))));
  }

  #sendText(conn: Conn, text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (isObject(parsed) && isId(parsed.id)) {
      const key = JSON.stringify(parsed.id);
      const sent: Sent = conn.sent.get(key) ?? { count: 0, requests: 0, t: parsed.t };
      if (parsed.t === 'auth') sent.rooms = tokenRooms(parsed.token);
      sent.count++;
      if (conn.welcomed && REQUEST_TYPES.has(parsed.t as string)) sent.requests++;
      if (conn.welcomed && REQUEST_TYPES.has(parsed.t as string)) conn.order.push(key);
      else if (conn.welcomed) conn.unplaced.add(key);
      conn.sent.set(key, sent);
      if (parsed.t === 'op') conn.opIds.push(parsed.id);
      if (parsed.t === 'sub' && typeof parsed.ch === 'string') conn.subbed.push(parsed.ch);
    }
    conn.client.sendText(text);
    conn.log.push(`-> ${clip(text, 2_000)}`);
    this.stats.frames++;
  }

  /** Placeholders become what the run has seen: ids, channels, mids, tokens. */
  #resolve(value: unknown, conn: Conn): unknown {
    if (value instanceof Ref) {
      this.#learnFrames();
      const known = this.#known.get(value.kind) ?? [];
      return known.length > 0 ? known[value.n % known.length] : `no-such-${value.kind}`;
    }
    if (value instanceof Ch) return `${this.rooms[value.room % ROOMS_PER_RUN]}/${value.feature}`;
    if (value instanceof Id) return this.#id(value, conn);
    if (value instanceof Subbed) {
      const { subbed } = conn;
      return subbed.length > 0
        ? subbed[value.n % subbed.length]
        : this.#resolve(value.fallback, conn);
    }
    if (value instanceof Mid) return `m${this.run}.${value.n}`;
    if (value instanceof AnonKey) return ANON_KEYS[value.n % ANON_KEYS.length];
    if (value instanceof Token) return this.#token(value.spec);
    if (value instanceof Deep) return value; // written out by `serialise`
    if (Array.isArray(value)) return value.map((v) => this.#resolve(v, conn));
    if (!isObject(value)) return value;
    const resolved: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      // Defined, not assigned, so a `__proto__` key stays a key.
      Object.defineProperty(resolved, key, {
        value: this.#resolve(v, conn),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return resolved;
  }

  #id(id: Id, conn: Conn): string | number {
    if (id.kind === 'reuse' && conn.opIds.length > 0) return conn.opIds[id.n % conn.opIds.length];
    this.#ids++;
    return id.kind === 'number' ? 1_000 + this.#ids : `q${this.#ids}`;
  }

  #token(spec: TokenSpec): string {
    const rooms =
      spec.rooms === 'all'
        ? ['*']
        : spec.rooms === 'first'
          ? [this.rooms[0]]
          : spec.rooms === 'pattern'
            ? [`fz${this.run}*`]
            : [];
    const claims = {
      sub: `fz${this.run}u${spec.user}`,
      role: spec.role,
      rooms,
      ...(spec.name === undefined ? {} : { name: spec.name }),
    } as TokenClaims;
    const token = signToken(this.relay.secret, claims, spec.expired ? -120 : 3_600);
    if (spec.signature === 'bad') return `${token.slice(0, -4)}AAAA`;
    if (spec.signature === 'alg-none') {
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      return `${none}.${token.split('.')[1]}.`;
    }
    return token;
  }

  // ------------------------------------------------------------------ what the run has seen

  #learn(kind: RefKind, value: unknown): void {
    if (typeof value !== 'string') return;
    const known = this.#known.get(kind) ?? [];
    if (!known.includes(value)) known.push(value);
    this.#known.set(kind, known);
  }

  /** Ids of messages, polls and questions, and epochs, from what every socket received. */
  #learnFrames(): void {
    for (const client of [...this.#conns.map((c) => c.client), this.#bystander ?? []].flat()) {
      const from = this.#learned.get(client) ?? 0;
      for (const f of client.frames.slice(from)) {
        const data = isObject(f.data) ? f.data : {};
        if (f.t === 'ok' && typeof f.epoch === 'string') {
          this.#learn('epoch', f.epoch);
          const snapshot = isObject(f.snapshot) ? f.snapshot : {};
          for (const m of asArray(snapshot.messages)) this.#learn('message', m?.id);
          for (const p of asArray(snapshot.polls)) this.#learn('poll', p?.id);
          for (const q of asArray(snapshot.questions)) this.#learn('question', q?.id);
        } else if (f.t === 'ack') {
          if (data.pollId !== undefined) this.#learn('poll', data.pollId);
          else if (data.status !== undefined) this.#learn('question', data.id);
          else this.#learn('message', data.id);
        } else if (f.t === 'ev' && f.type === 'message') {
          this.#learn('message', data.id);
        } else if (f.t === 'ev' && f.type === 'poll') {
          this.#learn('poll', isObject(data.poll) ? data.poll.id : undefined);
        } else if (f.t === 'ev' && f.type === 'question') {
          this.#learn('question', data.id);
        } else if (f.t === 'me' && isObject(data.pending)) {
          this.#learn('question', data.pending.id);
        }
      }
      this.#learned.set(client, client.frames.length);
    }
  }

  // ------------------------------------------------------------------ the end of a run

  /**
   * Waits until every open socket's frames are answered: a probe (a `sub` without `ch`, answered
   * `invalid` at once) is answered after everything sent before it. Then throttled frames get
   * their interval.
   */
  async #settle(): Promise<void> {
    const probes: Promise<void>[] = [];
    for (const conn of this.#conns) {
      if (!conn.usable || !conn.welcomed) continue;
      const id = `probe-${conn.slot}-${++this.#ids}`;
      this.#sendText(conn, JSON.stringify({ t: 'sub', id }));
      const answered = () => conn.client.frames.some((f) => f.id === id);
      probes.push(
        conn.client
          .until(() => answered() || conn.client.closeInfo !== null, ANSWER_MS)
          .catch(() => {
            this.problems.push(`${conn.label}: no answer to a probe within ${ANSWER_MS} ms`);
          }),
      );
    }
    await Promise.all(probes);
    await sleep(THROTTLE_MS);
  }

  /** The bystander can still subscribe, and a fresh writer's message reaches it. */
  async #stillServed(): Promise<void> {
    const [a, b] = this.rooms;
    const bystander = this.#bystander!;
    const sub = await bystander.sub(`${b}/chat`);
    if (sub.t !== 'ok') this.problems.push(`bystander: a last sub got ${JSON.stringify(sub)}`);
    // A host: no slow mode, blocked term or ban set by the fuzz clients applies to it.
    const token = this.relay.token({ sub: `fz${this.run}w`, role: 'host', rooms: ['*'] });
    this.#writer = await RawClient.join(this.relay.url, { token });
    const text = `run ${this.run} still served`;
    const ack = await this.#writer.op(`${a}/chat`, 'send', { text });
    if (ack.t !== 'ack') this.problems.push(`writer: send got ${JSON.stringify(ack)}`);
    await bystander
      .next((f) => f.t === 'ev' && f.ch === `${a}/chat` && f.data?.text === text, ANSWER_MS)
      .catch(() => this.problems.push('bystander: the writer’s message never came'));
  }

  #check(): void {
    if (!alive(this.relay)) {
      this.problems.push(`the relay died:\n${this.relay.output().slice(-3_000)}`);
    }
    const errors = this.relay
      .output()
      .slice(this.#logFrom)
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line));
    for (const line of errors.slice(0, 5)) this.problems.push(`the relay logged: ${line}`);
    if (this.#bystander?.closeInfo) {
      this.problems.push(`bystander: closed ${JSON.stringify(this.#bystander.closeInfo)}`);
    }
    const events = new Map<string, string>();
    const sockets: [string, RawClient, Conn | null][] = this.#conns.map((c) => [
      c.label,
      c.client,
      c,
    ]);
    if (this.#bystander) sockets.push(['bystander', this.#bystander, null]);
    if (this.#writer) sockets.push(['writer', this.#writer, null]);
    for (const [label, client, conn] of sockets) {
      if (conn) this.stats.count(client.frames);
      const found = checkSocket(client.frames, conn, events);
      for (const problem of found.slice(0, PROBLEMS_PER_SOCKET)) {
        this.problems.push(`${label}: ${problem}`);
      }
      if (found.length > 0) {
        this.problems.push(
          `${label}: last frames ${clip(JSON.stringify(client.frames.slice(-8)))}`,
        );
      }
    }
  }

  /** Writes what each socket sent and received, in order, to `path`. */
  #dump(path: string): void {
    const sections = this.#conns.map((c) => [`== ${c.label}`, ...c.log].join('\n'));
    writeFileSync(path, `${this.problems.join('\n')}\n\n${sections.join('\n\n')}\n`);
  }

  #dispose(): void {
    this.#bystander?.terminate();
    this.#writer?.terminate();
    for (const conn of this.#conns) conn.client.terminate();
  }
}

/**
 * What one socket received, checked: errors, answers per id, and each channel's order. `events`
 * holds every event seen on any socket by channel and seq, so all sockets must agree on each.
 */
function checkSocket(frames: Frame[], conn: Conn | null, events: Map<string, string>): string[] {
  const problems: string[] = [];
  const answers = new Map<string, number>();
  /** Per channel, the seq of the next event; null when not subscribed. */
  const next = new Map<string, number | null>();
  /** Where each id stands in the send order, and the place of the last frame answered. */
  const places = new Map<string, number[]>();
  for (const [place, key] of (conn?.order ?? []).entries()) {
    if (conn?.unplaced.has(key)) continue;
    places.set(key, [...(places.get(key) ?? []), place]);
  }
  let lastPlace = -1;
  /** The rooms its token grants, as of the last `auth` answered ok. */
  let rooms = conn?.rooms ?? ['*'];
  for (const f of frames) {
    if (f.t === '<not json>') problems.push(`a frame that is not JSON: ${clip(f.text)}`);
    if (f.t === 'err') {
      if (f.code === 'internal' || !ERROR_CODES.has(f.code)) {
        problems.push(`err ${clip(JSON.stringify(f))}`);
      }
      if (
        typeof f.message !== 'string' ||
        f.message.length > MESSAGE_MAX ||
        STACK.test(f.message)
      ) {
        problems.push(
          `an err message of ${String(f.message).length} characters: ${clip(JSON.stringify(f))}`,
        );
      }
    }
    if (ANSWER_TYPES.has(f.t) && f.id !== undefined) {
      const key = JSON.stringify(f.id);
      answers.set(key, (answers.get(key) ?? 0) + 1);
      const place = places.get(key)?.shift();
      if (place !== undefined && place < lastPlace) {
        problems.push(`the answer to id ${key} came after the answer to a frame sent later`);
      }
      lastPlace = Math.max(lastPlace, place ?? -1);
    }
    const sent = f.id === undefined ? undefined : conn?.sent.get(JSON.stringify(f.id));
    if (f.t === 'ok' && typeof f.epoch === 'string') {
      if (!grants(rooms, f.ch))
        problems.push(`sub ${f.ch} answered ok; the token does not grant it`);
      next.set(f.ch, f.reset ? f.seq + 1 : f.seq - f.replay + 1);
    } else if (f.t === 'ok' && sent?.t === 'auth' && sent.rooms) {
      rooms = sent.rooms;
      // The relay drops what the new token does not grant (telling so, now or later): no event
      // of those channels may come after this ok.
      for (const ch of next.keys()) if (!grants(rooms, ch)) next.set(ch, null);
    } else if (f.t === 'ok' && sent?.t === 'unsub') {
      next.set(f.ch, null);
    } else if (f.t === 'err' && f.id === undefined && typeof f.ch === 'string') {
      next.set(f.ch, null); // dropped from a room it may no longer enter
    } else if (f.t === 'ev') {
      const expected = next.get(f.ch);
      if (expected === undefined || expected === null) {
        problems.push(`ev ${f.ch}#${f.seq} ${f.type} on a channel it is not subscribed to`);
      } else if (f.seq !== expected) {
        problems.push(`ev ${f.ch}#${f.seq} ${f.type} where #${expected} was due`);
      }
      next.set(f.ch, f.seq + 1);
      for (const text of userTexts(f.data)) {
        if (typeof text === 'string' && UNCLEAN.test(text)) {
          problems.push(
            `ev ${f.ch}#${f.seq} ${f.type} carries unclean text ${JSON.stringify(text)}`,
          );
        }
      }
      const id = `${f.ch}#${f.seq}`;
      const json = JSON.stringify(f);
      const seen = events.get(id);
      if (seen === undefined) events.set(id, json);
      else if (seen !== json)
        problems.push(`ev ${id} differs between sockets: ${clip(json)} / ${clip(seen)}`);
    }
  }
  if (!conn) return problems;
  for (const [key, count] of answers) {
    const sent = conn.sent.get(key);
    if (!sent) problems.push(`an answer to id ${key}, which it never sent`);
    else if (count > sent.count)
      problems.push(`${count} answers to id ${key}, sent ${sent.count} times`);
  }
  if (conn.whole) {
    for (const [key, sent] of conn.sent) {
      const count = answers.get(key) ?? 0;
      if (count < sent.requests) {
        problems.push(
          `${count} answers to ${sent.t} id ${key}, sent ${sent.requests} times, on a socket still open`,
        );
      }
    }
  }
  return problems;
}

function summary(who: Identity): string {
  if ('anon' in who) return `anon ${who.anon}`;
  return `${who.token.role} u${who.token.user}${who.token.rooms === 'all' ? '' : ` rooms ${who.token.rooms}`}`;
}

/** The rooms a token's claims grant, read (not verified) from it. */
function tokenRooms(token: unknown): string[] | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    return Array.isArray(claims.rooms) ? claims.rooms : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `rooms` (ids, `*`, or `prefix*`) grant the room of channel `ch`. */
function grants(rooms: string[], ch: string): boolean {
  const room = ch.split('/')[0];
  return rooms.some(
    (r) => r === '*' || r === room || (r.endsWith('*') && room.startsWith(r.slice(0, -1))),
  );
}

function asArray(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function clip(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
