/**
 * `<live-host-console>` on each tab and in every state, against the relay's features running in
 * the page (support/loopback-relay.ts), seeded with a busy room. Each story has its own relay and
 * URL, so its own connection.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { HostTab } from '../src/elements/live-host-console/live-host-console.parts.js';
import { people } from './support/chat-fixtures.js';
import { bans, blockedTerms, hostRoom } from './support/host-fixtures.js';
import { goOffline, room, type Room } from './support/room.js';

interface Args {
  room: string;
  tabs: string;
}

const busyRoom = () => hostRoom(people.host, { blockedTerms, bans: bans(), messageCount: 12 });

function hostConsole(server: string, args: Args, activeTab: HostTab = 'polls') {
  return html`<div style="max-width: 60rem">
    <live-room server=${server} room=${args.room}>
      <live-host-console tabs=${args.tabs} active-tab=${activeTab}></live-host-console>
    </live-room>
  </div>`;
}

const onTab = (tab: HostTab): Story => ({
  render: (args) => hostConsole(room(`host-console-${tab}`, busyRoom()), args, tab),
});

const meta: Meta<Args> = {
  title: 'Widgets/live-host-console',
  component: 'live-host-console',
  args: { room: 'demo', tabs: 'polls quiz chat qa reactions' },
  argTypes: { room: { control: 'text' }, tabs: { control: 'text' } },
};
export default meta;

type Story = StoryObj<Args>;

export const PollsTab = onTab('polls');
export const QuizTab = onTab('quiz');
export const ChatTab = onTab('chat');
export const QaTab = onTab('qa');
export const ReactionsTab = onTab('reactions');

/** A moderator gets the console too; here with only the tabs a chat moderator needs. */
export const ModeratorChatOnly: Story = {
  args: { tabs: 'chat qa' },
  render: (args) =>
    hostConsole(room('host-console-moderator', hostRoom(people.mod, { blockedTerms })), args),
};

/** A viewer who is not a host, with the console's own attributes rather than a `<live-room>`. */
export const NonHost: Story = {
  render: (args) =>
    html`<live-host-console
      server=${room('host-console-non-host', hostRoom(people.me))}
      room=${args.room}
      tabs=${args.tabs}
    ></live-host-console>`,
};

export const Offline: Story = {
  beforeEach: goOffline,
  render: (args) =>
    hostConsole(
      room('host-console-offline', { ...busyRoom(), dropAfterMs: 300 } satisfies Room),
      args,
      'chat',
    ),
};

export const Reconnecting: Story = {
  render: (args) =>
    hostConsole(
      room('host-console-reconnecting', { ...busyRoom(), dropAfterMs: 300 }, 3_000),
      args,
    ),
};

export const Loading: Story = {
  render: (args) =>
    hostConsole(room('host-console-loading', { ...hostRoom(people.host), stall: true }), args),
};

/** The shield is up: the header's toggle shows it whatever tab is open. */
export const ShieldUp: Story = {
  render: (args) =>
    hostConsole(
      room(
        'host-console-shield',
        hostRoom(people.host, {
          settings: {
            slowModeSeconds: 10,
            signedInOnly: true,
            firstChatDelaySeconds: 300,
            links: 'staff',
            shield: true,
          },
        }),
      ),
      args,
    ),
};
