/**
 * The example apps (`examples/react`, `examples/vue`, built by `npm run build:examples` against
 * the local `hubbub` package) in a frame of their own: the app gets its token and sets it as a
 * property, a viewer sends a chat message through the app's `<live-chat>`, the app's typed
 * `live-message-send` handler sees it, and another viewer of the room receives it from the relay.
 * The kit's chunks that only the app's bundler made (the locale bundles, the tab-sharing link,
 * the chat's staff parts) load and work there too.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { defineElements, type LiveChat } from '../../src/index.js';
import {
  fill,
  loaded,
  messageElement,
  relayInfo,
  sendButton,
  uniqueRoom,
  waitForMessage,
  type RelayInfo,
} from './chat-helpers.js';

defineElements();

/** The relay of the tab-sharing tests, whose open sockets the test server counts. */
interface TabsRelay {
  url: string;
}
const connections = () => executeServerCommand<number, undefined>('tabs-relay-connections');

/**
 * Loads a built example app in a same-origin frame and resolves with it: Bo (or `token`'s user)
 * on `server` (a URL of the main relay of its own by default).
 */
async function openApp(
  path: string,
  relay: RelayInfo,
  room: string,
  { server = `${relay.url}?as=example-${room}`, token = relay.tokens.bo } = {},
): Promise<HTMLIFrameElement> {
  const response = await fetch(path, { method: 'HEAD' });
  if (!response.ok) throw new Error(`${path} is missing: run \`npm run build:examples\` first`);
  // Where the app's stand-in backend finds the viewer's token (examples/*/src/token.ts).
  sessionStorage.setItem('hubbub-token', token);
  const frame = document.createElement('iframe');
  frame.src = `${path}?server=${encodeURIComponent(server)}&room=${encodeURIComponent(room)}`;
  frame.style.width = '600px';
  frame.style.height = '600px';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

for (const name of ['react', 'vue']) {
  describe(`examples/${name}`, () => {
    let relay: RelayInfo;
    let frame: HTMLIFrameElement | undefined;

    before(async () => {
      relay = await relayInfo();
    });
    afterEach(() => {
      frame?.remove();
      sessionStorage.removeItem('hubbub-token');
    });

    /** The app in a frame for `room`, once it rendered its `<live-chat>`. */
    async function openChat(room: string): Promise<{ app: Document; chat: LiveChat }> {
      frame = await openApp(`/examples/${name}/dist/index.html`, relay, room);
      const app = frame.contentDocument!;
      await waitUntil(() => app.querySelector('live-chat'), 'the app rendered no <live-chat>', {
        timeout: 10_000,
      });
      return { app, chat: app.querySelector('live-chat') as unknown as LiveChat };
    }

    it('sends a chat message through the app, with the token set as a property', async () => {
      const room = uniqueRoom();
      const { app, chat } = await openChat(room);
      const liveRoom = app.querySelector('live-room') as unknown as { token?: string };
      expect(liveRoom.token).to.equal(relay.tokens.bo);
      expect(app.querySelector('live-room')!.hasAttribute('token')).to.equal(false);

      const other = await fixture<LiveChat>(
        html`<live-chat
          server=${`${relay.url}?as=example-other-${room}`}
          room=${room}
          token=${relay.tokens.ana}
        ></live-chat>`,
      );
      await loaded(chat, other);
      await fill(chat, `hello from ${name}`);
      sendButton(chat).click();

      await waitForMessage(other, `hello from ${name}`);
      await waitUntil(
        () => app.querySelector('#sent')?.textContent?.includes('Sent from this app: 1'),
        "the app's live-message-send handler did not run",
      );
      // The message is signed by the token's user, not anonymous.
      expect(other.store!.$messages.get().at(-1)!.user.name).to.equal('Bo');
    });

    it("speaks the page's language: the app's bundler found the kit's German bundle", async () => {
      const { app, chat } = await openChat(uniqueRoom());
      await loaded(chat);
      expect(sendButton(chat).textContent!.trim()).to.equal('Send');
      app.documentElement.lang = 'de';
      await waitUntil(
        () => sendButton(chat).textContent!.trim() === 'Senden',
        `the send button still says "${sendButton(chat).textContent!.trim()}" with lang="de"`,
        { timeout: 5_000 },
      );
    });

    it("shares one socket between two frames of the app; a host's chat loads its staff parts", async () => {
      const tabs = (await executeServerCommand<TabsRelay, undefined>('tabs-relay'))!;
      const room = uniqueRoom();
      const options = { server: `${tabs.url}?tabs=${room}`, token: relay.tokens.host };
      const frames = [
        await openApp(`/examples/${name}/dist/index.html`, relay, room, options),
        await openApp(`/examples/${name}/dist/index.html`, relay, room, options),
      ];
      let viewer: LiveChat | undefined;
      try {
        const chats = frames.map((each) => {
          const app = each.contentDocument!;
          return () => app.querySelector('live-chat') as unknown as LiveChat | null;
        });
        await waitUntil(() => chats.every((chat) => chat()), 'an app rendered no <live-chat>', {
          timeout: 10_000,
        });
        await loaded(...chats.map((chat) => chat()!));
        expect(await connections()).to.equal(1);

        viewer = await fixture<LiveChat>(
          html`<live-chat server=${tabs.url} room=${room} token=${relay.tokens.ana}></live-chat>`,
        );
        await loaded(viewer);
        await viewer.store!.send('moderate me');
        for (const chat of chats) {
          await waitUntil(
            () => messageElement(chat()!, 'moderate me')?.querySelector('[data-action="ban"]'),
            "the host's chat never showed the moderation buttons",
            { timeout: 10_000 },
          );
        }
        expect(chats[0]()!.shadowRoot!.querySelector('[part~="slow-mode"]')).not.to.equal(null);
      } finally {
        // The tab-sharing tests count this relay's sockets from none.
        for (const each of [...frames, viewer]) each?.remove();
        await waitUntil(async () => (await connections()) === 0, 'every socket closed', {
          timeout: 10_000,
        });
      }
    });
  });
}
