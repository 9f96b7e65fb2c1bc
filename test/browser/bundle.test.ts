/**
 * The script-tag bundle (`dist/hubbub.js`, built by `npm run build`) in a page of its own: it
 * defines every element, loading it twice is harmless, and a widget from one copy still finds the
 * `<live-room>` of another.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { loaded, messageTexts, relayInfo, uniqueRoom, waitForMessage } from './chat-helpers.js';

type Kit = typeof import('../../src/index.js');
const load = (url: string) => import(/* @vite-ignore */ url) as Promise<Kit>;

describe('dist/hubbub.js', () => {
  let first: Kit;
  let second: Kit;

  before(async () => {
    const response = await fetch('/dist/hubbub.js', { method: 'HEAD' });
    if (!response.ok) throw new Error('dist/hubbub.js is missing: run `npm run build` first');
    first = await load('/dist/hubbub.js');
    second = await load('/dist/hubbub.js?copy=2');
  });

  it('defines every element once, whatever the number of copies', () => {
    expect(customElements.get('live-room')).to.equal(first.LiveRoom);
    expect(customElements.get('live-chat')).to.equal(first.LiveChat);
    expect(second.LiveChat).not.to.equal(first.LiveChat);
  });

  it('runs a chat against the relay', async () => {
    const relay = await relayInfo();
    const room = uniqueRoom();
    const url = `${relay.url}?as=bundle-${room}`;
    customElements.define('copy-two-chat', second.LiveChat);
    const tag = unsafeStatic('copy-two-chat');
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-room server=${url} room=${room} token=${relay.tokens.ana}>
          <live-chat></live-chat>
          ${staticHtml`<${tag}></${tag}>`}
        </live-room>
      </div>`,
    );
    const chat = page.querySelector('live-chat')!;
    const copy = page.querySelector('copy-two-chat') as InstanceType<Kit['LiveChat']>;
    await loaded(chat, copy);
    // The second copy's widget got the first copy's room (and so its connection).
    expect(copy.store!.channel).to.equal(`${room}/chat`);
    await chat.store!.send('from the bundle');
    await waitForMessage(copy, 'from the bundle');
    expect(messageTexts(chat)).to.deep.equal(['from the bundle']);
  });
});
