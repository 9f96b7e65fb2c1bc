/**
 * `<live-chat>` in every state. All but "Live relay" run the relay's chat feature in the page
 * (support/loopback-relay.ts; Storybook has no relay at build time), seeded with the fixtures'
 * messages; each uses its own relay and URL, so their connections never meet in the page's
 * connection registry.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ChatSettings } from '../src/protocol/index.js';
import { liveRelay, themed } from './support/story.js';
import { keepTyping, messages, people } from './support/chat-fixtures.js';
import { chatIn, clickAction, typeAndSend, until } from './support/play.js';
import { goOffline, room } from './support/room.js';

interface Args {
  room: string;
  maxRendered: number;
  height: string;
  /** Only for the live story: the relay URL. */
  server?: string;
}

function chat(server: string, args: Args) {
  return html`<div style="max-width: 28rem; --hubbub-chat-height: ${args.height}">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
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
  render: (args) => chat(room('empty', { user: people.me }), args),
};

let busyCount = 0;
export const Busy: Story = {
  render: (args) =>
    chat(
      room('busy', {
        user: people.me,
        chat: { messages: messages(300) },
        repeat: {
          everyMs: 1500,
          run: (relay) => {
            const text = `Live message #${++busyCount}`;
            void relay.as(people.chen).op('demo/chat', 'send', { text });
            keepTyping(people.ana, people.bo, people.dara).run(relay);
          },
        },
      }),
      args,
    ),
};

export const Loading: Story = {
  render: (args) => chat(room('loading', { user: people.me, stall: true }), args),
};

export const Offline: Story = {
  beforeEach: goOffline,
  render: (args) =>
    chat(
      room('offline', { user: people.me, chat: { messages: messages(8) }, dropAfterMs: 300 }),
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
      room(
        'reconnecting',
        { user: people.me, chat: { messages: messages(8) }, dropAfterMs: 300 },
        3_000,
      ),
      args,
    ),
};

/** The relay cannot be reached from the start: nothing was lost, the chat says it is trying. */
export const CantConnect: Story = {
  render: (args) => chat(room('cant-connect', { user: people.me, unreachable: true }, 3_000), args),
};

export const SlowMode: Story = {
  render: (args) =>
    chat(
      room('slow-mode', { user: people.me, chat: { messages: messages(6), slowModeSeconds: 30 } }),
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
      room('host', {
        user: people.host,
        chat: {
          messages: messages(12),
          slowModeSeconds: 10,
          bans: [{ userId: people.dara.id, banned: true, until: null }],
        },
        joined: (ch, relay) => {
          if (ch.endsWith('/chat')) relay.as(people.ana).signal(ch, 'typing');
        },
      }),
      args,
    ),
};

export const Banned: Story = {
  render: (args) =>
    chat(
      room('banned', {
        user: people.me,
        chat: {
          messages: messages(8),
          bans: [{ userId: people.me.id, banned: true, until: null }],
        },
      }),
      args,
    ),
};

export const TimedOut: Story = {
  render: (args) =>
    chat(
      room('timed-out', {
        user: people.me,
        chat: {
          messages: messages(8),
          bans: [{ userId: people.me.id, banned: true, until: Date.now() + 7 * 60_000 }],
        },
      }),
      args,
    ),
};

/** A timeout with the host's reason, counting down beside it (issue 14). */
export const TimedOutWithReason: Story = {
  render: (args) =>
    chat(
      room('timed-out-reason', {
        user: people.me,
        chat: {
          messages: messages(8),
          bans: [{ userId: people.me.id, banned: true, until: Date.now() + 9 * 60_000 + 41_000 }],
          records: { [`banwhy:${people.me.id}`]: 'Please keep links out of the chat' },
        },
      }),
      args,
    ),
};

/**
 * What staff see of messages the audience does not: one from a hidden user, one the chat delay
 * still holds back (issue 14).
 */
export const StaffMarkers: Story = {
  render: (args) =>
    chat(
      room('staff-markers', {
        user: people.host,
        chat: {
          messages: [
            ...messages(5),
            {
              id: 'hidden-1',
              text: 'Buy followers at example.test',
              user: people.dara,
              visibleTo: people.dara.id,
              hidden: true,
              seq: 6,
              ts: Date.UTC(2025, 0, 15, 18, 2),
            },
            {
              id: 'delayed-1',
              text: 'Is this being recorded?',
              user: people.chen,
              visibleTo: people.chen.id,
              delayedUntil: Date.now() + 24 * 3_600_000,
              seq: 7,
              ts: Date.UTC(2025, 0, 15, 18, 3),
            },
          ],
          records: { [`hidden:${people.dara.id}`]: true },
        },
      }),
      args,
    ),
};

