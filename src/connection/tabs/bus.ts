/**
 * The tabs of one origin that use one relay list as one user, talking on one BroadcastChannel.
 * Each tab asks for the leader lock (Web Locks) and holds it, once granted, for its life: the
 * holder runs the Hub, with the one real socket; the others pass their sockets' frames to it.
 * When the leader goes (pagehide, or a crash: the browser frees its locks), the next tab in the
 * lock's queue leads, announces itself, and every socket attached to the old leader is closed
 * with 1001, so its Connection comes back at once and resumes through the new leader.
 */
import { randomId } from '../ids.js';
import {
  BUS_LIMITS,
  busMessage,
  parseBusMessage,
  type BusMessage,
  type BusMessageBody,
} from './bus-protocol.js';
import { HUB_CLOSE, Hub } from './hub.js';
import { busNames, helloIdentity, tabLockName } from './names.js';

/** The TabSocket's side of a link: what the hub delivers to it. */
export interface SocketClient {
  deliver(text: string): void;
  end(code: number, reason: string): void;
}

/** What a TabSocket holds: its frames go to the hub, wherever the hub runs. */
export interface SocketLink {
  send(text: string): void;
  close(): void;
}

interface Link {
  readonly sock: string;
  readonly client: SocketClient;
  readonly url: string;
  readonly hello: string;
  /** `pending`: asked a leader, no answer yet; `remote`: attached to `leader`; `local`: our hub. */
  state: 'pending' | 'remote' | 'local';
  leader?: string;
}

/**
 * Attaches a tab's socket, whose first frame is `hello`, to the bus of its relay list and user;
 * undefined when `hello` is not a hello.
 */
export function connectTab(
  relayList: string,
  client: SocketClient,
  url: string,
  hello: string,
): SocketLink | undefined {
  const identity = helloIdentity(hello);
  if (identity === undefined) return undefined;
  return TabBus.for(relayList, identity).connect(client, url, hello);
}

/** This page's buses, by channel name. */
const buses = new Map<string, TabBus>();

export class TabBus {
  /** The bus of `relayList` and `identity` in this tab, made (and joined) on first use. */
  static for(relayList: string, identity: string): TabBus {
    const names = busNames(relayList, identity);
    let bus = buses.get(names.channel);
    if (!bus) {
      bus = new TabBus(names, identity);
      buses.set(names.channel, bus);
    }
    return bus;
  }

  /** This tab on this bus (a new id after a return from the back/forward cache). */
  readonly tab = randomId(12);
  readonly #channelName: string;
  readonly #identity: string;
  readonly #channel: BroadcastChannel;
  readonly #links = new Map<string, Link>();
  /** As leader: the tab of each follower socket attached. */
  readonly #followers = new Map<string, string>();
  /** As leader: lock requests that are granted when a follower tab ends. */
  readonly #watches = new Map<string, AbortController>();
  readonly #abort = new AbortController();
  readonly #life: Promise<void>;
  readonly #unwatchPage: () => void;
  #hub: Hub | null = null;
  #serial = 0;
  #closed = false;
  #letGo!: () => void;

