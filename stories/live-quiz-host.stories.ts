/**
 * `<live-quiz-host>` in every state, against the relay's quiz feature running in the page
 * (support/loopback-relay.ts): `load`, `next`, `reveal` and `end` are the relay's own, so the
 * buttons work in the story.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { LiveQuizHost } from '../src/elements/live-quiz-host/live-quiz-host.js';
import { people } from './support/chat-fixtures.js';
import { shows, until, widgetIn } from './support/play.js';
import * as fixtures from './support/quiz-fixtures.js';
import { quizRoom, type QuizRoom } from './support/quiz-fixtures.js';
import { goOffline } from './support/room.js';

interface Args {
  room: string;
}

function host(server: string, args: Args) {
  return html`<div style="max-width: 40rem">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <live-quiz-host></live-quiz-host>
    </live-room>
  </div>`;
}

const story = (key: string, room: QuizRoom) => (args: Args) =>
  host(quizRoom(`host-${key}`, room), args);

/** Chooses a file in the host's file input, as a user would. */
function choose(element: LiveQuizHost, content: string, name: string) {
  const input = element.shadowRoot!.querySelector<HTMLInputElement>('[part~="file"]')!;
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const meta: Meta<Args> = {
  title: 'Widgets/live-quiz-host',
  component: 'live-quiz-host',
  args: { room: 'demo' },
  argTypes: { room: { control: 'text' } },
};
export default meta;

type Story = StoryObj<Args>;

export const Empty: Story = {
  render: story('empty', { user: people.host, state: fixtures.empty }),
};

export const Loaded: Story = {
  render: story('loaded', { user: people.host, state: fixtures.waiting }),
};

/** Question 3 of 10 open, with its answer for the host, the time left and the standings. */
export const Running: Story = {
  render: story('running', { user: people.host, state: fixtures.running }),
};

export const Revealed: Story = {
  render: story('revealed', {
    user: people.host,
    state: { ...fixtures.revealedRight, me: undefined },
  }),
};

export const Ended: Story = {
  render: story('ended', { user: people.host, state: { ...fixtures.ended, me: undefined } }),
};

/** A file with mistakes: every problem listed, with its question number. */
export const FileErrors: Story = {
  render: story('file-errors', { user: people.host, state: fixtures.empty }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-quiz-host', shows('[part~="file"]'));
    const broken = [
      { text: '', options: ['Yes'], correct: 2, timeLimitMs: 500 },
      { text: 'Fine?', options: ['a', 'b'], correct: 0, timeLimitMs: 5_000, points: -5 },
    ];
    choose(element, JSON.stringify(broken), 'quiz.json');
    await until(() => element.shadowRoot!.querySelector('[part~="file-errors"]') !== null);
  },
};

/** A good file read: its questions wait in the list to be reviewed and loaded. */
export const FileRead: Story = {
  render: story('file-read', { user: people.host, state: fixtures.empty }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-quiz-host', shows('[part~="file"]'));
    choose(element, JSON.stringify({ questions: fixtures.questions.slice(0, 3) }), 'trivia.json');
    await until(() => element.shadowRoot!.querySelector('[part~="drafts"]') !== null);
  },
};

/** The editor after "Add question" on an empty form. */
export const EditorErrors: Story = {
  render: story('editor', { user: people.host, state: fixtures.empty }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-quiz-host', shows('[part~="file"]'));
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save-question"]')!.click();
    await element.updateComplete;
  },
};

export const Offline: Story = {
  beforeEach: goOffline,
  render: story('offline', { user: people.host, state: fixtures.running, dropAfterMs: 300 }),
};

export const NonHost: Story = {
  render: story('non-host', { user: people.me, state: fixtures.running }),
};
