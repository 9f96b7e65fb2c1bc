/**
 * `<live-chat>` in every state. All but "Live relay" play back recorded relay frames through a
 * stand-in WebSocket (Storybook has no relay at build time); each uses its own URL, so their
 * connections never meet in the page's connection registry.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { getConnection } from '../src/connection/index.js';
import { messages, people, snapshot } from './support/chat-fixtures.js';
import { chatIn, clickAction, typeAndSend, until } from './support/play.js';
import { recordedWebSocket, type Recording } from './support/recorded-socket.js';

interface Args {
  room: string;
  maxRendered: number;
  height: string;
  /** Only for the live story: the relay URL. */
  server?: string;
}

/** Registers the recorded connection for `key` (once per page) and returns its URL. */
function recorded(key: string, recording: Recording, minBackoffMs = 500): string {
  const url = `ws://recorded/${key}`;
  getConnection(url, {
    WebSocket: recordedWebSocket(recording),
    minBackoffMs,
    maxBackoffMs: Math.max(minBackoffMs, 5_000),
    connectTimeoutMs: 3_600_000,
  });
  return url;
}

function chat(server: string, args: Args) {
  return html`<div style="max-width: 28rem; --hubbub-chat-height: ${args.height}">
    <live-room server=${server} room=${args.room}>
      <live-chat max-rendered=${args.maxRendered}></live-chat>
    </live-room>
  </div>`;
}

const meta: Meta<Args> = {
  title: 'Widgets/live-chat',
  component: 'live-chat',
  args: { room: 'demo', maxRendered: 200, height: '28rem' },
  argTypes: {
    room: { control: 'text' },
    maxRendered: { control: { type: 'number', min: 1 } },
    height: { control: 'text' },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Empty: Story = {
  render: (args) => chat(recorded('empty', { user: people.me, snapshot: snapshot([]) }), args),
};

let busyCount = 0;
export const Busy: Story = {
  render: (args) =>
    chat(
      recorded('busy', {
        user: people.me,
        snapshot: snapshot(messages(300)),
        repeat: {
          everyMs: 1500,
          frames: () => [
            {
              t: 'ev',
              type: 'message',
              data: {
                id: `live-${busyCount++}`,
                text: `Live message #${busyCount}`,
                user: people.chen,
              },
            },
            { t: 'signal', type: 'typing', from: people.ana },
            { t: 'signal', type: 'typing', from: people.bo },
            { t: 'signal', type: 'typing', from: people.dara },
          ],
        },
      }),
      args,
    ),
};

export const Loading: Story = {
  render: (args) =>
    chat(recorded('loading', { user: people.me, snapshot: snapshot([]), stall: true }), args),
};

export const Offline: Story = {
  beforeEach: () => {
    const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    return () => {
      delete (navigator as { onLine?: boolean }).onLine;
      if (descriptor) Object.defineProperty(Navigator.prototype, 'onLine', descriptor);
    };
  },
  render: (args) =>
    chat(
      recorded('offline', { user: people.me, snapshot: snapshot(messages(8)), dropAfterMs: 300 }),
      args,
    ),
  play: async ({ canvasElement }) => {
    const live = await chatIn(canvasElement);
    await until(() => live.shadowRoot!.querySelector('[part="banner"]') !== null);
    await typeAndSend(live, 'Queued while offline');
  },
};

export const Reconnecting: Story = {
  render: (args) =>
    chat(
      recorded(
        'reconnecting',
        { user: people.me, snapshot: snapshot(messages(8)), dropAfterMs: 300 },
        3_000,
      ),
      args,
    ),
};

export const SlowMode: Story = {
  render: (args) =>
    chat(
      recorded('slow-mode', {
        user: people.me,
        snapshot: snapshot(messages(6), { settings: { slowModeSeconds: 30 } }),
      }),
      args,
    ),
  play: async ({ canvasElement }) => {
    const live = await chatIn(canvasElement);
    await typeAndSend(live, 'First message in slow mode');
  },
};

export const HostView: Story = {
  render: (args) =>
    chat(
      recorded('host', {
        user: people.host,
        snapshot: {
          ...snapshot(messages(12), { settings: { slowModeSeconds: 10 } }),
          bans: [{ userId: people.dara.id, banned: true, until: null }],
        },
        afterJoin: [{ t: 'signal', type: 'typing', from: people.ana }],
      }),
      args,
    ),
};

export const Banned: Story = {
  render: (args) =>
    chat(
      recorded('banned', {
        user: people.me,
        snapshot: snapshot(messages(8)),
        afterJoin: [{ t: 'me', data: { banned: true, until: null } }],
      }),
      args,
    ),
};

export const TimedOut: Story = {
  render: (args) =>
    chat(
      recorded('timed-out', {
        user: people.me,
        snapshot: snapshot(messages(8)),
        afterJoin: [{ t: 'me', data: { banned: true, until: Date.now() + 7 * 60_000 } }],
      }),
      args,
    ),
};

export const PendingAndFailed: Story = {
  render: (args) =>
    chat(
      recorded('pending', {
        user: people.me,
        snapshot: snapshot(messages(6)),
        // Replies are refused as if their parent had left history; other sends get no answer.
        ops: (op) =>
          (op.data as { replyTo?: string }).replyTo
            ? { code: 'not_found', message: 'the message replied to is no longer in history' }
            : 'hold',
      }),
      args,
    ),
  play: async ({ canvasElement }) => {
    const live = await chatIn(canvasElement);
    await typeAndSend(live, 'Is this thing on?');
    await clickAction(live, 'm3', 'reply');
    await typeAndSend(live, 'Replying to something old');
  },
};

export const Pinned: Story = {
  render: (args) => {
    const list = messages(10);
    return chat(
      recorded('pinned', {
        user: people.me,
        snapshot: snapshot(list, { pinned: { id: list[4].id, message: list[4] } }),
      }),
      args,
    );
  },
};

export const Replying: Story = {
  render: (args) =>
    chat(recorded('replying', { user: people.me, snapshot: snapshot(messages(10)) }), args),
  play: async ({ canvasElement }) => {
    const live = await chatIn(canvasElement);
    await clickAction(live, 'm9', 'reply');
  },
};

export const Themed: Story = {
  render: (args) =>
    html`<div
      style="--hubbub-color-bg:#15171c; --hubbub-color-text:#e8eaf0; --hubbub-color-surface:#22252d;
      --hubbub-color-border:#353a45; --hubbub-color-muted:#9aa1b1; --hubbub-color-accent:#f0a020;
      --hubbub-color-on-accent:#15171c; --hubbub-radius:14px; --hubbub-font-family:Georgia, serif"
    >
      ${chat(recorded('themed', { user: people.me, snapshot: snapshot(messages(10)) }), args)}
    </div>`,
};

/**
 * A real relay: `node --import tsx server/cli.ts --memory --port 8080`. The URL comes from the
 * `server` control, or from the iframe's `?relay=` parameter (the smoke test passes its relay).
 */
export const LiveRelay: Story = {
  tags: ['live'],
  args: {
    server:
      new URLSearchParams(globalThis.location?.search).get('relay') ?? 'ws://127.0.0.1:8080/live',
    room: 'storybook',
  },
  argTypes: { server: { control: 'text' } },
  render: (args) =>
    html`<div style="max-width: 28rem; --hubbub-chat-height: ${args.height}">
      <live-room server=${ifDefined(args.server)} room=${args.room} anon-name="Storybook viewer">
        <live-chat max-rendered=${args.maxRendered}></live-chat>
      </live-room>
    </div>`,
};
