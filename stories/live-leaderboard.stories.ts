/**
 * `<live-leaderboard>` in every state, against the relay's quiz feature running in the page
 * (support/loopback-relay.ts), seeded with the fixtures' standings.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { people } from './support/chat-fixtures.js';
import * as fixtures from './support/quiz-fixtures.js';
import { quizRoom, type QuizRoom } from './support/quiz-fixtures.js';

interface Args {
  room: string;
  limit: number;
  /** Only for the live story: the relay URL. */
  server?: string;
}

function board(key: string, recording: QuizRoom, args: Args) {
  return html`<div style="max-width: 26rem">
    <live-room server=${quizRoom(`board-${key}`, recording)} room=${args.room}>
      <live-leaderboard limit=${args.limit}></live-leaderboard>
    </live-room>
  </div>`;
}

const meta: Meta<Args> = {
  title: 'Widgets/live-leaderboard',
  component: 'live-leaderboard',
  args: { room: 'demo', limit: 10 },
  argTypes: { room: { control: 'text' }, limit: { control: { type: 'number', min: 1, max: 10 } } },
};
export default meta;

type Story = StoryObj<Args>;

export const Empty: Story = {
  render: (args) => board('empty', { user: people.me, state: fixtures.waiting }, args),
};

export const Loading: Story = {
  render: (args) =>
    board('loading', { user: people.me, state: fixtures.waiting, stall: true }, args),
};

export const Standings: Story = {
  render: (args) => board('standings', { user: people.me, state: fixtures.open }, args),
};

/** Equal scores share a rank: 1, 1, 3, 3, 5. */
export const Ties: Story = {
  render: (args) =>
    board(
      'ties',
      {
        user: people.me,
        state: {
          ...fixtures.revealedRight,
          leaderboard: fixtures.ties,
          me: fixtures.me({ score: 1_900, rank: 3 }),
        },
      },
      args,
    ),
};

export const Final: Story = {
  render: (args) => board('final', { user: people.me, state: fixtures.ended }, args),
};

/** 10,000 players: the top ten, and my own row under them. */
export const TenThousandPlayers: Story = {
  render: (args) =>
    board(
      'big',
      {
        user: people.me,
        state: { ...fixtures.open, leaderboard: fixtures.crowd, me: fixtures.crowdMe },
      },
      args,
    ),
};

export const TopThree: Story = {
  args: { limit: 3 },
  render: (args) => board('top-three', { user: people.me, state: fixtures.open }, args),
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
    room: 'storybook-quiz',
  },
  argTypes: { server: { control: 'text' } },
  render: (args) =>
    html`<div style="max-width: 26rem">
      <live-room server=${ifDefined(args.server)} room=${args.room} anon-name="Storybook viewer">
        <live-leaderboard limit=${args.limit}></live-leaderboard>
      </live-room>
    </div>`,
};
