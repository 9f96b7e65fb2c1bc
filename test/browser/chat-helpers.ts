/**
 * Helpers for the browser tests: the relays the test runner started, a WebSocket census, and
 * ways to read and drive a `<live-chat>` as a user would.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { getConnection, releaseConnection } from '../../src/connection/index.js';
import type { LiveChat } from '../../src/index.js';

export interface RelayInfo {
  /** `ws://127.0.0.1:PORT/live` of the main relay. */
  url: string;
  port: number;
  /** A relay the tests may stop and start (`relay-stop`, `relay-start` server commands). */
  flakyUrl: string;
  /** `dee`'s (audience) and `moe`'s (moderator) tokens grant one room only, none of the tests'. */
  tokens: Record<'host' | 'ana' | 'bo' | 'cy' | 'dee' | 'moe', string>;
}

export async function relayInfo(): Promise<RelayInfo> {
  // Each answer carries newly signed tokens: never reuse a cached one.
  const response = await fetch(`/__relay.json?t=${Date.now()}`, { cache: 'no-store' });
  return response.json();
}

/**
 * The relay of a test file (from the test server), read before its tests run, with the page's
 * sockets counted; `as(user)` is a URL of it (or of `base`) for a user in a fresh room.
 */
export function pageRelay(): { relay: RelayInfo; as: (user: string, base?: string) => string } {
  installWebSocketCensus();
  const relay = {} as RelayInfo;
  before(async () => {
    Object.assign(relay, await relayInfo());
  });
  return { relay, as: (user, base = relay.url) => `${base}?as=${user}-${uniqueRoom()}` };
}

type User = keyof RelayInfo['tokens'];

interface RoomOptions {
  room?: string;
  width?: number;
}

/**
 * A fresh room, in a page `width` px wide (or the page's): a host's `staff` widget (e.g.
 * `live-chat-moderation`) and a `<live-chat>` for each of `users`, each signed in as that user;
 * resolves once the chats have loaded (the staff widget's own readiness is the caller's).
 */
export async function roomWithChats<T extends HTMLElement>(
  relay: RelayInfo,
  as: (user: string) => string,
  staff: string,
  users: User[],
  options?: RoomOptions,
): Promise<{ room: string; staff: T; chats: Record<string, LiveChat> }>;
export async function roomWithChats(
  relay: RelayInfo,
  as: (user: string) => string,
  staff: null,
  users: User[],
  options?: RoomOptions,
): Promise<{ room: string; staff: null; chats: Record<string, LiveChat> }>;
export async function roomWithChats(
  relay: RelayInfo,
  as: (user: string) => string,
  staff: string | null,
  users: User[],
  options: RoomOptions = {},
): Promise<{ room: string; staff: HTMLElement | null; chats: Record<string, LiveChat> }> {
  const room = options.room ?? uniqueRoom();
  const page = await fixture<HTMLElement>(
    html`<div style=${options.width ? `width: ${options.width}px` : ''}></div>`,
  );
  const signedIn = (tag: string, user: User) => {
    const element = document.createElement(tag);
    element.setAttribute('server', as(user));
    element.setAttribute('room', room);
    element.setAttribute('token', relay.tokens[user]);
    return page.appendChild(element);
  };
  const widget = staff ? signedIn(staff, 'host') : null;
  const chats = Object.fromEntries(
    users.map((user) => [user, signedIn('live-chat', user) as LiveChat]),
  );
  await loaded(...Object.values(chats));
  return { room, staff: widget, chats };
}

/** Sets `room`'s chat settings as a host (`token`), over a connection of its own. */
export async function setChatSettings(
  server: string,
  token: string,
  room: string,
  data: Record<string, unknown>,
): Promise<void> {
  const connection = getConnection(server, { token });
  try {
    await connection.op(`${room}/chat`, 'settings', data);
  } finally {
    releaseConnection(connection);
  }
}

/** Every WebSocket the page made, and the frames it sent; installed before any connection. */
export const census = { sockets: [] as WebSocket[], sent: [] as { url: string; frame: unknown }[] };

export function installWebSocketCensus(): void {
  const Native = window.WebSocket;
  if ((Native as { counted?: boolean }).counted) return;
  class CountedWebSocket extends Native {
    static counted = true;
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      census.sockets.push(this);
    }
    override send(data: string) {
      census.sent.push({ url: this.url, frame: JSON.parse(data) });
      super.send(data);
    }
  }
  window.WebSocket = CountedWebSocket;
}

/** Open sockets to `url` (the relay URL as the page wrote it). */
export function openSockets(url: string): WebSocket[] {
  return census.sockets.filter(
    (socket) => socket.url === new URL(url).href && socket.readyState === WebSocket.OPEN,
  );
}

let rooms = 0;
/** A room no other test uses. */
export function uniqueRoom(): string {
  return `t${Date.now().toString(36)}${(rooms++).toString(36)}`;
}

export function shadow(chat: LiveChat): ShadowRoot {
  return chat.shadowRoot!;
}

export function textOf(chat: LiveChat): string {
  return (shadow(chat).textContent ?? '').replace(/\s+/g, ' ');
}

/** The texts of the messages in the log (not pending ones). */
export function messageTexts(chat: LiveChat): string[] {
  return [
    ...shadow(chat).querySelectorAll('[part~="message"]:not([data-pending]) [part~="text"]'),
  ].map((element) => element.textContent ?? '');
}

export function messageElement(chat: LiveChat, text: string): HTMLElement | undefined {
  return [...shadow(chat).querySelectorAll<HTMLElement>('[part~="message"][data-id]')].find(
    (element) => element.querySelector('[part~="text"]')?.textContent === text,
  );
}

export function input(chat: LiveChat): HTMLTextAreaElement {
  return shadow(chat).querySelector('textarea')!;
}

export function sendButton(chat: LiveChat): HTMLButtonElement {
  return shadow(chat).querySelector('[part~="send"]')!;
}

export async function loaded(...chats: LiveChat[]): Promise<void> {
  await waitUntil(() => chats.every((chat) => chat.store?.$loaded.get()), 'chat did not load', {
    timeout: 10_000,
  });
  await Promise.all(chats.map((chat) => chat.updateComplete));
}

/** Focuses the chat's input and types with the real keyboard. */
export async function typeInto(chat: LiveChat, text: string): Promise<void> {
  input(chat).focus();
  await sendKeys({ type: text });
  await chat.updateComplete;
}

/** Types `text` and presses Enter, with the real keyboard. */
export async function sendWithKeyboard(chat: LiveChat, text: string): Promise<void> {
  await typeInto(chat, text);
  await sendKeys({ press: 'Enter' });
  await chat.updateComplete;
}

/** Sets the input's value at once (for long texts) and lets the element see the input event. */
export async function fill(chat: LiveChat, text: string): Promise<void> {
  const field = input(chat);
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await chat.updateComplete;
}

export async function waitForText(chat: LiveChat, text: string, message?: string): Promise<void> {
  await waitUntil(() => textOf(chat).includes(text), message ?? `"${text}" never showed`, {
    timeout: 10_000,
  });
}

export async function waitForMessage(chat: LiveChat, text: string): Promise<void> {
  await waitUntil(() => messageTexts(chat).includes(text), `message "${text}" never arrived`, {
    timeout: 10_000,
  });
}
