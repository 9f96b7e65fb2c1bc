/**
 * `<live-poll>` in every state. All but "Live relay" run the relay's poll feature in the page
 * (support/loopback-relay.ts), seeded with the fixtures' polls; each story has its own relay and
 * URL, so their connections never meet in the page's connection registry.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LivePoll } from '../src/elements/live-poll.js';
import { people } from './support/chat-fixtures.js';
import { until } from './support/play.js';
import * as fixtures from './support/poll-fixtures.js';
import { pollRoom, type PollRoom } from './support/poll-fixtures.js';

interface Args {
  room: string;
  chart?: 'bar' | 'pie' | 'cloud';
  showResultsBeforeVote: boolean;
  /** Only for the live story: the relay URL. */
  server?: string;
}

function poll(key: string, recording: PollRoom, args: Args) {
  return html`<div style="max-width: 30rem">
    <live-room server=${pollRoom(key, recording)} room=${args.room}>
      <live-poll
        chart=${ifDefined(args.chart)}
        ?show-results-before-vote=${args.showResultsBeforeVote}
      ></live-poll>
    </live-room>
  </div>`;
}

async function pollIn(root: HTMLElement): Promise<LivePoll> {
  const element = root.querySelector('live-poll');
  if (!element) throw new Error('no <live-poll> in the story');
  await until(() => element.store?.$loaded.get() === true && element.poll !== undefined);
  await element.updateComplete;
  return element;
}

/** Ticks options by their labels and presses the Vote button, as a user would. */
async function pick(element: LivePoll, labels: string[]): Promise<void> {
  const root = element.shadowRoot!;
  for (const choice of root.querySelectorAll<HTMLElement>('[part~="choice"]')) {
    if (labels.includes(choice.textContent!.trim())) choice.querySelector('input')!.click();
  }
  await element.updateComplete;
  root.querySelector<HTMLButtonElement>('[part~="vote"]')!.click();
  await element.updateComplete;
}

const meta: Meta<Args> = {
  title: 'Widgets/live-poll',
  component: 'live-poll',
  args: { room: 'demo', showResultsBeforeVote: false },
  argTypes: {
    room: { control: 'text' },
    chart: { control: 'select', options: [undefined, 'bar', 'pie', 'cloud'] },
    showResultsBeforeVote: { control: 'boolean' },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const NoPoll: Story = {
  render: (args) => poll('none', { user: people.me, polls: [fixtures.draft] }, args),
};

export const Loading: Story = {
  render: (args) => poll('loading', { user: people.me, polls: [], stall: true }, args),
};

export const OpenSingle: Story = {
  render: (args) => poll('single', { user: people.me, polls: [fixtures.single] }, args),
};

export const OpenSingleVoted: Story = {
  render: (args) =>
    poll(
      'single-voted',
      { user: people.me, polls: [fixtures.single], myVotes: { single01: { choice: 1 } } },
      args,
    ),
};

export const Multi: Story = {
  render: (args) => poll('multi', { user: people.me, polls: [fixtures.multi] }, args),
  play: async ({ canvasElement }) => {
    const element = await pollIn(canvasElement);
    await pick(element, ['React', '<b>Not bold</b> & <i>not HTML</i>']);
  },
};

export const Rating: Story = {
  args: { showResultsBeforeVote: true },
  render: (args) => poll('rating', { user: people.me, polls: [fixtures.rating] }, args),
};

export const WordCloud: Story = {
  render: (args) =>
    poll(
      'wordcloud',
      {
        user: people.me,
        polls: [fixtures.wordcloud],
        myVotes: { words001: { text: 'Helpful' } },
      },
      args,
    ),
};

export const PieChart: Story = {
  args: { chart: 'pie' },
  render: (args) =>
    poll(
      'pie',
      { user: people.me, polls: [fixtures.single], myVotes: { single01: { choice: 1 } } },
      args,
    ),
};

export const ResultsHiddenAudience: Story = {
  render: (args) =>
    poll(
      'hidden-audience',
      { user: people.me, polls: [fixtures.hidden], myVotes: { hidden01: { choice: 0 } } },
      args,
    ),
};

export const ResultsHiddenHost: Story = {
  render: (args) => poll('hidden-host', { user: people.host, polls: [fixtures.hidden] }, args),
};

export const Closed: Story = {
  render: (args) =>
    poll(
      'closed',
      { user: people.me, polls: [fixtures.closed], myVotes: { closed01: { choice: 2 } } },
      args,
    ),
};

export const TenThousandVoters: Story = {
  render: (args) =>
    poll(
      'big',
      { user: people.me, polls: [fixtures.big], myVotes: { big00001: { choice: 0 } } },
      args,
    ),
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
    poll(
      'offline',
      {
        user: people.me,
        polls: [fixtures.single],
        myVotes: { single01: { choice: 3 } },
        dropAfterMs: 300,
      },
      args,
    ),
};

export const VoteRefused: Story = {
  render: (args) =>
    poll(
      'refused',
      {
        user: people.me,
        polls: [fixtures.single],
        ops: () => ({ code: 'closed', message: 'this poll is not open' }),
      },
      args,
    ),
  play: async ({ canvasElement }) => {
    const element = await pollIn(canvasElement);
    await pick(element, ['Accessibility']);
  },
};

export const Themed: Story = {
  args: { chart: 'pie' },
  render: (args) =>
    html`<div
      style="--hubbub-color-bg:#15171c; --hubbub-color-text:#e8eaf0; --hubbub-color-surface:#22252d;
      --hubbub-color-border:#353a45; --hubbub-color-muted:#9aa1b1; --hubbub-color-accent:#f0a020;
      --hubbub-color-on-accent:#15171c; --hubbub-radius:14px; --hubbub-font-family:Georgia, serif"
    >
      ${poll(
        'themed',
        { user: people.me, polls: [fixtures.rating], myVotes: { rating01: { choice: 3 } } },
        args,
      )}
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
    room: 'storybook-poll',
  },
  argTypes: { server: { control: 'text' } },
  render: (args) =>
    html`<div style="max-width: 30rem">
      <live-room server=${ifDefined(args.server)} room=${args.room} anon-name="Storybook viewer">
        <live-poll
          chart=${ifDefined(args.chart)}
          ?show-results-before-vote=${args.showResultsBeforeVote}
        ></live-poll>
      </live-room>
    </div>`,
};