export const PendingAndFailed: Story = {
  render: (args) =>
    chat(
      room('pending', {
        user: people.me,
        chat: { messages: messages(6) },
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

/** A signed-in viewer (the fixtures' people are anonymous). */
const signedIn = { id: 'user-sam', name: 'Sam', role: 'audience' as const };

/** A room's gates refuse a viewer's message; the widget says why, in words. */
const gated = (key: string, settings: ChatSettings, text: string, user = signedIn): Story => ({
  render: (args) =>
    chat(room(`gated-${key}`, { user, chat: { messages: messages(6), settings } }), args),
  play: async ({ canvasElement }) => {
    const live = await chatIn(canvasElement);
    await typeAndSend(live, text);
  },
});

/** Emote-only mode: a note above the composer; a message of words is refused. */
export const EmoteOnly = gated('emote-only', { slowModeSeconds: 0, emoteOnly: true }, 'hello!');

/** Links for staff only: a viewer's link is refused. */
export const LinksRefused = gated('links', { slowModeSeconds: 0, links: 'staff' }, 'see spam.com');

/** A first-time chatter waits: "You can chat in 4:00", counting down. */
export const FirstTimeChatter = gated(
  'first-time',
  { slowModeSeconds: 0, firstChatDelaySeconds: 240 },
  'first!',
);

/** The shield is up (the default preset): first-time chatters wait, slow mode, no links. */
export const ShieldUp = gated(
  'shield',
  {
    slowModeSeconds: 10,
    signedInOnly: true,
    firstChatDelaySeconds: 300,
    links: 'staff',
    shield: true,
  },
  'hi all',
);

/** Every audience message is held: the viewer's own shows "Held for review"; nobody else sees it. */
export const HeldForReview = gated('held', { slowModeSeconds: 0, hold: ['all'] }, 'is this ok?');

/** A viewer reports someone else's message: the reason form under the log. */
export const ReportDialog: Story = {
  render: (args) => chat(room('report', { user: signedIn, chat: { messages: messages(6) } }), args),
  play: async ({ canvasElement }) => {
    const live = await chatIn(canvasElement);
    await clickAction(live, 'm2', 'report');
  },
};

/** The shield is up and the viewer is anonymous: the room is for signed-in viewers. */
export const ShieldUpAnonymous: Story = {
  render: (args) =>
    chat(
      room('gated-shield-anonymous', {
        user: people.me,
        chat: {
          messages: messages(6),
          settings: { slowModeSeconds: 10, signedInOnly: true, shield: true },
        },
      }),
      args,
    ),
};

export const Pinned: Story = {
  render: (args) => {
    const list = messages(10);
    return chat(
      room('pinned', {
        user: people.me,
        chat: { messages: list, pinned: { id: list[4].id, message: list[4] } },
      }),
      args,
    );
  },
};

/** A pinned message longer than 3 lines: clamped, with "Show all" to read it whole. */
export const PinnedLong: Story = {
  render: (args) => {
    const list = messages(10);
    const long = {
      ...list[4],
      text:
        'Schedule for today: the keynote starts at 18:00, then the panel on live audiences, ' +
        'then questions from the chat (ask them in the Q&A tab, vote for the ones you like), ' +
        'and the raffle at the end for everyone who stayed. Slides: https://example.com/' +
        'slides/2026/keynote-live-audiences-and-widgets-final-version.pdf',
    };
    return chat(
      room('pinned-long', {
        user: people.me,
        chat: {
          messages: list.map((m) => (m.id === long.id ? long : m)),
          pinned: { id: long.id, message: long },
        },
      }),
      args,
    );
  },
};

export const Replying: Story = {
  render: (args) =>
    chat(room('replying', { user: people.me, chat: { messages: messages(10) } }), args),
  play: async ({ canvasElement }) => {
    const live = await chatIn(canvasElement);
    await clickAction(live, 'm9', 'reply');
  },
};

/** A room whose chat gets 120 messages at once, 0.3 s after the viewer joined. */
function burstRoom(key: string): string {
  return room(key, {
    user: people.me,
    chat: { messages: messages(12) },
    joined: (ch, relay) => {
      if (!ch.endsWith('/chat')) return;
      const speakers = [people.ana, people.bo, people.chen, people.dara];
      setTimeout(() => {
        for (let n = 1; n <= 120; n++) {
          const text = `Burst message #${n}`;
          void relay.as(speakers[n % speakers.length]).op(ch, 'send', { text });
        }
      }, 300);
    },
  });
}

/**
 * A burst of 120 messages at once (a slow device catching up looks the same): the chat skips to
 * live, with the newest 50 below "N earlier messages skipped" and its Show button.
 */
export const Skipped: Story = {
  render: (args) => chat(burstRoom('skipped'), args),
  play: async ({ canvasElement }) => {
    const live = await chatIn(canvasElement);
    await until(() => live.shadowRoot!.querySelector('[part~="skipped"]') !== null);
  },
};

/** The Skipped story after one press of Show: the newest 50 of the skipped are back. */
export const SkippedShowing: Story = {
  render: (args) => chat(burstRoom('skipped-showing'), args),
  play: async ({ canvasElement }) => {
    const live = await chatIn(canvasElement);
    await until(() => live.shadowRoot!.querySelector('[part~="show-skipped"]') !== null);
    live.shadowRoot!.querySelector<HTMLButtonElement>('[part~="show-skipped"]')!.click();
    await live.updateComplete;
  },
};

export const Themed: Story = {
  render: (args) =>
    themed(chat(room('themed', { user: people.me, chat: { messages: messages(10) } }), args)),
};

/** A real relay (see `liveRelay`). */
export const LiveRelay: Story = {
  ...liveRelay('storybook'),
  render: (args) => chat(args.server ?? '', args),
};
