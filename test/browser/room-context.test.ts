/**
 * How widgets find their room: the context protocol (`context-request`, `context-provider`) that
 * `<live-room>` speaks, with rooms defined late and with `@lit/context` on the other side (another
 * copy of the kit, or an app's own provider), in a real browser against a real relay.
 */
import { ContextConsumer, ContextProvider } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LiveRoom, getConnection, releaseConnection, roomContext } from '../../src/index.js';
import type { LiveChat, RoomContext } from '../../src/index.js';
import { relayInfo, uniqueRoom, type RelayInfo } from './chat-helpers.js';

let relay: RelayInfo;
before(async () => {
  relay = await relayInfo();
});

let defined = 0;
/** A `<live-room>` under a new name, defined only when the test says so. */
function lateRoom(): { tag: string; define: () => void } {
  const tag = `late-room-${++defined}`;
  return { tag, define: () => customElements.define(tag, class extends LiveRoom {}) };
}

/** The room of the chat's store (`ROOM/chat`), once it has one. */
async function chatRoomOf(chat: LiveChat): Promise<string> {
  await waitUntil(() => chat.store, 'the chat never got a room', { timeout: 10_000 });
  return chat.store!.channel.replace(/\/chat$/, '');
}

/** An element that provides a room through `@lit/context`, as another copy of the kit would. */
class LitContextRoom extends LitElement {
  provider = new ContextProvider(this, { context: roomContext });
  override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('lit-context-room', LitContextRoom);

/** An element that reads the room through `@lit/context`. */
class LitContextReader extends LitElement {
  consumer = new ContextConsumer(this, { context: roomContext, subscribe: true });
}
customElements.define('lit-context-reader', LitContextReader);

describe('room context', () => {
  it('gives a widget upgraded before its room the room once the room is defined', async () => {
    const room = uniqueRoom();
    const late = lateRoom();
    const wrapper = await fixture<HTMLElement>(
      `<div><${late.tag} server="${relay.url}" room="${room}"><live-chat></live-chat></${late.tag}></div>`,
    );
    const chat = wrapper.querySelector('live-chat') as LiveChat;
    await chat.updateComplete;
    expect(chat.store).to.equal(undefined);
    late.define();
    expect(await chatRoomOf(chat)).to.equal(room);
  });

  it('hands a widget over to a room that is defined between it and its outer room', async () => {
    const outer = uniqueRoom();
    const inner = uniqueRoom();
    const late = lateRoom();
    const wrapper = await fixture<HTMLElement>(
      `<live-room server="${relay.url}" room="${outer}"><${late.tag} server="${relay.url}" room="${inner}"><live-chat></live-chat></${late.tag}></live-room>`,
    );
    const chat = wrapper.querySelector('live-chat') as LiveChat;
    expect(await chatRoomOf(chat)).to.equal(outer);
    late.define();
    await waitUntil(
      () => chat.store?.channel === `${inner}/chat`,
      'the inner room never took over',
    );
  });

  it('gives a widget the room of a @lit/context provider (another copy of the kit)', async () => {
    const room = uniqueRoom();
    const provider = await fixture<LitContextRoom>(
      html`<lit-context-room><live-chat></live-chat></lit-context-room>`,
    );
    const connection = getConnection(relay.url);
    try {
      provider.provider.setValue({ connection, room });
      const chat = provider.querySelector('live-chat') as LiveChat;
      expect(await chatRoomOf(chat)).to.equal(room);
    } finally {
      releaseConnection(connection);
    }
  });

  it('answers a @lit/context consumer inside <live-room>, and again when the room changes', async () => {
    const first = uniqueRoom();
    const liveRoom = await fixture<LiveRoom>(
      html`<live-room server=${relay.url} room=${first}
        ><lit-context-reader></lit-context-reader
      ></live-room>`,
    );
    const reader = liveRoom.querySelector('lit-context-reader') as LitContextReader;
    const roomOf = () => (reader.consumer.value as RoomContext | undefined)?.room;
    await waitUntil(() => roomOf() === first, 'the consumer never got the room');
    expect(reader.consumer.value?.connection).to.equal(liveRoom.connection);
    const second = uniqueRoom();
    liveRoom.room = second;
    await waitUntil(() => roomOf() === second, 'the consumer never heard of the new room');
  });
});
