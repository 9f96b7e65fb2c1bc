/**
 * `<live-quiz>` in every state. All but "Live relay" run the relay's quiz feature in the page
 * (support/loopback-relay.ts), seeded with the fixtures' game; an open question's clock starts
 * when the story renders, so its countdown runs. Each story has its own relay and URL, so their
 * connections never meet in the page's connection registry.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LiveQuiz } from '../src/elements/live-quiz.js';
import { people } from './support/chat-fixtures.js';
import { until } from './support/play.js';
import * as fixtures from './support/quiz-fixtures.js';
import { quizRoom, type QuizRoom } from './support/quiz-fixtures.js';
import { goOffline } from './support/room.js';

interface Args {
  room: string;
  accessible: boolean;
  /** Only for the live story: the relay URL. */
  server?: string;
}

function quiz(key: string, recording: QuizRoom, args: Args) {
  return html`<div style="max-width: 34rem">
    <live-room server=${quizRoom(key, recording)} room=${args.room}>
      <live-quiz ?accessible=${args.accessible}></live-quiz>
    </live-room>
  </div>`;
}

async function quizIn(root: HTMLElement): Promise<LiveQuiz> {
  const element = root.querySelector('live-quiz');
  if (!element) throw new Error('no <live-quiz> in the story');
  await until(() => element.store?.$loaded.get() === true);
  await element.updateComplete;
  return element;
}

const meta: Meta<Args> = {
  title: 'Widgets/live-quiz',
  component: 'live-quiz',
  args: { room: 'demo', accessible: false },
  argTypes: { room: { control: 'text' }, accessible: { control: 'boolean' } },
};
export default meta;

type Story = StoryObj<Args>;

export const Loading: Story = {
  render: (args) =>
    quiz('loading', { user: people.me, state: fixtures.waiting, stall: true }, args),
};

export const Waiting: Story = {
  render: (args) => quiz('waiting', { user: people.me, state: fixtures.waiting }, args),
};

export const QuestionOpen: Story = {
  render: (args) => quiz('open', { user: people.me, state: fixtures.open }, args),
};

export const LeadIn: Story = {
  render: (args) => quiz('lead-in', { user: people.me, state: fixtures.leadIn }, args),
};

export const LockedIn: Story = {
  render: (args) => quiz('locked-in', { user: people.me, state: fixtures.lockedIn }, args),
};

/** Answers with the "2" key, as a keyboard user would. */
export const AnswerByKeyboard: Story = {
  render: (args) => quiz('keyboard', { user: people.me, state: fixtures.open }, args),
  play: async ({ canvasElement }) => {
    const element = await quizIn(canvasElement);
    const button = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="option"]')!;
    button.focus();
    button.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true, composed: true }));
    await element.updateComplete;
  },
};

export const RevealRight: Story = {
  render: (args) => quiz('right', { user: people.me, state: fixtures.revealedRight }, args),
};

export const RevealWrong: Story = {
  render: (args) => quiz('wrong', { user: people.me, state: fixtures.revealedWrong }, args),
};

export const Podium: Story = {
  render: (args) => quiz('podium', { user: people.me, state: fixtures.ended }, args),
};

/** The host turned accessible mode on: double time, no speed emphasis. */
export const AccessibleMode: Story = {
  render: (args) => quiz('accessible', { user: people.me, state: fixtures.accessible }, args),
};

export const Offline: Story = {
  beforeEach: goOffline,
  render: (args) =>
    quiz('offline', { user: people.me, state: fixtures.open, dropAfterMs: 300 }, args),
};

export const AnswerRefused: Story = {
  render: (args) =>
    quiz(
      'refused',
      {
        user: people.me,
        state: fixtures.open,
        ops: () => ({ code: 'too_late', message: 'time is up' }),
      },
      args,
    ),
  play: async ({ canvasElement }) => {
    const element = await quizIn(canvasElement);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="option"]')!.click();
    await element.updateComplete;
  },
};

export const Themed: Story = {
  render: (args) =>
    html`<div
      style="--hubbub-color-bg:#15171c; --hubbub-color-text:#e8eaf0; --hubbub-color-surface:#22252d;
      --hubbub-color-border:#353a45; --hubbub-color-muted:#9aa1b1; --hubbub-color-accent:#f0a020;
      --hubbub-color-on-accent:#15171c; --hubbub-color-success:#4cc27a; --hubbub-radius:14px;
      --hubbub-font-family:Georgia, serif"
    >
      ${quiz('themed', { user: people.me, state: fixtures.revealedRight }, args)}
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
    room: 'storybook-quiz',
  },
  argTypes: { server: { control: 'text' } },
  render: (args) =>
    html`<div style="max-width: 34rem">
      <live-room server=${ifDefined(args.server)} room=${args.room} anon-name="Storybook viewer">
        <live-quiz ?accessible=${args.accessible}></live-quiz>
      </live-room>
    </div>`,
};
