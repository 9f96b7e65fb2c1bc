/**
 * A token that does not grant the room: the widget says so in place of its content (not
 * "Loading…" for ever) and fires `live-error` with the relay's code, for the app to act on.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import {
  defineElements,
  type LiveChat,
  type LiveErrorEvent,
  type LiveHostConsole,
  type LiveQa,
} from '../../src/index.js';
import { input, pageRelay, shadow, textOf, uniqueRoom, waitForText } from './chat-helpers.js';
import { rootOf, textIn, waitForTextIn } from './room-helpers.js';

defineElements();

describe('a token that does not grant the room', () => {
  const { relay, as } = pageRelay();

  it('shows "You don\'t have access to this room." and fires live-error', async () => {
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(
      html`<live-room server=${as('dee')} room=${room} .token=${relay.tokens.dee}></live-room>`,
    );
    const errored = oneEvent(page, 'live-error') as Promise<LiveErrorEvent>;
    page.innerHTML = '<live-chat></live-chat><live-qa></live-qa>';
    const chat = page.querySelector<LiveChat>('live-chat')!;
    const event = await errored;
    expect(event.detail.code).to.equal('forbidden');
    expect(event.composed).to.equal(true);

    await waitForText(chat, "You don't have access to this room.");
    expect(textOf(chat)).not.to.include('Loading');
    expect(shadow(chat).querySelector('[part~="refused"]')!.getAttribute('role')).to.equal('alert');
    expect(input(chat).disabled).to.equal(true);
    const qa = page.querySelector<LiveQa>('live-qa')!;
    await waitForText(qa as unknown as LiveChat, "You don't have access to this room.");
  });

  it("says so in the host console's panels, the review queue too, to a moderator", async () => {
    const page = await fixture<HTMLElement>(
      html`<live-room server=${as('moe')} room=${uniqueRoom()} .token=${relay.tokens.moe}>
        <live-host-console tabs="review polls"></live-host-console>
      </live-room>`,
    );
    const hostView = page.querySelector<LiveHostConsole>('live-host-console')!;
    await waitUntil(() => rootOf(hostView).querySelector('live-review-queue'), 'no Review tab');
    const queue = rootOf(hostView).querySelector('live-review-queue')!;
    await waitForTextIn(queue, "You don't have access to this room.");
    expect(textIn(queue)).not.to.include('This identity');
  });
});
