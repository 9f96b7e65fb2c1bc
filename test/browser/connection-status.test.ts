/**
 * What a viewer sees and hears when the network goes (issue 12, items 4 and 8), in a real
 * browser against real relays: the offline banner at the browser's `offline` event, a silent
 * socket found dead by the client's probe long before 2 × heartbeatMs, and one announcement
 * for the whole page however many widgets show the state.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { getConnection, type LiveChat, type LiveRoom } from '../../src/index.js';
import { pageRelay, sendWithKeyboard, uniqueRoom, waitForMessage } from './chat-helpers.js';
import { part, sixWidgetRoom, textIn, waitForTextIn, widgetsLoaded } from './room-helpers.js';

const { relay, as } = pageRelay();

/** Every live region of the page, shadow roots included, whose text matches `text`. */
function liveRegionsSaying(text: RegExp, root: ParentNode = document): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    const role = element.getAttribute('role');
    const live = element.getAttribute('aria-live');
    const isLive =
      (live !== null && live !== 'off') || role === 'status' || role === 'alert' || role === 'log';
    if (isLive && text.test(element.textContent ?? '')) found.push(element);
    if (element.shadowRoot) found.push(...liveRegionsSaying(text, element.shadowRoot));
  }
  return found;
}

/** Every value `element`'s text takes from now on, whitespace collapsed. */
function recordText(element: Element): { values: string[]; stop(): void } {
  const read = () => (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  const values = [read()];
  const observer = new MutationObserver(() => {
    const now = read();
    if (now !== values.at(-1)) values.push(now);
  });
  observer.observe(element, { childList: true, characterData: true, subtree: true });
  return { values, stop: () => observer.disconnect() };
}

const TROUBLE = /offline|reconnect|disconnected|paused/i;
/** What a page says while its first connect keeps failing: nothing was lost yet. */
const CANNOT_CONNECT = /Can't connect\. Retrying…/;
/** The relay URL of the discard port, where nothing listens: every connect fails. */
const NOWHERE = 'ws://127.0.0.1:9/live';

describe('connection status', () => {
  it('shows offline at once on the browser offline event, though the socket is still open', async () => {
    const url = as('ana', relay.flakyUrl);
    const connection = getConnection(url, { token: relay.tokens.ana });
    const chat = await fixture<LiveChat>(
      html`<live-chat server=${url} room=${uniqueRoom()}></live-chat>`,
    );
    await widgetsLoaded(chat);
    expect(connection.$status.get()).to.equal('open');

    // The network is gone: nothing answers the probe the event sends (the relay is paused; on
    // the loopback it would answer before the next frame and the banner would never be seen).
    await executeServerCommand('relay-pause');
    try {
      window.dispatchEvent(new Event('offline'));
      expect(connection.$status.get()).to.equal('offline');
      await waitUntil(
        () => part(chat, 'banner')?.textContent?.includes('You are offline.'),
        'no offline banner',
      );
    } finally {
      await executeServerCommand('relay-resume');
    }

    // The probe that went with it is answered now: open again.
    await waitUntil(() => connection.$status.get() === 'open', 'the probe was not answered', {
      timeout: 10_000,
    });
    await waitUntil(() => part(chat, 'banner') === null, 'the banner stayed');
  });

  it('finds a silent socket dead by its probe and reconnects, long before 2 × heartbeatMs', async () => {
    const url = as('ana', relay.flakyUrl);
    const room = uniqueRoom();
    const connection = getConnection(url, {
      token: relay.tokens.ana,
      minBackoffMs: 100,
      maxBackoffMs: 400,
    });
    const chat = await fixture<LiveChat>(html`<live-chat server=${url} room=${room}></live-chat>`);
    await widgetsLoaded(chat);

    await executeServerCommand('relay-pause');
    try {
      // The relay's heartbeat is 25 s (dead after 50 s); the test's own limit is 20 s.
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => connection.$status.get() === 'reconnecting', 'never noticed', {
        timeout: 10_000,
      });
      await waitForTextIn(chat, 'Reconnecting…');
    } finally {
      await executeServerCommand('relay-resume');
    }
    await waitUntil(() => connection.$status.get() === 'open', 'did not come back', {
      timeout: 15_000,
    });
    await sendWithKeyboard(chat, 'after the freeze');
    await waitForMessage(chat, 'after the freeze');
  });

  it('announces a drop once for the page: the room speaks, its six widgets only show it', async () => {
    const room = uniqueRoom();
    const url = as('ana', relay.flakyUrl);
    getConnection(url, { token: relay.tokens.ana, minBackoffMs: 100, maxBackoffMs: 400 });
    const { page, widgets } = await sixWidgetRoom(url, room);
    const announcer = part(page, 'announcer')!;
    expect(announcer.getAttribute('role')).to.equal('status');
    expect(liveRegionsSaying(TROUBLE)).to.have.length(0);
    const announced = recordText(announcer);

    await executeServerCommand('relay-stop');
    try {
      // Every widget shows the drop on screen...
      for (const widget of widgets) {
        await waitUntil(() => TROUBLE.test(textIn(widget)), `${widget.localName} showed nothing`);
      }
      // ...and exactly one live region says it: the room's.
      const speaking = liveRegionsSaying(TROUBLE);
      expect(speaking).to.deep.equal([announcer]);
      expect(announced.values).to.deep.equal(['', 'Connection lost. Reconnecting…']);
    } finally {
      await executeServerCommand('relay-start');
    }
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => announced.values.at(-1) === '', 'the room never said it is back', {
      timeout: 10_000,
    });
    announced.stop();
    expect(announced.values).to.deep.equal(['', 'Connection lost. Reconnecting…', '']);
  });

  it('has the first widget speak when there is no <live-room>, and only it', async () => {
    const room = uniqueRoom();
    const url = as('ana', relay.flakyUrl);
    getConnection(url, { token: relay.tokens.ana, minBackoffMs: 100, maxBackoffMs: 400 });
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-chat server=${url} room=${room}></live-chat>
        <live-poll server=${url} room=${room}></live-poll>
        <live-reactions server=${url} room=${room}></live-reactions>
      </div>`,
    );
    const [chat, poll, reactions] = [...page.children] as Array<
      HTMLElement & { updateComplete: Promise<boolean> }
    >;
    await widgetsLoaded(chat!, poll!, reactions!);

    await executeServerCommand('relay-stop');
    try {
      for (const widget of [chat!, poll!, reactions!]) {
        await waitUntil(() => TROUBLE.test(textIn(widget)), `${widget.localName} showed nothing`);
      }
      expect(liveRegionsSaying(TROUBLE)).to.deep.equal([part(chat!, 'banner')]);
    } finally {
      await executeServerCommand('relay-start');
    }
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => part(chat!, 'banner') === null, 'the banner stayed', { timeout: 10_000 });
  });

  it('shows a drop in every widget, still loading or not, and the first one says it', async () => {
    // Issue 12 and the README: every widget shows its offline and reconnecting states; the
    // first widget of a page without <live-room> says them, whatever widget that is.
    const url = as('host', relay.flakyUrl);
    getConnection(url, { token: relay.tokens.host, minBackoffMs: 100, maxBackoffMs: 400 });
    await executeServerCommand('relay-stop');
    let widgets: HTMLElement[] = [];
    try {
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-leaderboard server=${url} room=${uniqueRoom()}></live-leaderboard>
          <live-quiz server=${url} room=${uniqueRoom()}></live-quiz>
          <live-poll server=${url} room=${uniqueRoom()}></live-poll>
          <live-poll-editor server=${url} room=${uniqueRoom()}></live-poll-editor>
          <live-quiz-host server=${url} room=${uniqueRoom()}></live-quiz-host>
          <live-chat-moderation server=${url} room=${uniqueRoom()}></live-chat-moderation>
        </div>`,
      );
      widgets = [...page.children] as HTMLElement[];
      // Never connected: each widget is still loading, and says why it waits (it cannot connect:
      // nothing was lost).
      for (const widget of widgets) {
        await waitUntil(
          () => CANNOT_CONNECT.test(textIn(widget)),
          `${widget.localName} showed nothing`,
        );
      }
      const speaking = liveRegionsSaying(CANNOT_CONNECT);
      expect(speaking).to.have.length(1);
      expect(speaking[0]!.getRootNode()).to.equal(widgets[0]!.shadowRoot);
    } finally {
      await executeServerCommand('relay-start');
    }
    await widgetsLoaded(...(widgets as Array<HTMLElement & { updateComplete: Promise<boolean> }>));
    const trouble = (widget: HTMLElement) =>
      TROUBLE.test(textIn(widget)) || CANNOT_CONNECT.test(textIn(widget));
    expect(widgets.filter(trouble)).to.deep.equal([]);
  });

  it("says it can't connect yet while the first connect fails, and 'Connection lost' only after a welcome", async () => {
    const room = uniqueRoom();
    const url = as('ana', relay.flakyUrl);
    const connection = getConnection(url, {
      token: relay.tokens.ana,
      minBackoffMs: 100,
      maxBackoffMs: 400,
    });
    let page: LiveRoom | undefined;
    let announced: ReturnType<typeof recordText> | undefined;
    await executeServerCommand('relay-stop');
    try {
      page = await fixture<LiveRoom>(
        html`<live-room server=${url} room=${room}>
          <live-chat></live-chat>
          <live-poll></live-poll>
        </live-room>`,
      );
      const announcer = part(page, 'announcer')!;
      announced = recordText(announcer);
      // Never welcomed: every widget says it cannot connect, none that something was lost...
      for (const widget of page.children) {
        await waitUntil(
          () => CANNOT_CONNECT.test(textIn(widget)),
          `${widget.localName} did not say it cannot connect`,
        );
        expect(textIn(widget)).to.not.match(TROUBLE);
      }
      // ...and the room alone says it.
      await waitUntil(() => CANNOT_CONNECT.test(announcer.textContent ?? ''), 'never said');
      expect(liveRegionsSaying(CANNOT_CONNECT)).to.deep.equal([announcer]);
    } finally {
      await executeServerCommand('relay-start');
    }
    await waitUntil(() => connection.$status.get() === 'open', 'never connected', {
      timeout: 15_000,
    });
    await waitUntil(() => announced!.values.at(-1) === '', 'the room never said it is in');

    // Welcomed once: a drop now is a lost connection, however the reconnects go.
    await executeServerCommand('relay-stop');
    try {
      await waitUntil(
        () => announced!.values.at(-1) === 'Connection lost. Reconnecting…',
        'the drop was not said',
      );
      for (const widget of page!.children) {
        await waitUntil(() => TROUBLE.test(textIn(widget)), `${widget.localName} showed nothing`);
        expect(textIn(widget)).to.not.match(CANNOT_CONNECT);
      }
    } finally {
      await executeServerCommand('relay-start');
    }
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => announced!.values.at(-1) === '', 'the room never said it is back', {
      timeout: 10_000,
    });
    announced!.stop();
    expect(announced!.values.filter(Boolean)).to.deep.equal([
      "Can't connect. Retrying…",
      'Connection lost. Reconnecting…',
    ]);
  });

  it("says it can't connect in the widget's language, once for the page", async () => {
    const url = `${NOWHERE}?as=${uniqueRoom()}`;
    const said = {
      en: "Can't connect. Retrying…",
      es: 'No se puede conectar. Reintentando…',
      de: 'Keine Verbindung möglich. Neuer Versuch…',
      fr: 'Connexion impossible. Nouvel essai…',
      ja: '接続できません。再試行中…',
      ar: 'تعذّر الاتصال. جارٍ إعادة المحاولة…',
    };
    const page = await fixture<HTMLElement>(
      html`<div>
        ${Object.keys(said).map(
          (lang) => html`<live-chat lang=${lang} server=${url} room=${uniqueRoom()}></live-chat>`,
        )}
      </div>`,
    );
    const chats = [...page.children] as LiveChat[];
    for (const [index, text] of Object.values(said).entries()) {
      await waitForTextIn(chats[index]!, text);
    }
    const speaking = liveRegionsSaying(new RegExp(Object.values(said).join('|')));
    expect(speaking).to.deep.equal([part(chats[0]!, 'banner')]);
  });

  it('shows a drop in a loaded <live-leaderboard>, which says it as the first widget', async () => {
    const room = uniqueRoom();
    const url = as('ana', relay.flakyUrl);
    getConnection(url, { token: relay.tokens.ana, minBackoffMs: 100, maxBackoffMs: 400 });
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-leaderboard server=${url} room=${room}></live-leaderboard>
        <live-chat server=${url} room=${room}></live-chat>
      </div>`,
    );
    const [board, chat] = [...page.children] as Array<
      HTMLElement & { updateComplete: Promise<boolean> }
    >;
    await widgetsLoaded(board!, chat!);

    await executeServerCommand('relay-stop');
    try {
      for (const widget of [board!, chat!]) {
        await waitUntil(() => TROUBLE.test(textIn(widget)), `${widget.localName} showed nothing`);
      }
      expect(liveRegionsSaying(TROUBLE)).to.deep.equal([part(board!, 'banner')]);
    } finally {
      await executeServerCommand('relay-start');
    }
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => part(board!, 'banner') === null, 'the banner stayed', {
      timeout: 10_000,
    });
  });
});
