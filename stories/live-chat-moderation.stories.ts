/**
 * `<live-chat-moderation>` in every state, against the relay's chat feature running in the page
 * (support/loopback-relay.ts), which cleans and stores blocked terms itself.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { LiveChatModeration } from '../src/elements/live-chat-moderation.js';
import { people } from './support/chat-fixtures.js';
import { bans, blockedTerms, hostRoom } from './support/host-fixtures.js';
import { until } from './support/play.js';
import { room, type Room } from './support/room.js';

interface Args {
  room: string;
}

function moderation(key: string, spec: Room, args: Args) {
  return html`<div style="max-width: 28rem">
    <live-room server=${room(`host-moderation-${key}`, spec)} room=${args.room}>
      <live-chat-moderation></live-chat-moderation>
    </live-room>
  </div>`;
}

/** The element once it shows a host's controls. */
async function moderationIn(root: HTMLElement): Promise<LiveChatModeration> {
  const element = root.querySelector('live-chat-moderation');
  if (!element) throw new Error('no <live-chat-moderation> in the story');
  await until(() => element.shadowRoot?.querySelector('[part~="terms-form"]') != null);
  return element;
}

/** Types the terms and presses Save, as a user would. */
async function saveTerms(element: LiveChatModeration, text: string) {
  const field = element.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~="terms-input"]')!;
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
  element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="save"]')!.click();
  await element.updateComplete;
}

const meta: Meta<Args> = {
  title: 'Widgets/live-chat-moderation',
  component: 'live-chat-moderation',
  args: { room: 'demo' },
  argTypes: { room: { control: 'text' } },
};
export default meta;

type Story = StoryObj<Args>;

export const Empty: Story = {
  render: (args) => moderation('empty', hostRoom(people.host), args),
};

export const Terms: Story = {
  render: (args) =>
    moderation('terms', hostRoom(people.host, { blockedTerms, slowModeSeconds: 30 }), args),
};

export const Bans: Story = {
  render: (args) =>
    moderation('bans', hostRoom(people.host, { bans: bans(), messageCount: 12 }), args),
};

/** The host saves new terms; the relay's cleaned list replaces the field. */
export const Saved: Story = {
  render: (args) => moderation('saved', hostRoom(people.host), args),
  play: async ({ canvasElement }) => {
    const element = await moderationIn(canvasElement);
    await saveTerms(element, '  Spoiler\nSPAM, spam ,');
  },
};

/** A term longer than the relay allows is refused before sending. */
export const TermTooLong: Story = {
  render: (args) => moderation('too-long', hostRoom(people.host), args),
  play: async ({ canvasElement }) => {
    const element = await moderationIn(canvasElement);
    await saveTerms(element, `fine\n${'a'.repeat(41)}`);
  },
};

/** The relay refuses the change (here: the token lost its host role). */
export const Refused: Story = {
  render: (args) =>
    moderation(
      'refused',
      {
        ...hostRoom(people.host, { blockedTerms }),
        ops: () => ({ code: 'forbidden', message: 'only hosts and moderators may do this' }),
      },
      args,
    ),
  play: async ({ canvasElement }) => {
    const element = await moderationIn(canvasElement);
    await saveTerms(element, 'anything');
  },
};

export const NonHost: Story = {
  render: (args) => moderation('non-host', hostRoom(people.me), args),
};
