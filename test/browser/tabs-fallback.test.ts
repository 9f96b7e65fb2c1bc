/**
 * Tab sharing whose chunk cannot load (a redeploy removed the chunks a page was built with, or
 * the network failed it): the page connects on a socket of its own, as where tabs cannot share
 * one, instead of retrying the chunk for ever with the chat stuck on "Connecting…".
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { defineElements, type LiveChat } from '../../src/index.js';
import { fill, loaded, sendButton, uniqueRoom, waitForMessage } from './chat-helpers.js';

defineElements();

interface TabsRelay {
  url: string;
  tokens: { ana: string; bo: string };
}

const connections = () => executeServerCommand<number, undefined>('tabs-relay-connections');

describe('tab sharing whose chunk cannot load', () => {
  after(async () => {
    await executeServerCommand('tab-link', { down: false });
  });

  it('connects on a socket of its own, and chats', async () => {
    await executeServerCommand('tab-link', { down: true });
    const relay = await executeServerCommand<TabsRelay, undefined>('tabs-relay');
    const before = await connections();
    const room = uniqueRoom();
    const chat = await fixture<LiveChat>(
      html`<live-chat server=${relay.url} room=${room} token=${relay.tokens.ana}></live-chat>`,
    );
    await loaded(chat);
    await fill(chat, 'on a socket of my own');
    sendButton(chat).click();
    await waitForMessage(chat, 'on a socket of my own');
    expect(await connections()).to.equal(before + 1);
    // Leaves no socket behind for the tab-sharing tests, which count the relay's.
    chat.remove();
    await waitUntil(async () => (await connections()) === before, 'the socket closed', {
      timeout: 5_000,
    });
  });
});
