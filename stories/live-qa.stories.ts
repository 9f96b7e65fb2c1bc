/**
 * `<live-qa>` in every state. All but "Live relay" run the relay's Q&A feature in the page
 * (support/loopback-relay.ts), seeded with the fixtures' questions; each story has its own relay
 * and URL, so their connections never meet in the page's connection registry.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { people } from './support/chat-fixtures.js';
import { liveRelay } from './support/story.js';
import { typeAndSend, until, widgetIn } from './support/play.js';
import * as fixtures from './support/qa-fixtures.js';
import { qaRoom, type QaRoom } from './support/qa-fixtures.js';
import { goOffline } from './support/room.js';

interface Args {
  room: string;
  sort: 'votes' | 'time';
  listHeight: string;
  /** Only for the live story: the relay URL. */
  server?: string;
}

function qa(server: string, args: Args) {
  return html`<div style="max-width: 32rem; --hubbub-qa-list-height: ${args.listHeight}">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <live-qa sort=${args.sort}></live-qa>
    </live-room>
  </div>`;
}

const story = (key: string, room: QaRoom) => (args: Args) => qa(qaRoom(key, room), args);

const meta: Meta<Args> = {
  title: 'Widgets/live-qa',
  component: 'live-qa',
  args: { room: 'demo', sort: 'votes', listHeight: '24rem' },
  argTypes: {
    room: { control: 'text' },
    sort: { control: 'inline-radio', options: ['votes', 'time'] },
    listHeight: { control: 'text' },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Empty: Story = {
  render: story('empty', { user: fixtures.me, questions: [] }),
};

let fans = 0;
export const Busy: Story = {
  render: story('busy', {
    user: fixtures.me,
    questions: fixtures.questions(40),
    myVotes: ['q003', 'q010'],
    // Votes keep coming in: the question they go to climbs the list.
    repeat: {
      everyMs: 2_000,
      run: (relay) =>
        relay
          .as({ id: `anon-fan-${fans++}`, name: 'Fan', role: 'audience' })
          .op('demo/qa', 'upvote', { id: 'q039' }),
    },
  }),
};

export const SortedByTime: Story = {
  args: { sort: 'time' },
  render: story('by-time', { user: fixtures.me, questions: fixtures.questions(12) }),
};

export const AnsweringNow: Story = {
  render: story('answering-now', { user: fixtures.me, questions: fixtures.answeringNow() }),
};

export const AnsweredSection: Story = {
  render: story('answered', { user: fixtures.me, questions: fixtures.answeringNow() }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-qa');
    element.shadowRoot!.querySelector<HTMLElement>('[part~="answered"] summary')!.click();
  },
};

export const MyPendingQuestion: Story = {
  render: story('my-pending', {
    user: fixtures.me,
    questions: [
      ...fixtures.pending(),
      fixtures.question(11, { status: 'pending', user: fixtures.me, votes: 0 }),
    ],
    moderation: true,
    // One of mine a host turns down as I watch.
    joined: (ch, relay) => {
      if (ch.endsWith('/qa')) void relay.as(people.host).op(ch, 'hide', { id: 'q011' });
    },
  }),
};

export const HostView: Story = {
  render: story('host', { user: people.host, questions: fixtures.hostRoom() }),
};

export const ModerationQueue: Story = {
  render: story('queue', { user: people.host, questions: fixtures.pending(), moderation: true }),
};

export const AnonymousQuestions: Story = {
  render: story('anonymous', { user: fixtures.me, questions: fixtures.anonymousQuestions() }),
};

export const Loading: Story = {
  render: story('loading', { user: fixtures.me, questions: [], stall: true }),
};

export const Offline: Story = {
  beforeEach: goOffline,
  render: story('offline', {
    user: fixtures.me,
    questions: fixtures.questions(5),
    dropAfterMs: 300,
  }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-qa');
    await until(() => element.shadowRoot!.querySelector('[part~="banner"]') !== null);
    await typeAndSend(element, 'Asked while offline');
  },
};

export const Refused: Story = {
  render: story('refused', {
    user: fixtures.me,
    questions: fixtures.questions(3),
    ops: (op) =>
      op.type === 'ask'
        ? { code: 'rate_limited', message: 'too many questions', retryAfterMs: 25_000 }
        : 'relay',
  }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-qa');
    await typeAndSend(element, 'One question too many');
  },
};

/** A real relay (see `liveRelay`). */
export const LiveRelay: Story = {
  ...liveRelay('storybook-qa'),
  render: (args) => qa(args.server ?? '', args),
};
