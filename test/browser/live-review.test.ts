/**
 * Hold for review and reports in Chromium against a real relay (issue 14, items 3 and 6): the
 * author's "Held for review", a viewer's report form driven by the keyboard, and the host's
 * `<live-review-queue>` (the console's Review tab) decided with arrow keys, A, R and Enter,
 * with word-cloud entries and open-text poll answers beside chat.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  defineElements,
  getConnection,
  releaseConnection,
  LiveReviewDecideEvent,
  type LiveChatModeration,
  type LivePoll,
  type LiveReviewQueue,
} from '../../src/index.js';
import {
  messageElement,
  messageTexts,
  pageRelay,
  roomWithChats,
  sendWithKeyboard,
  setChatSettings,
  uniqueRoom,
  waitForMessage,
  waitForText,
} from './chat-helpers.js';
import { part, parts, rootOf, textIn, waitForTextIn, widgetsLoaded } from './room-helpers.js';

defineElements();

const { relay, as } = pageRelay();

const WAIT = { timeout: 10_000 };

/** Sets the room's chat settings as its host, over a connection of its own. */
const settings = (room: string, data: Record<string, unknown>) =>
  setChatSettings(as('host'), relay.tokens.host, room, data);

/** The host's review queue and Ana's and Bo's chats in one fresh room (hold rules set first). */
async function reviewRoom(hold: Record<string, unknown> = {}) {
  const room = uniqueRoom();
  if (Object.keys(hold).length) await settings(room, hold);
  const { staff: queue, chats } = await roomWithChats<LiveReviewQueue>(
    relay,
    as,
    'live-review-queue',
    ['ana', 'bo'],
    { room },
  );
  await widgetsLoaded(queue);
  return { room, queue, ana: chats.ana, bo: chats.bo };
}

const items = (queue: LiveReviewQueue) => parts(queue, 'item');
const selectedText = (queue: LiveReviewQueue) =>
  part(queue, 'selected')?.querySelector('.text')?.textContent;

describe('<live-chat> held for review', () => {
  it('shows the author "Held for review" on their message; other viewers never see it', async () => {
    const { ana, bo } = await reviewRoom({ hold: ['all'] });
    await sendWithKeyboard(ana, 'please let me in');
    await waitForMessage(ana, 'please let me in');
    const own = messageElement(ana, 'please let me in')!;
    await waitUntil(() => own.querySelector('[part~="held"]'), 'no held marker', WAIT);
    expect(own.querySelector('[part~="held"]')!.textContent!.trim()).to.equal('Held for review');
    // Bo's own message (held too) comes after Ana's withheld one: Bo has seen nothing of hers.
    await sendWithKeyboard(bo, 'anyone here?');
    await waitForMessage(bo, 'anyone here?');
    expect(messageTexts(bo)).to.deep.equal(['anyone here?']);
    expect(messageTexts(ana)).to.deep.equal(['please let me in']);
  });
});

describe('<live-chat> report', () => {
  it('reports someone else’s message with a reason and a note, by keyboard; staff see it counted', async () => {
    const { ana, bo, queue } = await reviewRoom();
    await sendWithKeyboard(ana, 'buy cheap followers');
    await waitForMessage(bo, 'buy cheap followers');
    // No report action on one's own message.
    const own = messageElement(ana, 'buy cheap followers')!;
    expect(own.querySelector('[data-action="report"]')).to.equal(null);
    const message = messageElement(bo, 'buy cheap followers')!;
    (message.querySelector('[data-action="report"]') as HTMLButtonElement).click();
    await waitUntil(() => part(bo, 'report'), 'no report form', WAIT);
    const form = part(bo, 'report')!;
    expect(form.getAttribute('role')).to.equal('dialog');
    expect(form.getAttribute('aria-label')).to.equal('Report Ana’s message');
    await waitUntil(() => rootOf(bo).activeElement?.getAttribute('value') === 'spam', 'focus');
    await sendKeys({ press: 'ArrowDown' }); // harassment
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'third time today' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(bo, 'report-sent'), 'no thanks', WAIT);
    await waitUntil(() => message.querySelector('[part~="reported"]'), 'not marked reported', WAIT);
    expect(message.querySelector('[data-action="report"]')).to.equal(null);

    await waitForTextIn(queue, 'Reported by 1 viewer: harassment');
    expect(textIn(queue)).to.include('third time today');
    expect(textIn(queue)).to.include('buy cheap followers');
  });

  it('Escape closes the report form without reporting', async () => {
    const { ana, bo } = await reviewRoom();
    await sendWithKeyboard(ana, 'fine message');
    await waitForMessage(bo, 'fine message');
    const message = messageElement(bo, 'fine message')!;
    (message.querySelector('[data-action="report"]') as HTMLButtonElement).click();
    await waitUntil(() => rootOf(bo).activeElement?.getAttribute('value') === 'spam', 'focus');
    await sendKeys({ press: 'Escape' });
    await bo.updateComplete;
    expect(part(bo, 'report')).to.equal(null);
    expect(message.querySelector('[data-action="report"]')).to.not.equal(null);
  });
});

