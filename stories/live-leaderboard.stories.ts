/**
 * `<live-leaderboard>` in every state, against the relay's quiz feature running in the page
 * (support/loopback-relay.ts), seeded with the fixtures' standings.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { goOffline } from './support/room.js';
import { liveRelay } from './support/story.js';
import { people } from './support/chat-fixtures.js';
import * as fixtures from './support/quiz-fixtures.js';
import { quizRoom, type QuizRoom } from './support/quiz-fixtures.js';

interface Args {
  room: string;
  limit: number;
  /** Only for the live story: the relay URL. */
  server?: string;
}

function board(server: string, args: Args) {
  return html`<div style="max-width: 26rem">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <live-leaderboard limit=${args.limit}></live-leaderboard>
    </live-room>
  </div>`;
}

const story = (key: string, room: QuizRoom) => (args: Args) =>
  board(quizRoom(`board-${key}`, room), args);

const meta: Meta<Args> = {
  title: 'Widgets/live-leaderboard',
  component: 'live-leaderboard',
  args: { room: 'demo', limit: 10 },
  argTypes: { room: { control: 'text' }, limit: { control: { type: 'number', min: 1, max: 10 } } },
};
export default meta;

type Story = StoryObj<Args>;

export const Empty: Story = {
  render: story('empty', { user: people.me, state: fixtures.waiting }),
};

export const Loading: Story = {
  render: story('loading', { user: people.me, state: fixtures.waiting, stall: true }),
};

export const Standings: Story = {
  render: story('standings', { user: people.me, state: fixtures.open }),
};

/** Equal scores share a rank: 1, 1, 3, 3, 5. */
export const Ties: Story = {
  render: story('ties', {
    user: people.me,
    state: {
      ...fixtures.revealedRight,
      leaderboard: fixtures.ties,
      me: fixtures.me({ score: 1_900, rank: 3 }),
    },
  }),
};

export const Final: Story = {
  render: story('final', { user: people.me, state: fixtures.ended }),
};

/** 10,000 players: the top ten, and my own row under them. */
/** The connection dropped: the standings stay, under a note that they may be out of date. */
export const Offline: Story = {
  beforeEach: goOffline,
  render: story('offline', { user: people.me, state: fixtures.open, dropAfterMs: 300 }),
};

export const TenThousandPlayers: Story = {
  render: story('big', {
    user: people.me,
    state: { ...fixtures.open, leaderboard: fixtures.crowd, me: fixtures.crowdMe },
  }),
};

export const TopThree: Story = {
  args: { limit: 3 },
  render: story('top-three', { user: people.me, state: fixtures.open }),
};

/** A real relay (see `liveRelay`). */
export const LiveRelay: Story = {
  ...liveRelay('storybook-quiz'),
  render: (args) => board(args.server ?? '', args),
};
