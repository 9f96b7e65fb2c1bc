/**
 * `<live-poll-editor>` in every state, against the relay's poll feature running in the page
 * (support/loopback-relay.ts): `create`, `open` and `close` are the relay's own.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { people } from './support/chat-fixtures.js';
import { shows, widgetIn } from './support/play.js';
import * as fixtures from './support/poll-fixtures.js';
import { pollRoom, type PollRoom } from './support/poll-fixtures.js';
import * as kinds from './support/poll-kinds-fixtures.js';
import { kindRoom, type KindRoom } from './support/poll-kinds-fixtures.js';

interface Args {
  room: string;
}

function editor(server: string, args: Args) {
  return html`<div style="max-width: 32rem">
    <live-room server=${server} room=${args.room} anon-name="Storybook viewer">
      <live-poll-editor></live-poll-editor>
    </live-room>
  </div>`;
}

const story = (key: string, room: PollRoom) => (args: Args) =>
  editor(pollRoom(`editor-${key}`, room), args);

const kindStory = (key: string, room: KindRoom) => (args: Args) =>
  editor(kindRoom(`editor-${key}`, room), args);

/** Types into a field of the editor as a user would (one input event). */
function type(field: HTMLInputElement | HTMLTextAreaElement, text: string) {
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

const meta: Meta<Args> = {
  title: 'Widgets/live-poll-editor',
  component: 'live-poll-editor',
  args: { room: 'demo' },
  argTypes: { room: { control: 'text' } },
};
export default meta;

type Story = StoryObj<Args>;

export const Empty: Story = {
  render: story('empty', { user: people.host, polls: [] }),
};

export const WithPolls: Story = {
  render: story('with-polls', {
    user: people.host,
    polls: [fixtures.closed, fixtures.single, fixtures.hidden, fixtures.wordcloud, fixtures.draft],
  }),
};

export const ValidationErrors: Story = {
  render: story('validation', { user: people.host, polls: [] }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-poll-editor', shows('[part~="form"]'));
    const root = element.shadowRoot!;
    const options = root.querySelectorAll<HTMLInputElement>('[part~="option-input"]');
    type(options[0], 'A'.repeat(101));
    await element.updateComplete;
    root.querySelector<HTMLButtonElement>('[part~="create"]')!.click();
    await element.updateComplete;
  },
};

export const WordCloudForm: Story = {
  render: story('wordcloud-form', { user: people.host, polls: [] }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-poll-editor', shows('[part~="form"]'));
    const root = element.shadowRoot!;
    type(root.querySelector('textarea')!, 'Describe this stream in one word');
    const kind = root.querySelector<HTMLSelectElement>('[part~="kind"]')!;
    kind.value = 'wordcloud';
    kind.dispatchEvent(new Event('change'));
    await element.updateComplete;
    type(root.querySelector('[part~="blocked-terms"]')!, 'boring\nspam');
    await element.updateComplete;
  },
};

/**
 * Open-text answers with Hide buttons, a reviewed poll saying how many answers wait in the
 * Review queue (decided there, not here), a ranking.
 */
export const OpenTextAndRanking: Story = {
  render: kindStory('kinds', {
    user: people.host,
    polls: [kinds.ranking, kinds.openTextAnswers, kinds.openTextReview],
  }),
};

export const OpenTextForm: Story = {
  render: story('opentext-form', { user: people.host, polls: [] }),
  play: async ({ canvasElement }) => {
    const element = await widgetIn(canvasElement, 'live-poll-editor', shows('[part~="form"]'));
    const root = element.shadowRoot!;
    type(root.querySelector('textarea')!, 'Questions for the panel?');
    const kind = root.querySelector<HTMLSelectElement>('[part~="kind"]')!;
    kind.value = 'opentext';
    kind.dispatchEvent(new Event('change'));
    await element.updateComplete;
    type(root.querySelector('[part~="max-answers"]')!, '2');
    root.querySelector<HTMLInputElement>('[part~="review"]')!.click();
    await element.updateComplete;
  },
};

export const NonHost: Story = {
  render: story('non-host', { user: people.me, polls: [fixtures.single] }),
};
