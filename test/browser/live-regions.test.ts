/**
 * What a screen reader hears from a page of widgets (issue 16, item 4), counted over every live
 * region of the page, shadow roots included: a dropped connection is said once however many
 * widgets show it, "who is typing" once though the chat and the presence bar both show it, and a
 * quiz question once, politely, to every player (not only in accessible mode).
 */
import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { getConnection, type LiveChat, type LiveQuiz, type LiveRoom } from '../../src/index.js';
import { pageRelay, typeInto, uniqueRoom } from './chat-helpers.js';
import { recordAnnouncements } from './live-region-helpers.js';
import { questions, quizStore, releaseQuizStores, waitForText } from './quiz-helpers.js';
import { part, sixWidgetRoom, textIn, widgetsLoaded } from './room-helpers.js';

const { relay, as } = pageRelay();
afterEach(releaseQuizStores);

/** A few frames: anything a change sets off in the widgets has happened by then. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextFrame();
}

describe('live regions', () => {
  it('says a dropped connection once for a page of six widgets', async () => {
    const room = uniqueRoom();
    const url = as('ana', relay.flakyUrl);
    getConnection(url, { token: relay.tokens.ana, minBackoffMs: 100, maxBackoffMs: 400 });
    const { widgets } = await sixWidgetRoom(url, room);
    expect(widgets).to.have.length(6);
    const trouble = /offline|reconnect|connection lost|disconnected|paused/i;
    const announcements = recordAnnouncements(trouble);

    await executeServerCommand('relay-stop');
    try {
      for (const widget of widgets) {
        await waitUntil(() => trouble.test(textIn(widget)), `${widget.localName} showed nothing`);
      }
      await settle();
      expect(announcements.said.map(({ text }) => text)).to.deep.equal([
        'Connection lost. Reconnecting…',
      ]);
    } finally {
      await executeServerCommand('relay-start');
    }
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => widgets.every((widget) => !trouble.test(textIn(widget))), 'not back', {
      timeout: 10_000,
    });
    announcements.stop();
    expect(announcements.said).to.have.length(1);
  });

  it('says who is typing once, through the chat, though the presence bar shows it too', async () => {
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-room id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
          <presence-bar></presence-bar>
          <live-chat></live-chat>
        </live-room>
        <live-chat id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-chat>
      </div>`,
    );
    const ana = page.querySelector<LiveRoom>('#ana')!;
    const bar = ana.querySelector('presence-bar')!;
    const chat = ana.querySelector<LiveChat>('live-chat')!;
    const bo = page.querySelector<LiveChat>('#bo')!;
    await widgetsLoaded(bar, chat, bo);
    // What Ana's page says; Bo's chat stands for Bo's own page.
    const announcements = recordAnnouncements(/typing/, ana);

    await typeInto(bo, 'Hello every');
    await waitUntil(
      () =>
        part(bar, 'typing')!.textContent === 'Bo is typing…' &&
        part(chat, 'typing')!.textContent === 'Bo is typing…',
      'typing never showed in both',
    );
    await settle();
    expect(announcements.said).to.have.length(1);
    expect(announcements.said[0]!.region).to.equal(part(chat, 'typing'));
    expect(part(bar, 'typing')!.getAttribute('aria-live')).to.equal('off');
    announcements.stop();
  });

  it('says a quiz question once, politely, to a player not in accessible mode', async () => {
    const room = uniqueRoom();
    const host = await quizStore(as('host'), room, relay.tokens.host);
    await host.load(questions(1));
    const quiz = await fixture<LiveQuiz>(
      html`<live-quiz server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-quiz>`,
    );
    await widgetsLoaded(quiz);
    expect(quiz.accessible).to.equal(false);
    const announcements = recordAnnouncements(/Question number 1\?/, quiz);

    await host.next();
    await waitForText(quiz, 'Question number 1?');
    await settle();
    expect(announcements.said.map(({ text }) => text)).to.deep.equal([
      'Question 1 of 1: Question number 1? 4 answers.',
    ]);
    const region = announcements.said[0]!.region;
    expect(region.getAttribute('aria-live') ?? 'polite').to.equal('polite');
    expect(region.getAttribute('role')).not.to.equal('alert');
    announcements.stop();
  });
});
