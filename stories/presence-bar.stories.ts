/**
 * `<presence-bar>` in every state, against the relay's presence and chat features running in the
 * page (support/loopback-relay.ts); each story has its own relay and URL, so their connections
 * never meet.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PresenceMember } from '../src/protocol/index.js';
import { keepTyping, people } from './support/chat-fixtures.js';
import { liveRelay } from './support/story.js';
import { widgetIn } from './support/play.js';
import { crowd, fewMembers, member } from './support/presence-fixtures.js';
import { goOffline, room as loopbackRoom, type Room } from './support/room.js';

interface Args {
  room: string;
  maxAvatars: number;
  noEnter: boolean;
  /** Only for the live story: the relay URL. */
  server?: string;
}

/** A room whose presence holds `members` (and `count` people). */
function room(
  key: string,
  members: PresenceMember[],
  count?: number,
  extra: Partial<Room> = {},
): string {
  return loopbackRoom(`presence-${key}`, {
    user: people.me,
    presence: { members, count },
    ...extra,
  });
}

function bar(server: string, args: Args) {
  return html`<div style="max-width: 36rem; min-height: 20rem">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <presence-bar max-avatars=${args.maxAvatars} ?no-enter=${args.noEnter}></presence-bar>
    </live-room>
  </div>`;
}

const meta: Meta<Args> = {
  title: 'Widgets/presence-bar',
  component: 'presence-bar',
  args: { room: 'demo', maxAvatars: 5, noEnter: false },
  argTypes: {
    room: { control: 'text' },
    maxAvatars: { control: { type: 'number', min: 0 } },
    noEnter: { control: 'boolean' },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** A host dashboard (`no-enter`) watching a room nobody has joined yet. */
export const Empty: Story = {
  args: { noEnter: true },
  render: (args) => bar(room('empty', []), args),
};

export const FewMembers: Story = {
  render: (args) => bar(room('few', [...fewMembers, member(people.me)]), args),
};

/** A big room: the relay lists the first members (hosts first) and counts everyone. */
export const BigRoom: Story = {
  render: (args) => bar(room('big', crowd(100), 10_000), args),
};

export const Typing: Story = {
  render: (args) =>
    bar(room('typing', fewMembers, undefined, { repeat: keepTyping(people.ana, people.bo) }), args),
};

/** The member list, opened with the "Show everyone" button: arrows move, Escape closes. */
export const MemberList: Story = {
  render: (args) => bar(room('list', [...fewMembers, member(people.me)]), args),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'presence-bar');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="toggle"]')!.click();
    await element.updateComplete;
  },
};

export const Offline: Story = {
  beforeEach: goOffline,
  render: (args) => bar(room('offline', fewMembers, undefined, { dropAfterMs: 300 }), args),
};

export const Loading: Story = {
  render: (args) => bar(loopbackRoom('presence-loading', { user: people.me, stall: true }), args),
};

/** A real relay (see `liveRelay`). */
export const LiveRelay: Story = {
  ...liveRelay('storybook-presence'),
  render: (args) => bar(args.server ?? '', args),
};