  private constructor(names: { channel: string; lock: string }, identity: string) {
    this.#channelName = names.channel;
    this.#identity = identity;
    this.#channel = new BroadcastChannel(names.channel);
    this.#channel.addEventListener('message', (event) => this.#onMessage(event.data));
    const held = new Promise<void>((resolve) => (this.#letGo = resolve));
    const { signal } = this.#abort;
    const locks = navigator.locks;
    this.#life = new Promise<void>((granted) => {
      locks
        .request(tabLockName(this.tab), { signal }, () => {
          granted();
          return held;
        })
        .catch(ignore);
    });
    locks
      .request(names.lock, { signal }, () => {
        if (this.#closed) return;
        this.#lead();
        return held;
      })
      .catch(ignore);
    // An unload hands over; a page put in the back/forward cache keeps the lead, as it keeps its
    // socket when alone (browsers do not keep a page that holds a Web Lock in that cache).
    const hide = (event: PageTransitionEvent) => {
      if (!event.persisted) this.#leave();
    };
    addEventListener('pagehide', hide);
    this.#unwatchPage = () => removeEventListener('pagehide', hide);
  }

  /** Attaches a socket of this tab, whose first frame was `hello`. */
  connect(client: SocketClient, url: string, hello: string): SocketLink {
    const link: Link = {
      sock: `${this.tab}.${++this.#serial}`,
      client,
      url,
      hello,
      state: 'pending',
    };
    this.#links.set(link.sock, link);
    if (this.#closed) {
      this.#links.delete(link.sock);
      client.end(HUB_CLOSE.leaderGone, 'page hidden');
    } else if (this.#hub) this.#attachLocally(link);
    else void this.#life.then(() => this.#ask(link));
    return {
      send: (text) => {
        if (this.#links.get(link.sock) !== link) return;
        if (link.state === 'local') this.#hub?.receive(link.sock, text);
        else if (link.state === 'remote')
          this.#post({ k: 'send', from: this.tab, sock: link.sock, data: text });
      },
      close: () => {
        if (this.#links.get(link.sock) !== link) return;
        this.#links.delete(link.sock);
        if (link.state === 'local') this.#hub?.detach(link.sock);
        else this.#post({ k: 'close', from: this.tab, sock: link.sock });
      },
    };
  }

  // ------------------------------------------------------------------ leading

  #lead(): void {
    this.#hub = new Hub(this.#identity, {
      deliver: (to, text) => this.#deliver(to, text),
      end: (sock, code, reason) => this.#endSocket(sock, code, reason),
    });
    this.#post({ k: 'leader', from: this.tab });
    for (const link of this.#links.values()) {
      if (link.state === 'pending') this.#attachLocally(link);
      else if (link.state === 'remote') this.#drop(link, HUB_CLOSE.leaderGone, 'leader changed');
    }
  }

  #attachLocally(link: Link): void {
    link.state = 'local';
    this.#hub?.attach(link.sock, link.url, link.hello);
  }

  /** The hub's frames: to this tab's sockets directly, to followers in one message. */
  #deliver(to: string[], text: string): void {
    const remote: string[] = [];
    for (const sock of to) {
      const link = this.#links.get(sock);
      if (link?.state === 'local') link.client.deliver(text);
      else if (this.#followers.has(sock)) remote.push(sock);
    }
    if (remote.length > 0) this.#post({ k: 'frames', from: this.tab, to: remote, data: text });
  }

