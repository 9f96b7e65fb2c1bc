/**
 * `<live-quiz>` in every state. All but "Live relay" run the relay's quiz feature in the page
 * (support/loopback-relay.ts), seeded with the fixtures' game; an open question's clock starts
 * when the story renders, so its countdown runs. Each story has its own relay and URL, so their
 * connections never meet in the page's connection registry.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { people } from './support/chat-fixtures.js';
import { liveRelay, themed } from './support/story.js';
import { widgetIn } from './support/play.js';
import * as fixtures from './support/quiz-fixtures.js';
import { quizRoom, type QuizRoom } from './support/quiz-fixtures.js';
import { goOffline } from './support/room.js';

interface Args {
  room: string;
  accessible: boolean;
  /** Only for the live story: the relay URL. */
  server?: string;
}

function quiz(server: string, args: Args) {
  return html`<div style="max-width: 34rem">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <live-quiz ?accessible=${args.accessible}></live-quiz>
    </live-room>
  </div>`;
}

const story = (key: string, room: QuizRoom) => (args: Args) => quiz(quizRoom(key, room), args);

const meta: Meta<Args> = {
  title: 'Widgets/live-quiz',
  component: 'live-quiz',
  args: { room: 'demo', accessible: false },
  argTypes: { room: { control: 'text' }, accessible: { control: 'boolean' } },
};
export default meta;

type Story = StoryObj<Args>;

export const Loading: Story = {
  render: story('loading', { user: people.me, state: fixtures.waiting, stall: true }),
};

export const Waiting: Story = {
  render: story('waiting', { user: people.me, state: fixtures.waiting }),
};

export const QuestionOpen: Story = {
  render: story('open', { user: people.me, state: fixtures.open }),
};

export const LeadIn: Story = {
  render: story('lead-in', { user: people.me, state: fixtures.leadIn }),
};

export const LockedIn: Story = {
  render: story('locked-in', { user: people.me, state: fixtures.lockedIn }),
};

/** Answers with the "2" key, as a keyboard user would. */
export const AnswerByKeyboard: Story = {
  render: story('keyboard', { user: people.me, state: fixtures.open }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-quiz');
    const button = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="option"]')!;
    button.focus();
    button.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true, composed: true }));
    await element.updateComplete;
  },
};

export const RevealRight: Story = {
  render: story('right', { user: people.me, state: fixtures.revealedRight }),
};

/** Three correct answers in a row: "3 in a row" beside the standing (kept across a reload). */
export const RevealStreak: Story = {
  render: story('streak', { user: people.me, state: fixtures.revealedStreak }),
};

export const RevealWrong: Story = {
  render: story('wrong', { user: people.me, state: fixtures.revealedWrong }),
};

export const Podium: Story = {
  render: story('podium', { user: people.me, state: fixtures.ended }),
};

/** The host turned accessible mode on: double time, no speed emphasis. */
export const AccessibleMode: Story = {
  render: story('accessible', { user: people.me, state: fixtures.accessible }),
};

export const Offline: Story = {
  beforeEach: goOffline,
  render: story('offline', { user: people.me, state: fixtures.open, dropAfterMs: 300 }),
};

export const AnswerRefused: Story = {
  render: story('refused', {
    user: people.me,
    state: fixtures.open,
    ops: () => ({ code: 'too_late', message: 'time is up' }),
  }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-quiz');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="option"]')!.click();
    await element.updateComplete;
  },
};

export const Themed: Story = {
  render: (args) =>
    themed(story('themed', { user: people.me, state: fixtures.revealedRight })(args)),
};

/** A real relay (see `liveRelay`). */
export const LiveRelay: Story = {
  ...liveRelay('storybook-quiz'),
  render: (args) => quiz(args.server ?? '', args),
};
