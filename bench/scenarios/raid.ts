/**
 * Raid (issue 14): fresh anonymous identities flood one chat room; a host raises the shield
 * mid-flood. How many raid messages reach the audience before and after the switch, and how
 * soon after it the first send is refused.
 *
 * "Before" and "after" are read from the channel's own order, not from clocks: a message is
 * after the switch when its `seq` is above the `settings` event the shield produced. The
 * audience is one signed-in viewer who was in the room before the raid.
 */
import { randomBytes } from 'node:crypto';
import type { Frame } from '../lib/clients.js';
import { sleep } from '../lib/clock.js';
import { LightSocket } from '../lib/light-socket.js';
import { cpuUs, startTarget } from '../lib/servers.js';
import { round } from '../lib/stats.js';

export interface RaidOptions {
  /** Fresh anonymous identities, one socket each. */
  raiders: number;
  /** Each raider sends one message every this many ms. */
  intervalMs: number;
  /** Flood before the shield goes up, and after. */
  beforeS: number;
  afterS: number;
  /**
   * `default`: the default preset (signed-in only drops the anonymous raiders from the room).
   * `open`: the room stays open to anonymous viewers; the preset is the default without
   * signed-in only, so the first-time chatter delay is what stops them.
   */
  preset: 'default' | 'open';
}

const ROOM = 'raid';
const CH = `${ROOM}/chat`;

/** A bare `hubbub.v1` client: hello, sub, ops fired without waiting, pings answered. */
class Client {
  #ws: LightSocket;
  #next = 1;
  #waiting = new Map<string, (frame: Frame) => void>();
  onFrame: (frame: Frame) => void = () => {};

  constructor(url: string) {
    this.#ws = new LightSocket(url, 'hubbub.v1');
    this.#ws.onMessage = (text) => {
      const parsed = JSON.parse(text) as Frame | Frame[];
      for (const frame of Array.isArray(parsed) ? parsed : [parsed]) this.#receive(frame);
    };
    this.#ws.onClose = () => {
      for (const resolve of this.#waiting.values()) resolve({ t: 'closed' });
      this.#waiting.clear();
    };
  }

  #receive(frame: Frame) {
    if (frame.t === 'ping') return this.#ws.send('{"t":"pong"}');
    const key = frame.t === 'welcome' ? 'hello' : frame.id;
    const resolve = key === undefined ? undefined : this.#waiting.get(String(key));
    if (resolve) {
      this.#waiting.delete(String(key));
      resolve(frame);
    }
    this.onFrame(frame);
  }

  async open(hello: Record<string, unknown>): Promise<Frame> {
    await this.#ws.open();
    return this.request({ t: 'hello', v: 1, ...hello }, 'hello');
  }

  request(frame: Record<string, unknown>, id = `r${this.#next++}`): Promise<Frame> {
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#ws.send(JSON.stringify(id === 'hello' ? frame : { ...frame, id }));
    });
  }

  /** Sends an op and forgets it; its answer comes to `onFrame`. */
  fire(type: string, data: unknown): void {
    const n = this.#next++;
    this.#ws.send(JSON.stringify({ t: 'op', id: `f${n}`, ch: CH, mid: `m${n}`, type, data }));
  }

  close() {
    this.#ws.terminate();
  }
}