describe('<live-chat-moderation> hold rules', () => {
  it('a host ticks "First-time chatters": the room holds them, and the viewer sees it held', async () => {
    const { staff: panel, chats } = await roomWithChats<LiveChatModeration>(
      relay,
      as,
      'live-chat-moderation',
      ['ana'],
    );
    const { ana } = chats;
    await waitUntil(
      () => rootOf(panel).querySelector('[part~="gates"] [data-hold="firstTime"]'),
      'no hold rules',
      WAIT,
    );
    const box = rootOf(panel).querySelector<HTMLInputElement>(
      '[part~="gates"] [data-hold="firstTime"]',
    )!;
    box.click();
    await waitUntil(
      () => ana.store?.$settings.get().hold?.includes('firstTime'),
      'the rule never reached the room',
      WAIT,
    );
    await sendWithKeyboard(ana, 'my very first');
    await waitForMessage(ana, 'my very first');
    await waitUntil(
      () => messageElement(ana, 'my very first')?.querySelector('[part~="held"]'),
      'not held',
      WAIT,
    );
  });
});

describe('<live-review-queue>', () => {
  it('starts empty, then lists held messages with the count announced', async () => {
    const { queue, ana } = await reviewRoom({ hold: ['links'] });
    expect(part(queue, 'empty')!.textContent!.trim()).to.equal('Nothing waits for review.');
    expect(part(queue, 'count')!.textContent!.trim()).to.equal('Nothing to review');
    await sendWithKeyboard(ana, 'see spam.com');
    await waitUntil(() => items(queue).length === 1, 'no item', WAIT);
    expect(textIn(queue)).to.include('Held: contains a link');
    expect(rootOf(queue).querySelector('[role="status"]')!.textContent).to.include(
      '1 item to review',
    );
  });

  it('arrow keys select, A approves, R rejects, Enter opens the actions and Escape returns', async () => {
    const { queue, ana, bo } = await reviewRoom({ hold: ['all'] });
    for (const text of ['first held', 'second held', 'third held']) {
      await sendWithKeyboard(ana, text);
      await waitForMessage(ana, text);
    }
    await waitUntil(() => items(queue).length === 3, 'not all listed', WAIT);
    const list = part(queue, 'list')!;
    expect(list.getAttribute('role')).to.equal('listbox');
    list.focus();
    expect(selectedText(queue)).to.equal('first held');
    await sendKeys({ press: 'ArrowDown' });
    await queue.updateComplete;
    expect(selectedText(queue)).to.equal('second held');
    expect(list.getAttribute('aria-activedescendant')).to.equal(part(queue, 'selected')!.id);

    const decided = oneEvent(queue, 'live-review-decide');
    await sendKeys({ press: 'a' });
    const event = await decided;
    expect(event).to.be.instanceOf(LiveReviewDecideEvent);
    expect(event.detail.decision).to.equal('approve');
    await waitForMessage(bo, 'second held');
    await waitUntil(() => items(queue).length === 2, 'approved item still listed', WAIT);
    await waitForText(ana, 'second held');
    // The selection stays in place: the item after the approved one.
    expect(selectedText(queue)).to.equal('third held');

    await sendKeys({ press: 'r' });
    await waitUntil(() => items(queue).length === 1, 'rejected item still listed', WAIT);
    await waitUntil(() => !messageTexts(ana).includes('third held'), 'author still sees it', WAIT);
    expect(selectedText(queue)).to.equal('first held');

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(queue, 'actions'), 'no actions', WAIT);
    expect(rootOf(queue).activeElement?.getAttribute('data-action')).to.equal('approve');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => rootOf(queue).activeElement === list, 'focus not back on the list');
    expect(part(queue, 'actions')).to.equal(null);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(queue, 'actions'), 'no actions', WAIT);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' }); // Reject
    await waitUntil(() => part(queue, 'empty'), 'queue not empty', WAIT);
    // The list went with its last item: the focus is on the queue's heading, not on <body>.
    await waitUntil(
      () => rootOf(queue).activeElement?.id === 'title',
      'focus left the queue',
      WAIT,
    );
    expect(messageTexts(bo)).to.deep.equal(['second held']);
    expect(rootOf(queue).querySelector('[role="status"]')!.textContent).to.include(
      'Nothing to review',
    );
  });

  it('on a report, A keeps the message and R deletes it', async () => {
    const { room, queue, ana, bo } = await reviewRoom();
    await sendWithKeyboard(ana, 'keep me');
    await sendWithKeyboard(ana, 'delete me');
    await waitForMessage(bo, 'delete me');
    const reporter = getConnection(as('bo'), { token: relay.tokens.bo });
    try {
      for (const text of ['keep me', 'delete me']) {
        const id = messageElement(bo, text)!.dataset.id!;
        await reporter.op(`${room}/chat`, 'report', { id, reason: 'spam' });
      }
    } finally {
      releaseConnection(reporter);
    }
    await waitUntil(() => items(queue).length === 2, 'reports not listed', WAIT);
    part(queue, 'list')!.focus();
    await sendKeys({ press: 'a' });
    await waitUntil(() => items(queue).length === 1, 'dismissed report still listed', WAIT);
    await sendKeys({ press: 'r' });
    await waitUntil(() => part(queue, 'empty'), 'queue not empty', WAIT);
    await waitUntil(() => !messageTexts(bo).includes('delete me'), 'not deleted', WAIT);
    expect(messageTexts(bo)).to.deep.equal(['keep me']);
  });

  it('lists a word-cloud entry under review beside chat; A makes it count', async () => {
    const { room, queue } = await reviewRoom();
    const host = getConnection(as('host'), { token: relay.tokens.host });
    const voter = getConnection(as('cy'), { token: relay.tokens.cy });
    try {
      const ch = `${room}/poll`;
      const created = await host.op(ch, 'create', {
        question: 'One word for today?',
        kind: 'wordcloud',
        review: true,
      });
      const pollId = (created.data as { pollId: string }).pollId;
      await host.op(ch, 'open', { pollId });
      const held = await voter.op(ch, 'vote', { pollId, text: 'splendid' });
      expect((held.data as { status?: string }).status).to.equal('held');
      await waitUntil(() => items(queue).length === 1, 'entry not listed', WAIT);
      expect(textIn(queue)).to.include('Word cloud');
      expect(textIn(queue)).to.include('One word for today?');
      part(queue, 'list')!.focus();
      await sendKeys({ press: 'a' });
      await waitUntil(() => part(queue, 'empty'), 'entry still listed', WAIT);
    } finally {
      releaseConnection(voter);
      releaseConnection(host);
    }
  });

  it('lists open-text answers under review with their question; R rejects (the author’s answer goes), A shows', async () => {
    const room = uniqueRoom();
    const host = getConnection(as('host'), { token: relay.tokens.host });
    try {
      const ch = `${room}/poll`;
      const created = await host.op(ch, 'create', {
        question: 'What should we cover next?',
        kind: 'opentext',
        review: true,
      });
      await host.op(ch, 'open', { pollId: (created.data as { pollId: string }).pollId });
    } finally {
      releaseConnection(host);
    }
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-review-queue
          server=${as('host')}
          room=${room}
          token=${relay.tokens.host}
        ></live-review-queue>
        <live-poll id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-poll>
        <live-poll
          id="bo"
          server=${as('bo')}
          room=${room}
          token=${relay.tokens.bo}
          show-results-before-vote
        ></live-poll>
      </div>`,
    );
    const queue = page.querySelector<LiveReviewQueue>('live-review-queue')!;
    const ana = page.querySelector<LivePoll>('#ana')!;
    const bo = page.querySelector<LivePoll>('#bo')!;
    await widgetsLoaded(queue, ana, bo);
    await waitForTextIn(ana, 'What should we cover next?');
    const answer = async (text: string) => {
      const input = part<HTMLInputElement>(ana, 'text-input')!;
      input.focus();
      await sendKeys({ type: text });
      await sendKeys({ press: 'Enter' });
    };
    const myAnswers = () => parts(ana, 'my-answer').map((a) => a.textContent!.trim());
    await answer('Spam spam spam');
    await waitUntil(() => myAnswers().length === 1, 'first answer not sent', WAIT);
    await answer('Load testing');
    await waitUntil(() => items(queue).length === 2, 'answers not listed', WAIT);
    expect(textIn(ana)).to.include('Awaiting review');
    expect(items(queue).map((item) => item.querySelector('.text')!.textContent)).to.deep.equal([
      'Spam spam spam',
      'Load testing',
    ]);
    expect(items(queue)[0].textContent).to.include('Open text');
    expect(items(queue)[0].textContent).to.include('What should we cover next?');

    part(queue, 'list')!.focus();
    await sendKeys({ press: 'r' });
    await waitUntil(() => items(queue).length === 1, 'rejected answer still listed', WAIT);
    await waitUntil(() => myAnswers().length === 1, 'rejected answer still shown', WAIT);
    expect(myAnswers()[0]).to.include('Load testing');
    await sendKeys({ press: 'a' });
    await waitUntil(() => part(queue, 'empty'), 'queue not empty', WAIT);
    await waitForTextIn(bo, 'Load testing');
    expect(textIn(bo)).to.not.include('Spam spam spam');
    await waitUntil(() => !textIn(ana).includes('Awaiting review'), 'still pending', WAIT);
  });

  it('tells a viewer who is not staff that the queue is for hosts', async () => {
    const queue = await fixture<LiveReviewQueue>(
      html`<live-review-queue
        server=${as('ana')}
        room=${uniqueRoom()}
        token=${relay.tokens.ana}
      ></live-review-queue>`,
    );
    await waitUntil(() => part(queue, 'hosts-only'), 'no note', WAIT);
    expect(parts(queue, 'list')).to.deep.equal([]);
  });
});
