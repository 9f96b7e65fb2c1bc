/**
 * `<live-chat-moderation>` in every state, against the relay's chat feature running in the page
 * (support/loopback-relay.ts), which cleans and stores blocked terms itself.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { LiveChatModeration } from '../src/elements/live-chat-moderation/live-chat-moderation.js';
import { people } from './support/chat-fixtures.js';
import { bans, blockedTerms, hostRoom } from './support/host-fixtures.js';
import { shows, widgetIn } from './support/play.js';
import { room, type Room } from './support/room.js';

interface Args {
  room: string;
}

function moderation(server: string, args: Args) {
  return html`<div style="max-width: 28rem">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <live-chat-moderation></live-chat-moderation>
    </live-room>
  </div>`;
}

const story = (key: string, spec: Room) => (args: Args) =>
  moderation(room(`host-moderation-${key}`, spec), args);

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
  render: story('empty', hostRoom(people.host)),
};

export const Terms: Story = {
  render: story('terms', hostRoom(people.host, { blockedTerms, slowModeSeconds: 30 })),
};

export const Bans: Story = {
  render: story('bans', hostRoom(people.host, { bans: bans(), messageCount: 12 })),
};

/** The host saves new terms; the relay's cleaned list replaces the field. */
export const Saved: Story = {
  render: story('saved', hostRoom(people.host)),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(
      canvasElement,
      'live-chat-moderation',
      shows('[part~="terms-form"]'),
    );
    await saveTerms(element, '  Spoiler\nSPAM, spam ,');
  },
};

/** A term longer than the relay allows is refused before sending. */
export const TermTooLong: Story = {
  render: story('too-long', hostRoom(people.host)),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(
      canvasElement,
      'live-chat-moderation',
      shows('[part~="terms-form"]'),
    );
    await saveTerms(element, `fine\n${'a'.repeat(41)}`);
  },
};

/** The relay refuses the change (here: the token lost its host role). */
export const Refused: Story = {
  render: story('refused', {
    ...hostRoom(people.host, { blockedTerms }),
    ops: () => ({ code: 'forbidden', message: 'only hosts and moderators may do this' }),
  }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(
      canvasElement,
      'live-chat-moderation',
      shows('[part~="terms-form"]'),
    );
    await saveTerms(element, 'anything');
  },
};

export const NonHost: Story = {
  render: story('non-host', hostRoom(people.me)),
};

const logAt = (minute: number) => Date.UTC(2025, 0, 15, 18, minute);

/** The moderation log and a hidden user (issue 14): who did what to whom, newest first. */
export const ModerationLog: Story = {
  render: story('log', {
    ...hostRoom(people.host, { messageCount: 12 }),
    chat: {
      ...hostRoom(people.host, { messageCount: 12 }).chat,
      records: {
        [`hidden:${people.dara.id}`]: true,
        'modlog:000000000001': {
          n: 1,
          at: logAt(1),
          by: { id: people.host.id, name: people.host.name },
          action: 'settings',
          settings: { slowModeSeconds: 10, chatDelaySeconds: 5 },
        },
        'modlog:000000000002': {
          n: 2,
          at: logAt(2),
          by: { id: people.mod.id, name: people.mod.name },
          action: 'timeout',
          target: { id: people.bo.id, name: people.bo.name },
          seconds: 600,
          reason: 'Spamming <b>links</b>',
        },
        'modlog:000000000003': {
          n: 3,
          at: logAt(3),
          by: { id: people.host.id, name: people.host.name },
          action: 'hide',
          target: { id: people.dara.id, name: people.dara.name },
        },
        'modlog:000000000004': {
          n: 4,
          at: logAt(4),
          by: { id: people.host.id, name: people.host.name },
          action: 'shield',
          on: true,
          settings: { signedInOnly: true, slowModeSeconds: 10, chatDelaySeconds: 5 },
        },
      },
    },
  }),
};

/** A custom timeout length beyond 14 days is refused before sending (issue 14). */
export const CustomTimeoutTooLong: Story = {
  render: story('custom-timeout', hostRoom(people.host, { messageCount: 12 })),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(
      canvasElement,
      'live-chat-moderation',
      shows('[part~="user-actions"]'),
    );
    const root = element.shadowRoot!;
    const length = root.querySelector<HTMLSelectElement>('[part~="timeout-length"]')!;
    length.value = 'custom';
    length.dispatchEvent(new Event('change'));
    await element.updateComplete;
    root.querySelector<HTMLInputElement>('[part~="timeout-amount"]')!.value = '20';
    const unit = root.querySelector<HTMLSelectElement>('[part~="timeout-unit"]')!;
    unit.value = 'days';
    unit.dispatchEvent(new Event('change'));
    await element.updateComplete;
    root.querySelector<HTMLButtonElement>('[part~="timeout"]')!.click();
    await element.updateComplete;
  },
};

/** The gates set for the room, each visible and changeable. */
export const Gates: Story = {
  render: story(
    'gates',
    hostRoom(people.host, {
      settings: { slowModeSeconds: 0, emoteOnly: true, links: 'staff', minAccountAgeMinutes: 1440 },
    }),
  ),
};

/** The shield is up: the toggle pressed, and the preset's gates in force. */
export const ShieldUp: Story = {
  render: story(
    'shield-up',
    hostRoom(people.host, {
      settings: {
        slowModeSeconds: 10,
        signedInOnly: true,
        firstChatDelaySeconds: 300,
        links: 'staff',
        shield: true,
      },
    }),
  ),
};

/** The host raises the shield with the toggle. */
export const RaiseShield: Story = {
  render: story('raise-shield', hostRoom(people.host)),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(
      canvasElement,
      'live-chat-moderation',
      shows('[part~="shield"]'),
    );
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="shield"]')!.click();
    await element.updateComplete;
  },
};
