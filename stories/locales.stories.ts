/**
 * `<live-chat>` in each language that has bundles (src/locales/), the texts chosen by `lang` on
 * the story's wrapper as a page would set it; Arabic right to left. Any other
 * story can be seen in any language with the toolbar's Language switch.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { messages, people } from './support/chat-fixtures.js';
import { room } from './support/room.js';

interface Args {
  lang: string;
}

const meta: Meta<Args> = {
  title: 'Locales/Chat',
  component: 'live-chat',
  render: ({ lang }) =>
    html`<div
      lang=${lang}
      dir=${lang === 'ar' ? 'rtl' : nothing}
      style="max-width: 28rem; --hubbub-chat-height: 22rem"
    >
      <live-room
        server=${room(`locale-${lang}`, { user: people.me, chat: { messages: messages(6) } })}
        room="demo"
        anon-name="Storybook viewer"
      >
        <live-chat></live-chat>
      </live-room>
    </div>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Spanish: Story = { args: { lang: 'es' } };
export const German: Story = { args: { lang: 'de' } };
export const French: Story = { args: { lang: 'fr' } };
export const Japanese: Story = { args: { lang: 'ja' } };
/** Right to left, as the page says with `dir` (the story frame sets one on every story). */
export const Arabic: Story = { args: { lang: 'ar' } };