export async function raid(options: RaidOptions) {
  const target = await startTarget('relay');
  const { signToken } = await import('../../server/auth.js');
  const { SECRET } = await import('../lib/servers.js');
  const token = (sub: string, role: 'host' | 'audience') =>
    signToken(SECRET, { sub, name: sub, role, rooms: ['*'] });
  const clients: Client[] = [];
  try {
    const host = new Client(target.url);
    clients.push(host);
    await host.open({ token: token('host', 'host') });
    if (options.preset === 'open') {
      const { DEFAULT_SHIELD_PRESET } = await import('../../src/protocol/index.js');
      await host.request({
        t: 'op',
        ch: CH,
        mid: 'preset',
        type: 'shieldPreset',
        data: { ...DEFAULT_SHIELD_PRESET, signedInOnly: false },
      });
    }

    // The audience: a signed-in viewer who was here before the raid, counting what reaches it.
    const viewer = new Client(target.url);
    clients.push(viewer);
    await viewer.open({ token: token('viewer', 'audience') });
    const seen: { seq: number; raid: boolean }[] = [];
    let shieldSeq = Infinity;
    viewer.onFrame = (frame) => {
      if (frame.t !== 'ev' || frame.ch !== CH) return;
      if (frame.type === 'message') {
        seen.push({ seq: frame.seq, raid: String(frame.data.user.id).startsWith('anon-') });
      }
      if (frame.type === 'settings' && frame.data.shield)
        shieldSeq = Math.min(shieldSeq, frame.seq);
    };
    await viewer.request({ t: 'sub', ch: CH });

    // The raiders: each a fresh anonymous key, in the room (seen) before the flood.
    let sent = 0;
    let acked = 0;
    let refused = 0;
    let dropped = 0;
    let switchAt = 0;
    let firstRefusedAfterMs: number | null = null;
    const refusals: Record<string, number> = {};
    const raiders: Client[] = [];
    for (let i = 0; i < options.raiders; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, options.raiders - i) }, async () => {
          const raider = new Client(target.url);
          clients.push(raider);
          const key = randomBytes(16).toString('hex');
          await raider.open({ anon: { key, name: 'raider' } });
          await raider.request({ t: 'sub', ch: CH });
          raider.onFrame = (frame) => {
            if (frame.t === 'ack') acked++;
            if (frame.t === 'err' && frame.id === undefined) dropped++;
            if (frame.t !== 'err' || frame.id === undefined) return;
            refused++;
            const why = (frame.details?.gate as string | undefined) ?? frame.code;
            refusals[why] = (refusals[why] ?? 0) + 1;
            if (switchAt && firstRefusedAfterMs === null) {
              firstRefusedAfterMs = performance.now() - switchAt;
            }
          };
          raiders.push(raider);
        }),
      );
    }

    // Each raider sends on its own beat, spread evenly over the interval.
    const timers = raiders.map((raider, i) => {
      let n = 0;
      const fire = () => {
        sent++;
        raider.fire('send', { text: `raid ${i}.${n++} spam.example/free` });
      };
      let interval: NodeJS.Timeout | undefined;
      const start = setTimeout(
        () => {
          fire();
          interval = setInterval(fire, options.intervalMs);
        },
        (i * options.intervalMs) / raiders.length,
      );
      return () => {
        clearTimeout(start);
        clearInterval(interval);
      };
    });
    const cpuBefore = cpuUs(target.pid);
    await sleep(options.beforeS * 1000);
    const sentBefore = sent;
    switchAt = performance.now();
    const shieldAck = await host.request({
      t: 'op',
      ch: CH,
      mid: 'shield',
      type: 'shield',
      data: { on: true },
    });
    const shieldAckMs = performance.now() - switchAt;
    await sleep(options.afterS * 1000);
    for (const stop of timers) stop();
    await sleep(500);
    const cpuMs = (cpuUs(target.pid) - cpuBefore) / 1000;

    const raidSeen = seen.filter((m) => m.raid);
    return {
      raiders: raiders.length,
      sentBefore,
      sentAfter: sent - sentBefore,
      shieldAcked: shieldAck.t === 'ack',
      shieldAckMs: round(shieldAckMs, 1),
      reachedBefore: raidSeen.filter((m) => m.seq < shieldSeq).length,
      reachedAfter: raidSeen.filter((m) => m.seq > shieldSeq).length,
      firstRefusedAfterMs: firstRefusedAfterMs === null ? null : round(firstRefusedAfterMs, 1),
      acked,
      refused,
      refusals,
      droppedFromRoom: dropped,
      serverCpuMs: Math.round(cpuMs),
    };
  } finally {
    for (const client of clients) client.close();
    await target.stop();
  }
}
