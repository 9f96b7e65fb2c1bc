/**
 * Every widget of a `<live-room>` when the relay closes the room to its viewer, in a real browser
 * against a real relay (started by web-test-runner.config.mjs).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  getConnection,
  releaseConnection,
  type LiveRoom,
  type PresenceBar,
} from '../../src/index.js';
import {
  census,
  installWebSocketCensus,
  relayInfo,
  uniqueRoom,
  type RelayInfo,
} from './chat-helpers.js';
import { part, waitForTextIn, widgetsLoaded } from './room-helpers.js';

installWebSocketCensus();
let relay: RelayInfo;
before(async () => {
  relay = await relayInfo();
});

/** Who the page's connection to `url` is signed in as. */
const userOf = (url: string) => getConnection(url).$user.get();

describe('<live-room>', () => {
  it('has every widget say why when the room becomes signed-in only', async () => {
    const room = uniqueRoom();
    const guestRoom = await fixture<LiveRoom>(
      html`<live-room server="${relay.url}?as=guest-${room}" room=${room} anon-name="Gus">
        <live-chat></live-chat>
        <presence-bar></presence-bar>
        <live-poll></live-poll>
        <live-qa></live-qa>
        <live-quiz></live-quiz>
        <live-leaderboard></live-leaderboard>
        <live-reactions></live-reactions>
      </live-room>`,
    );
    const widgets = [...guestRoom.children] as Array<
      HTMLElement & { updateComplete: Promise<boolean> }
    >;
    await widgetsLoaded(...widgets);

    const host = getConnection(`${relay.url}?as=host-${room}`, { token: relay.tokens.host });
    try {
      await host.op(`${room}/chat`, 'settings', { signedInOnly: true });
    } finally {
      releaseConnection(host);
    }
    for (const widget of widgets) {
      await waitForTextIn(widget, 'This room is for signed-in users only');
      const refused = part(widget, 'refused');
      expect(refused, widget.localName).not.to.equal(null);
      expect(refused!.getAttribute('role')).to.equal('alert');
    }
    const buttons = [...part(widgets.at(-1)!, 'buttons')!.querySelectorAll('button')];
    expect(buttons.every((button) => button.getAttribute('aria-disabled') === 'true')).to.equal(
      true,
    );
  });

  it('signs out when the token attribute is removed: the widgets go on as an anonymous viewer', async () => {
    const room = uniqueRoom();
    const roomUrl = `${relay.url}?as=signout-room-${room}`;
    const ownUrl = `${relay.url}?as=signout-own-${room}`;
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-room server=${roomUrl} room=${room} token=${relay.tokens.ana} anon-name="Gus">
          <presence-bar></presence-bar>
        </live-room>
        <presence-bar server=${ownUrl} room=${room} token=${relay.tokens.bo} anon-name="Cy">
        </presence-bar>
      </div>`,
    );
    const liveRoom = page.querySelector<LiveRoom>('live-room')!;
    const bars = [...page.querySelectorAll<PresenceBar>('presence-bar')];
    await widgetsLoaded(...bars);
    expect([userOf(roomUrl)?.name, userOf(ownUrl)?.name]).to.deep.equal(['Ana', 'Bo']);

    // A page signs its viewer out the way it signed them in: through the attribute.
    liveRoom.removeAttribute('token');
    bars[1]!.removeAttribute('token');
    await waitUntil(
      () => userOf(roomUrl)?.name === 'Gus' && userOf(ownUrl)?.name === 'Cy',
      `still ${userOf(roomUrl)?.name} and ${userOf(ownUrl)?.name}`,
      { timeout: 10_000 },
    );
    expect(userOf(roomUrl)!.id).to.match(/^anon-/);
    expect(userOf(ownUrl)!.id).to.match(/^anon-/);
    await waitUntil(
      () => bars.every((bar) => bar.store?.$members.get().some((m) => m.name === 'Cy')),
      'the anonymous viewer never entered',
      { timeout: 10_000 },
    );
  });

  it('keeps the socket of a signed-in viewer when anon-name changes: the name waits for sign-out', async () => {
    const room = uniqueRoom();
    const url = `${relay.url}?as=signed-rename-${room}`;
    const socketsOfUrl = () => census.sockets.filter((socket) => socket.url === new URL(url).href);
    // A socket of its own, so that every socket of the connection is one the page made.
    const liveRoom = await fixture<LiveRoom>(
      html`<live-room
        server=${url}
        room=${room}
        token=${relay.tokens.ana}
        anon-name="Gus"
        own-socket
      >
        <presence-bar></presence-bar>
      </live-room>`,
    );
    await widgetsLoaded(liveRoom.querySelector<PresenceBar>('presence-bar')!);
    const [socket, ...more] = socketsOfUrl();
    expect(more).to.have.length(0);

    // Signed in, the token names the viewer: a new anonymous name changes nothing on the wire.
    liveRoom.setAttribute('anon-name', 'Gil');
    await liveRoom.updateComplete;
    expect(socketsOfUrl()).to.deep.equal([socket]);
    expect(socket!.readyState).to.equal(WebSocket.OPEN);
    expect(userOf(url)?.name).to.equal('Ana');

    // The next anonymous hello carries it.
    liveRoom.removeAttribute('token');
    await waitUntil(() => userOf(url)?.name === 'Gil', `still ${userOf(url)?.name}`, {
      timeout: 10_000,
    });
    expect(userOf(url)!.id).to.match(/^anon-/);
  });
});
