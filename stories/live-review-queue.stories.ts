/**
 * `<live-review-queue>` in every state, against the relay's chat, Q&A and poll features running
 * in the page (support/loopback-relay.ts), seeded with held messages, reports, questions
 * awaiting approval and open-text poll answers under review as the relay stores them.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ChatMessage, ReviewItem } from '../src/protocol/index.js';
import { messages, people } from './support/chat-fixtures.js';
import { widgetIn } from './support/play.js';
import { kindRoom, openTextReview } from './support/poll-kinds-fixtures.js';
import { question } from './support/qa-fixtures.js';
import { goOffline, room, type Room } from './support/room.js';

interface Args {
  room: string;
}

function queue(server: string, args: Args) {
  return html`<div style="max-width: 32rem">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <live-review-queue></live-review-queue>
    </live-room>
  </div>`;
}

const at = (minute: number) => Date.UTC(2025, 0, 15, 18, minute);

/** A message the relay held for review (by `rule`), as its history keeps it. */
function held(id: string, text: string, user: ChatMessage['user'], rule: string, seq: number) {
  return {
    message: {
      id,
      text,
      user,
      visibleTo: user.id,
      held: true as const,
      seq,
      ts: at(seq),
      heldFor: rule as ChatMessage['heldFor'],
    },
    record: {
      [`review:${id}`]: {
        item: {
          id,
          feature: 'chat',
          at: at(seq),
          text,
          user: { id: user.id, name: user.name },
          held: rule,
        } satisfies ReviewItem,
      },
    },
  };
}

const first = held('h1', 'first time here, hi!', people.chen, 'firstTime', 7);
const link = held('h2', 'free followers at example.test', people.dara, 'links', 8);

/** The room's chat with the held messages, and Q&A with two questions awaiting approval. */
function withItems(): Room {
  return {
    user: people.host,
    chat: {
      messages: [...messages(6), first.message, link.message],
      records: { ...first.record, ...link.record },
    },
    qa: [question(8, { status: 'pending', votes: 0, ts: at(9) })],
  };
}

/** A message reported by three viewers, with their notes. */
function withReports(): Room {
  const [target] = messages(6).filter((m) => m.user.id === people.bo.id);
  return {
    user: people.host,
    chat: {
      messages: messages(6),
      records: {
        [`review:${target.id}`]: {
          item: {
            id: target.id,
            feature: 'chat',
            at: at(5),
            text: target.text,
            user: { id: target.user.id, name: target.user.name },
            reports: {
              count: 3,
              reasons: { spam: 2, harassment: 1 },
              notes: ['keeps posting this', '<b>not bold</b>'],
            },
          } satisfies ReviewItem,
          reporters: [people.ana.id, people.chen.id, people.dara.id],
        },
      },
    },
  };
}

const story = (key: string, spec: Room) => (args: Args) => queue(room(`review-${key}`, spec), args);

const meta: Meta<Args> = {
  title: 'Widgets/live-review-queue',
  component: 'live-review-queue',
  args: { room: 'demo' },
  argTypes: { room: { control: 'text' } },
};
export default meta;

type Story = StoryObj<Args>;

/** Nothing waits: "Nothing waits for review." */
export const Empty: Story = {
  render: story('empty', { user: people.host, chat: { messages: messages(4) } }),
};

/** Before the relay answers. */
export const Loading: Story = {
  render: story('loading', { user: people.host, stall: true }),
};

/** Held chat messages (a first-time chatter, a link) and a question awaiting approval. */
export const WithItems: Story = {
  render: story('items', withItems()),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-review-queue');
    element.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!.focus();
  },
};

/** Open-text poll answers under review, each with its poll's question, beside chat and Q&A. */
export const WithPollAnswers: Story = {
  render: (args) =>
    queue(kindRoom('review-poll', { user: people.host, polls: [openTextReview] }), args),
};

/** A reported message, counted per reason, with the reporters' notes (as text). */
export const WithReports: Story = {
  render: story('reports', withReports()),
};

/** The selected item's actions, opened with Enter. */
export const Actions: Story = {
  render: story('actions', withItems()),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-review-queue');
    const list = element.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
    list.focus();
    list.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await element.updateComplete;
  },
};

/** Offline: the banner says decisions wait for the connection; the queue stays. */
export const Offline: Story = {
  beforeEach: goOffline,
  render: story('offline', { ...withItems(), dropAfterMs: 300 }),
};

/** A viewer who is not staff. */
export const NotStaff: Story = {
  render: story('not-staff', { user: people.me, chat: { messages: messages(4) } }),
};