  #endSocket(sock: string, code: number, reason: string): void {
    const link = this.#links.get(sock);
    if (link?.state === 'local') return this.#drop(link, code, reason);
    const tab = this.#followers.get(sock);
    if (tab === undefined) return;
    this.#followers.delete(sock);
    this.#unwatchIfIdle(tab);
    this.#post({ k: 'closed', from: this.tab, sock, code, reason: reason.slice(0, 123) });
  }

  /**
   * Waits for a follower tab's life lock: the browser grants it to us when that tab ends, even
   * without a word (a crash), and its sockets are detached then.
   */
  #watch(tab: string): void {
    if (this.#watches.has(tab)) return;
    const watch = new AbortController();
    this.#watches.set(tab, watch);
    const signal = AbortSignal.any([watch.signal, this.#abort.signal]);
    navigator.locks
      .request(tabLockName(tab), { signal }, () => this.#followerGone(tab))
      .catch(ignore);
  }

  #unwatchIfIdle(tab: string): void {
    for (const owner of this.#followers.values()) if (owner === tab) return;
    this.#watches.get(tab)?.abort();
    this.#watches.delete(tab);
  }

  #followerGone(tab: string): void {
    // Deleting from a Map while iterating it is well defined: every entry is visited once.
    for (const [sock, owner] of this.#followers) {
      if (owner !== tab) continue;
      this.#followers.delete(sock);
      this.#hub?.detach(sock);
    }
    this.#watches.get(tab)?.abort();
    this.#watches.delete(tab);
  }

  // ------------------------------------------------------------------ following

  #ask(link: Link): void {
    if (this.#links.get(link.sock) !== link || link.state !== 'pending' || this.#hub) return;
    this.#post({ k: 'open', from: this.tab, sock: link.sock, url: link.url, hello: link.hello });
  }

  #drop(link: Link, code: number, reason: string): void {
    this.#links.delete(link.sock);
    link.client.end(code, reason);
  }

  // ------------------------------------------------------------------ the channel

  #onMessage(raw: unknown): void {
    const message = parseBusMessage(raw);
    if (!message || this.#closed) return;
    try {
      if (this.#hub) this.#asLeader(message);
      else this.#asFollower(message);
    } catch (error) {
      // One bad message must not stop the bus; report it where the page can see it.
      queueMicrotask(() => {
        throw error;
      });
    }
  }

  #asLeader(message: BusMessage): void {
    const hub = this.#hub!;
    switch (message.k) {
      case 'open':
        if (this.#followers.has(message.sock)) return;
        if (this.#followers.size >= BUS_LIMITS.maxSockets) {
          return this.#post({
            k: 'closed',
            from: this.tab,
            sock: message.sock,
            code: HUB_CLOSE.refused,
            reason: 'too many tabs',
          });
        }
        this.#followers.set(message.sock, message.from);
        this.#watch(message.from);
        return hub.attach(message.sock, message.url, message.hello);
      case 'send':
        if (this.#followers.get(message.sock) === message.from) {
          return hub.receive(message.sock, message.data);
        }
        // A socket of the previous leader: close it, its connection comes back to us.
        return this.#post({
          k: 'closed',
          from: this.tab,
          sock: message.sock,
          code: HUB_CLOSE.leaderGone,
          reason: 'leader changed',
        });
      case 'close':
        if (this.#followers.get(message.sock) !== message.from) return;
        this.#followers.delete(message.sock);
        this.#unwatchIfIdle(message.from);
        return hub.detach(message.sock);
      case 'gone':
        return this.#followerGone(message.from);
      default:
        // Another tab thinks it leads (a lock lost and found): nothing to do, it will learn.
        return;
    }
  }

  #asFollower(message: BusMessage): void {
    switch (message.k) {
      case 'leader':
        for (const link of this.#links.values()) {
          if (link.state === 'pending') this.#ask(link);
          else if (link.leader !== message.from) {
            this.#drop(link, HUB_CLOSE.leaderGone, 'leader changed');
          }
        }
        return;
      case 'bye':
        for (const link of this.#links.values()) {
          if (link.state === 'remote' && link.leader === message.from) {
            this.#drop(link, HUB_CLOSE.leaderGone, 'leader gone');
          }
        }
        return;
      case 'frames':
        for (const sock of message.to) {
          const link = this.#links.get(sock);
          if (!link) continue;
          if (link.state === 'pending') {
            link.state = 'remote';
            link.leader = message.from;
          }
          if (link.leader === message.from) link.client.deliver(message.data);
        }
        return;
      case 'closed': {
        const link = this.#links.get(message.sock);
        if (link && link.state !== 'local') this.#drop(link, message.code, message.reason);
        return;
      }
      default:
        return; // requests for the leader
    }
  }

  #post(body: BusMessageBody): void {
    try {
      // A BroadcastChannel reaches this origin only: there is no target origin to give.
      // oxlint-disable-next-line unicorn/require-post-message-target-origin
      this.#channel.postMessage(busMessage(body));
    } catch {
      // A closed channel (the page is going): nothing to tell.
    }
  }

  /**
   * The page goes (pagehide): the leader says so and closes the real socket; a follower says
   * so; the locks are given back, so the next tab in the queue leads at once. Runs after the
   * connections' own pagehide (they were listening first), so their presence `leave`s went out.
   */
  #leave(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (buses.get(this.#channelName) === this) buses.delete(this.#channelName);
    this.#unwatchPage();
    if (this.#hub) {
      this.#post({ k: 'bye', from: this.tab });
      this.#hub.close(HUB_CLOSE.leaderGone, 'leader gone');
      this.#hub = null;
    } else this.#post({ k: 'gone', from: this.tab });
    for (const link of this.#links.values()) this.#drop(link, HUB_CLOSE.leaderGone, 'page hidden');
    this.#abort.abort();
    this.#letGo();
    this.#channel.close();
  }
}

function ignore(): void {}
