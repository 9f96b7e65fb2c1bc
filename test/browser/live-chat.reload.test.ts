/**
 * A message sent offline survives a reload (issue 12, item 2), in a real browser against a real
 * relay: the viewer's page runs in a frame (pages/reload-frame.html) that the test reloads while
 * the `flaky` relay is down; the outbox lives in Chromium's IndexedDB.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { pageRelay, uniqueRoom } from './chat-helpers.js';
import type { ReloadFrame } from './pages/reload-frame.js';
import { textIn } from './room-helpers.js';

const { relay, as } = pageRelay();

/** A frame holding the viewer's page; `page()` is its current page (a new one after a reload). */
async function viewerFrame(server: string, room: string, storage: 'ok' | 'broken' = 'ok') {
  const frame = document.createElement('iframe');
  const query = new URLSearchParams({ server, room, storage });
  frame.src = new URL(`./pages/reload-frame.html?${query}`, import.meta.url).href;
  document.body.append(frame);
  const page = () =>
    (frame.contentWindow as (Window & { reloadFrame?: ReloadFrame }) | null)?.reloadFrame;
  await waitUntil(() => page()?.chat.store?.$loaded.get(), 'the viewer page never loaded', {
    timeout: 10_000,
  });
  return {
    frame,
    page: () => page()!,
    async reload() {
      const old = page();
      frame.contentWindow!.location.reload();
      await waitUntil(() => page() && page() !== old, 'the page never came back', {
        timeout: 10_000,
      });
    },
    remove: () => frame.remove(),
  };
}

/** The texts of the chat's delivered messages. */
function delivered(frame: ReloadFrame): string[] {
  return (frame.chat.store?.$messages.get() ?? []).map((message) => message.text);
}

describe('<live-chat> across a reload', () => {
  it('keeps a message sent offline, shows it pending after the reload, and delivers it once', async () => {
    const room = uniqueRoom();
    const viewer = await viewerFrame(as('reload', relay.flakyUrl), room);
    try {
      await executeServerCommand('relay-stop');
      try {
        await waitUntil(() => viewer.page().connection.$status.get() === 'reconnecting');
        viewer
          .page()
          .chat.store!.send('sent before the reload')
          .catch(() => {});
        await viewer.page().connection.stored();
        expect(viewer.page().unloadListeners).to.equal(0, 'no beforeunload: IndexedDB holds it');

        await viewer.reload();
        const page = viewer.page();
        await waitUntil(
          () => page.chat.store?.$pending.get().some((m) => m.text === 'sent before the reload'),
          'the reloaded page does not show the message pending',
        );
        expect(page.chat.store!.$pending.get()).to.deep.include({
          mid: page.connection.$restored.get()[0]!.mid,
          text: 'sent before the reload',
          status: 'sending',
        });
        await waitUntil(() => textIn(page.chat).includes('sent before the reload'));
        expect(page.unloadListeners).to.equal(0);
      } finally {
        await executeServerCommand('relay-start');
      }
      const page = viewer.page();
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => delivered(page).includes('sent before the reload'), 'never delivered', {
        timeout: 15_000,
      });
      await waitUntil(() => page.chat.store!.$pending.get().length === 0, 'still pending');
      expect(delivered(page).filter((text) => text === 'sent before the reload')).to.have.length(1);

      // A later page finds nothing left to send.
      await page.connection.stored();
      await viewer.reload();
      await waitUntil(() => viewer.page().chat.store?.$loaded.get(), 'not loaded after reload', {
        timeout: 10_000,
      });
      await viewer.page().connection.stored();
      expect(viewer.page().connection.$restored.get()).to.deep.equal([]);
      expect(delivered(viewer.page()).filter((t) => t === 'sent before the reload')).to.have.length(
        1,
      );
    } finally {
      viewer.remove();
    }
  });

  it('warns before unloading while a message is pending only when IndexedDB is unavailable', async () => {
    const room = uniqueRoom();
    const viewer = await viewerFrame(as('private', relay.flakyUrl), room, 'broken');
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      viewer.frame.contentWindow!.dispatchEvent(event);
      return event.defaultPrevented;
    };
    try {
      expect(viewer.page().unloadListeners).to.equal(0);
      await executeServerCommand('relay-stop');
      let sent: Promise<unknown>;
      try {
        await waitUntil(() => viewer.page().connection.$status.get() === 'reconnecting');
        sent = viewer.page().chat.store!.send('only in memory');
        await viewer.page().connection.stored();
        expect(viewer.page().unloadListeners).to.equal(1);
        expect(unload()).to.equal(true, 'the page warns');
      } finally {
        await executeServerCommand('relay-start');
      }
      viewer.frame.contentWindow!.dispatchEvent(new Event('online'));
      await sent;
      await viewer.page().connection.stored();
      expect(viewer.page().unloadListeners).to.equal(0, 'the listener is gone once delivered');
      expect(unload()).to.equal(false);
    } finally {
      viewer.remove();
    }
  });
});
