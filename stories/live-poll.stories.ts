/**
 * `<live-poll>` in every state. All but "Live relay" run the relay's poll feature in the page
 * (support/loopback-relay.ts), seeded with the fixtures' polls; each story has its own relay and
 * URL, so their connections never meet in the page's connection registry.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LivePoll } from '../src/elements/live-poll/live-poll.js';
import { people } from './support/chat-fixtures.js';
import { liveRelay, themed } from './support/story.js';
import { widgetIn } from './support/play.js';
import * as fixtures from './support/poll-fixtures.js';
import { pollRoom, type PollRoom } from './support/poll-fixtures.js';
import * as kinds from './support/poll-kinds-fixtures.js';
import { kindRoom, type KindRoom } from './support/poll-kinds-fixtures.js';

interface Args {
  room: string;
  chart?: 'bar' | 'pie' | 'cloud';
  showResultsBeforeVote: boolean;
  /** Only for the live story: the relay URL. */
  server?: string;
}

function poll(server: string, args: Args) {
  return html`<div style="max-width: 30rem">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <live-poll
        chart=${ifDefined(args.chart)}
        ?show-results-before-vote=${args.showResultsBeforeVote}
      ></live-poll>
    </live-room>
  </div>`;
}

const story = (key: string, room: PollRoom) => (args: Args) => poll(pollRoom(key, room), args);
const kindStory = (key: string, room: KindRoom) => (args: Args) => poll(kindRoom(key, room), args);

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
  render: story('none', { user: people.me, polls: [fixtures.draft] }),
};

export const Loading: Story = {
  render: story('loading', { user: people.me, polls: [], stall: true }),
};

export const OpenSingle: Story = {
  render: story('single', { user: people.me, polls: [fixtures.single] }),
};

export const OpenSingleVoted: Story = {
  render: story('single-voted', {
    user: people.me,
    polls: [fixtures.single],
    myVotes: { single01: { choice: 1 } },
  }),
};

export const Multi: Story = {
  render: story('multi', { user: people.me, polls: [fixtures.multi] }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(
      canvasElement,
      'live-poll',
      (widget) => widget.store?.$loaded.get() === true && widget.poll !== undefined,
    );
    await pick(element, ['React', '<b>Not bold</b> & <i>not HTML</i>']);
  },
};

export const Rating: Story = {
  args: { showResultsBeforeVote: true },
  render: story('rating', { user: people.me, polls: [fixtures.rating] }),
};

export const WordCloud: Story = {
  render: story('wordcloud', {
    user: people.me,
    polls: [fixtures.wordcloud],
    myVotes: { words001: { text: 'Helpful' } },
  }),
};

export const PieChart: Story = {
  args: { chart: 'pie' },
  render: story('pie', {
    user: people.me,
    polls: [fixtures.single],
    myVotes: { single01: { choice: 1 } },
  }),
};

export const ResultsHiddenAudience: Story = {
  render: story('hidden-audience', {
    user: people.me,
    polls: [fixtures.hidden],
    myVotes: { hidden01: { choice: 0 } },
  }),
};

export const ResultsHiddenHost: Story = {
  render: story('hidden-host', { user: people.host, polls: [fixtures.hidden] }),
};

export const Closed: Story = {
  render: story('closed', {
    user: people.me,
    polls: [fixtures.closed],
    myVotes: { closed01: { choice: 2 } },
  }),
};

export const TenThousandVoters: Story = {
  render: story('big', {
    user: people.me,
    polls: [fixtures.big],
    myVotes: { big00001: { choice: 0 } },
  }),
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
  render: story('offline', {
    user: people.me,
    polls: [fixtures.single],
    myVotes: { single01: { choice: 3 } },
    dropAfterMs: 300,
  }),
};

export const VoteRefused: Story = {
  render: story('refused', {
    user: people.me,
    polls: [fixtures.single],
    ops: () => ({ code: 'closed', message: 'this poll is not open' }),
  }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(
      canvasElement,
      'live-poll',
      (widget) => widget.store?.$loaded.get() === true && widget.poll !== undefined,
    );
    await pick(element, ['Accessibility']);
  },
};

export const Themed: Story = {
  args: { chart: 'pie' },
  render: (args) =>
    themed(
      story('themed', {
        user: people.me,
        polls: [fixtures.rating],
        myVotes: { rating01: { choice: 3 } },
      })(args),
    ),
};

export const OpenTextEmpty: Story = {
  render: kindStory('opentext-empty', { user: people.me, polls: [kinds.openText] }),
};

/** Identical answers (after normalisation) are one line with a count; the top ones above. */
export const OpenTextWithAnswers: Story = {
  render: kindStory('opentext-answers', { user: people.me, polls: [kinds.openTextAnswers] }),
};

/** A reviewed poll: my answer awaits the host's approval; only approved answers are listed. */
export const OpenTextPending: Story = {
  render: kindStory('opentext-pending', { user: people.me, polls: [kinds.openTextReview] }),
};

/** Closed, with one group of answers hidden by the host. */
export const OpenTextClosed: Story = {
  render: kindStory('opentext-closed', { user: people.me, polls: [kinds.openTextClosed] }),
};

/** The sortable list, with an option picked up by the keyboard (Space) and moved down. */
export const RankingVoting: Story = {
  render: kindStory('ranking-voting', { user: people.me, polls: [kinds.ranking] }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(
      canvasElement,
      'live-poll',
      (widget) => widget.store?.$loaded.get() === true && widget.poll !== undefined,
    );
    const grab = element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="grab"]')!;
    grab.click();
    await element.updateComplete;
    element
      .shadowRoot!.querySelector<HTMLButtonElement>('[part~="grab"]')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    await element.updateComplete;
  },
};

export const RankingVoted: Story = {
  render: kindStory('ranking-voted', {
    user: people.me,
    polls: [
      { ...kinds.ranking, rankings: { ...kinds.ranking.rankings, [people.me.id]: [2, 1, 0, 3] } },
    ],
  }),
};

/** Closed: options by average position (Borda points), every number as text. */
export const RankingResults: Story = {
  render: kindStory('ranking-results', { user: people.me, polls: [kinds.rankingClosed] }),
};

/** A real relay (see `liveRelay`). */
export const LiveRelay: Story = {
  ...liveRelay('storybook-poll'),
  render: (args) => poll(args.server ?? '', args),
};
