/**
 * `<live-reactions>` in every state, against the relay's reactions feature running in the page
 * (support/loopback-relay.ts), which bursts what a crowd reacts; each story has its own relay and
 * URL, so their connections never meet. The widget sits at the bottom of a stand-in player, so
 * the emojis float up over it.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { people } from './support/chat-fixtures.js';
import { liveRelay } from './support/story.js';
import { widgetIn } from './support/play.js';
import { emojis, hugeBurst, reacting, smallBurst } from './support/reactions-fixtures.js';
import { goOffline, room as loopbackRoom, type Room } from './support/room.js';

interface Args {
  room: string;
  maxFloating: number;
  reducedMotion: boolean;
  overlayHeight: string;
  /** Only for the live story: the relay URL. */
  server?: string;
}

/** A room with the fixtures' emoji set, where a crowd reacts `counts` again and again. */
function room(key: string, counts?: Record<string, number>, extra: Partial<Room> = {}) {
  return loopbackRoom(`reactions-${key}`, {
    user: people.me,
    emojis,
    repeat: counts && reacting(counts),
    ...extra,
  });
}

function player(server: string, args: Args) {
  return html`<div
    style="position: relative; max-width: 36rem; height: 22rem; display: flex;
      flex-direction: column; justify-content: flex-end; padding: 0.8rem; border-radius: 8px;
      background: linear-gradient(160deg, #1d2433, #3a2f4f);
      --hubbub-reactions-overlay-height: ${args.overlayHeight}; --hubbub-color-text: #f2f4f8;
      --hubbub-color-surface: rgb(255 255 255 / 0.14); --hubbub-color-bg: #1d2433;
      --hubbub-color-muted: #c3c9d6; --hubbub-color-danger: #ffb4ab; --hubbub-color-accent: #9ec2ff;
      --hubbub-color-on-accent: #10131a; --hubbub-color-border: #566078; --hubbub-color-warning: #5a4712"
  >
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <live-reactions
        max-floating=${args.maxFloating}
        ?reduced-motion=${args.reducedMotion}
      ></live-reactions>
    </live-room>
  </div>`;
}

const meta: Meta<Args> = {
  title: 'Widgets/live-reactions',
  component: 'live-reactions',
  args: { room: 'demo', maxFloating: 40, reducedMotion: false, overlayHeight: '18rem' },
  argTypes: {
    room: { control: 'text' },
    maxFloating: { control: { type: 'number', min: 0 } },
    reducedMotion: { control: 'boolean' },
    overlayHeight: { control: 'text' },
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Idle: Story = {
  render: (args) => player(room('idle'), args),
};

export const SmallBurst: Story = {
  render: (args) => player(room('small', smallBurst), args),
};

/** Thousands at once: each burst draws about ln(count) emojis, never more than max-floating. */
export const HugeBurst: Story = {
  render: (args) => player(room('huge', hugeBurst), args),
};

/** What `prefers-reduced-motion: reduce` shows, forced with the `reduced-motion` attribute. */
export const ReducedMotion: Story = {
  args: { reducedMotion: true },
  render: (args) => player(room('reduced', smallBurst), args),
};

/** A host edits the room's emojis; a set with a duplicate is refused before it is sent. */
export const HostView: Story = {
  render: (args) => player(room('host', undefined, { user: people.host }), args),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-reactions');
    const root = element.shadowRoot!;
    root.querySelector<HTMLButtonElement>('[part~="edit"]')!.click();
    await element.updateComplete;
    const input = root.querySelector<HTMLInputElement>('[part~="editor-input"]')!;
    input.value = '🎉, 🚀, 🎉';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await element.updateComplete;
    root.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
    await element.updateComplete;
  },
};

export const Offline: Story = {
  beforeEach: goOffline,
  render: (args) => player(room('offline', undefined, { dropAfterMs: 300 }), args),
};

/** A real relay (see `liveRelay`). */
export const LiveRelay: Story = {
  ...liveRelay('storybook-reactions'),
  render: (args) => player(args.server ?? '', args),
};
