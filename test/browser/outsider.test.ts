/**
 * The widgets as an outsider would judge them from the product description: a host and two or
 * more viewers, each on a connection of their own to the real relay, doing end to end what the
 * README promises (word cloud, rating and multiple-choice polls, a timed quiz with speed scoring
 * and shared ranks, Q&A with upvotes and moderation, reaction bursts, presence and typing), by
 * keyboard where a viewer would, with a hostile text shown literally wherever user text appears.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type {
  LiveChat,
  LiveLeaderboard,
  LivePoll,
  LivePollEditor,
  LiveQa,
  LiveQuiz,
  LiveQuizHost,
  LiveReviewQueue,
  LiveReactions,
  PresenceBar,
} from '../../src/index.js';
import { loaded, messageElement, messageTexts, pageRelay, uniqueRoom } from './chat-helpers.js';
import {
  listItem,
  openPoll,
  pollStore,
  pollsLoaded,
  press,
  releasePollStores,
  resultText,
  waitForResult,
} from './poll-helpers.js';
import { askWithKeyboard, button, item, texts, waitForTexts } from './qa-helpers.js';
import { clickPart, option, quizStore, releaseQuizStores, waitForText } from './quiz-helpers.js';
import { part, parts, rootOf, textIn, widgetsLoaded } from './room-helpers.js';

const { relay, as } = pageRelay();
afterEach(releasePollStores);
afterEach(releaseQuizStores);

const WAIT = { timeout: 10_000 };

/** A text that would run script if any widget rendered user text as HTML. */
const HOSTILE = '<img src=x onerror=alert(1)>';

/** Whether anything called `alert` (an injected handler would). */
let alerted = false;
const realAlert = window.alert;
before(() => {
  window.alert = () => {
    alerted = true;
  };
});
after(() => {
  window.alert = realAlert;
});

/** Fails if any of the widgets holds an element made from user text. */
function expectNoInjectedElement(...widgets: Element[]): void {
  for (const widget of widgets) {
    const injected = rootOf(widget).querySelector('img[src="x"], img[onerror]');
    expect(injected, `an <img> made of user text in <${widget.localName}>`).to.equal(null);
  }
  expect(alerted, 'an injected handler ran').to.equal(false);
}

/** One widget of `tag` for `user` on a connection of their own, in `room`. */
function widgetFor(tag: string, user: keyof typeof relay.tokens, room: string): HTMLElement {
  const element = document.createElement(tag);
  element.id = `${tag}-${user}`;
  element.setAttribute('server', as(user));
  element.setAttribute('room', room);
  element.setAttribute('token', relay.tokens[user]);
  return element;
}

async function page(...elements: HTMLElement[]): Promise<HTMLElement> {
  const holder = await fixture<HTMLElement>(html`<div></div>`);
  holder.append(...elements);
  return holder;
}

/** The checkbox or radio of option `index`. */
const box = (poll: LivePoll, index: number) => parts(poll, 'choice')[index].querySelector('input')!;

/** The player's score as the relay's `me` gives it. */
const score = (quiz: LiveQuiz) => quiz.store!.$me.get().score;

/** The question, then the option inputs of the editor, filled in with the real keyboard. */
async function writePoll(editor: LivePollEditor, question: string, options: string[]) {
  part<HTMLTextAreaElement>(editor, 'question-input')!.focus();
  await sendKeys({ type: question });
  for (const [index, label] of options.entries()) {
    while (parts(editor, 'option-input').length <= index) {
      part<HTMLButtonElement>(editor, 'add-option')!.click();
      await editor.updateComplete;
    }
    parts<HTMLInputElement>(editor, 'option-input')[index].focus();
    await sendKeys({ type: label });
  }
}

describe('an outsider’s walk through the widgets', () => {
  describe('every widget in a new room', () => {
    it('says what is empty instead of showing a blank box', async () => {
      const room = uniqueRoom();
      const widgets = [
        widgetFor('live-chat', 'ana', room),
        widgetFor('live-poll', 'ana', room),
        widgetFor('live-qa', 'ana', room),
        widgetFor('live-quiz', 'ana', room),
        widgetFor('live-leaderboard', 'ana', room),
        widgetFor('live-poll-editor', 'host', room),
        widgetFor('live-review-queue', 'host', room),
      ];
      const bar = widgetFor('presence-bar', 'bo', room);
      bar.setAttribute('no-enter', '');
      await page(...widgets, bar);
      await widgetsLoaded(...(widgets as LiveQa[]), bar as PresenceBar);
      const expected = [
        'No messages yet',
        'No poll right now',
        'No questions yet',
        'The quiz starts soon',
        'No scores yet',
        'No polls yet.',
        'Nothing waits for review.',
      ];
      for (const [i, widget] of widgets.entries()) await waitForText(widget, expected[i]);
      await waitForText(bar, 'Nobody here yet');
    });
  });

  describe('<live-chat>', () => {
    it('a hostile message, its reply and its pin show as text for everyone', async () => {
      const room = uniqueRoom();
      const host = widgetFor('live-chat', 'host', room) as LiveChat;
      const ana = widgetFor('live-chat', 'ana', room) as LiveChat;
      const bo = widgetFor('live-chat', 'bo', room) as LiveChat;
      await page(host, ana, bo);
      await loaded(host, ana, bo);

      rootOf(ana).querySelector('textarea')!.focus();
      await sendKeys({ type: HOSTILE });
      await press('Enter');
      await waitUntil(() => messageTexts(bo).includes(HOSTILE), 'Bo never got it', WAIT);
      messageElement(bo, HOSTILE)!
        .querySelector<HTMLButtonElement>('[data-action="reply"]')!
        .click();
      await bo.updateComplete;
      await sendKeys({ type: 'literal, right?' });
      await press('Enter');
      await waitUntil(() => messageTexts(host).includes('literal, right?'), 'no reply', WAIT);
      await waitUntil(() => messageTexts(host).includes(HOSTILE), 'no message', WAIT);
      messageElement(host, HOSTILE)!
        .querySelector<HTMLButtonElement>('[data-action="pin"]')!
        .click();
      for (const chat of [ana, bo])
        await waitUntil(
          () =>
            rootOf(chat).querySelector('[part~="pinned"] [part~="text"]')?.textContent === HOSTILE,
          'the pin never showed',
          WAIT,
        );
      expectNoInjectedElement(host, ana, bo);
    });
  });

  describe('<live-poll-editor> and <live-poll>', () => {
    it('word cloud: the host creates and opens it, two viewers answer by keyboard, both see the cloud grow', async () => {
      const room = uniqueRoom();
      const editor = widgetFor('live-poll-editor', 'host', room) as LivePollEditor;
      const ana = widgetFor('live-poll', 'ana', room) as LivePoll;
      const bo = widgetFor('live-poll', 'bo', room) as LivePoll;
      ana.setAttribute('chart', 'cloud');
      bo.setAttribute('chart', 'cloud');
      await page(editor, ana, bo);
      await pollsLoaded(editor, ana, bo);

      await writePoll(editor, 'One word for today?', []);
      const kind = part<HTMLSelectElement>(editor, 'kind')!;
      kind.value = 'wordcloud';
      kind.dispatchEvent(new Event('change'));
      await editor.updateComplete;
      part<HTMLButtonElement>(editor, 'create')!.click();
      await waitUntil(() => listItem(editor, 'One word for today?'), 'not created', WAIT);
      listItem(editor, 'One word for today?')!
        .querySelector<HTMLButtonElement>('[part~="open"]')!
        .click();
      await waitForText(ana, 'One word for today?');
      await waitForText(bo, 'One word for today?');

      part<HTMLInputElement>(ana, 'text-input')!.focus();
      await sendKeys({ type: 'Sunshine' });
      await press('Enter');
      await waitForText(ana, 'Your answer: Sunshine');
      part<HTMLInputElement>(bo, 'text-input')!.focus();
      await sendKeys({ type: 'sunshine' });
      await press('Enter');
      await waitForText(bo, 'Your answer: sunshine');

      for (const viewer of [ana, bo]) await waitForResult(viewer, 'sunshine', '100% · 2 votes');
      expect(part(ana, 'total')!.textContent).to.equal('2 voters');
    });

    it('word cloud: a hostile answer is shown as text in the cloud, the answer and the editor', async () => {
      const room = uniqueRoom();
      const host = await pollStore(as('host'), room, relay.tokens.host);
      const pollId = await openPoll(host, { question: 'Your word?', kind: 'wordcloud' });
      const editor = widgetFor('live-poll-editor', 'host', room) as LivePollEditor;
      const ana = widgetFor('live-poll', 'ana', room) as LivePoll;
      const bo = widgetFor('live-poll', 'bo', room) as LivePoll;
      bo.setAttribute('chart', 'cloud');
      bo.setAttribute('show-results-before-vote', '');
      await page(editor, ana, bo);
      await pollsLoaded(editor, ana, bo);
      await waitForText(ana, 'Your word?');

      part<HTMLInputElement>(ana, 'text-input')!.focus();
      await sendKeys({ type: HOSTILE });
      await press('Enter');
      await waitForText(ana, `Your answer: ${HOSTILE}`);
      // The cloud holds the answer's words (img, src, onerror, alert), as text.
      await waitForResult(bo, 'onerror', '100% · 1 vote');
      await waitUntil(() => host.$polls.get().find((poll) => poll.id === pollId)?.total === 1);
      expectNoInjectedElement(editor, ana, bo);
    });

    it('rating: two viewers rate, both see every step’s share and the number of voters', async () => {
      const room = uniqueRoom();
      const host = await pollStore(as('host'), room, relay.tokens.host);
      await openPoll(host, {
        question: 'Rate the talk',
        kind: 'rating',
        options: ['1', '2', '3', '4', '5'],
      });
      const ana = widgetFor('live-poll', 'ana', room) as LivePoll;
      const bo = widgetFor('live-poll', 'bo', room) as LivePoll;
      await page(ana, bo);
      await pollsLoaded(ana, bo);
      await waitForText(ana, 'Rate the talk');
      await waitForText(bo, 'Rate the talk');

      // Ana: End picks 5, Enter votes. Bo: arrows to 3, Space picks, Enter votes.
      parts<HTMLButtonElement>(ana, 'scale-option')[0].focus();
      await press('End', 'Enter');
      await waitForText(ana, 'Your answer: 5');
      parts<HTMLButtonElement>(bo, 'scale-option')[0].focus();
      await press('ArrowRight', 'ArrowRight', 'Space', 'Enter');
      await waitForText(bo, 'Your answer: 3');

      for (const viewer of [ana, bo]) {
        await waitForResult(viewer, '5', '50% · 1 vote');
        await waitForResult(viewer, '3', '50% · 1 vote');
        expect(resultText(viewer, '1')).to.equal('0% · 0 votes');
        await waitUntil(() => part(viewer, 'total')!.textContent === '2 voters', 'total', WAIT);
      }
    });

    it('multiple choice: a changed vote replaces the first one for everyone, never adds to it', async () => {
      const room = uniqueRoom();
      const host = await pollStore(as('host'), room, relay.tokens.host);
      await openPoll(host, {
        question: 'Which talks?',
        kind: 'multi',
        options: ['Lit', 'Redis', 'SQLite'],
      });
      const ana = widgetFor('live-poll', 'ana', room) as LivePoll;
      const bo = widgetFor('live-poll', 'bo', room) as LivePoll;
      await page(ana, bo);
      await pollsLoaded(ana, bo);
      await waitForText(ana, 'Which talks?');

      box(ana, 0).focus();
      await press('Space', 'Tab', 'Space', 'Enter'); // Lit and Redis
      await waitForText(ana, 'Your answer: Lit, Redis');
      box(bo, 2).focus();
      await press('Space', 'Enter');
      await waitForText(bo, 'Your answer: SQLite');
      await waitForResult(bo, 'Redis', '50% · 1 vote');

      // Ana changes her mind: Lit and Redis off, SQLite on.
      part(ana, 'change')!.focus();
      await press('Enter');
      await ana.updateComplete;
      box(ana, 0).focus();
      await press('Space', 'Tab', 'Space', 'Tab', 'Space', 'Enter');
      await waitForText(ana, 'Your answer: SQLite');
      for (const viewer of [ana, bo]) {
        await waitForResult(viewer, 'SQLite', '100% · 2 votes');
        await waitForResult(viewer, 'Lit', '0% · 0 votes');
        expect(resultText(viewer, 'Redis')).to.equal('0% · 0 votes');
        expect(part(viewer, 'total')!.textContent).to.equal('2 voters');
      }
    });

    it('shows a hostile question and options as text to the host and the audience', async () => {
      const room = uniqueRoom();
      const editor = widgetFor('live-poll-editor', 'host', room) as LivePollEditor;
      const ana = widgetFor('live-poll', 'ana', room) as LivePoll;
      await page(editor, ana);
      await pollsLoaded(editor, ana);
      await writePoll(editor, `Q ${HOSTILE}`, [HOSTILE, 'Plain']);
      part<HTMLButtonElement>(editor, 'create')!.click();
      await waitUntil(() => listItem(editor, `Q ${HOSTILE}`), 'not created', WAIT);
      listItem(editor, `Q ${HOSTILE}`)!.querySelector<HTMLButtonElement>('[part~="open"]')!.click();
      await waitForText(ana, `Q ${HOSTILE}`);
      expect(textIn(ana)).to.include(HOSTILE);
      parts(ana, 'choice')[0].querySelector('input')!.click();
      await ana.updateComplete;
      part<HTMLButtonElement>(ana, 'vote')!.click();
      await waitForText(ana, `Your answer: ${HOSTILE}`);
      await waitForResult(ana, HOSTILE, '100% · 1 vote');
      expectNoInjectedElement(editor, ana);
    });
  });

  describe('<live-poll> with polls prepared in advance', () => {
    it('after the poll just voted in closes, shows its results, not an older-run poll written later', async () => {
      const room = uniqueRoom();
      const host = await pollStore(as('host'), room, relay.tokens.host);
      const first = await host.create({
        question: 'Written first',
        kind: 'single',
        options: ['A', 'B'],
      });
      const second = await host.create({
        question: 'Written second',
        kind: 'single',
        options: ['C', 'D'],
      });
      const ana = widgetFor('live-poll', 'ana', room) as LivePoll;
      await page(ana);
      await pollsLoaded(ana);

      // The host runs the second one first, then the first one.
      await host.open(second);
      await waitForText(ana, 'Written second');
      await host.close(second);
      await waitForText(ana, 'Poll closed');
      await host.open(first);
      await waitForText(ana, 'Written first');
      parts(ana, 'choice')[0].querySelector('input')!.focus();
      await press('Space', 'Enter');
      await waitForText(ana, 'Your answer: A');
      await host.close(first);
      await waitForText(ana, 'Poll closed');
      expect(textIn(ana)).to.include('Written first');
      await waitForResult(ana, 'A', '100% · 1 vote');

      // A newcomer sees the same: the poll closed last.
      const bo = widgetFor('live-poll', 'bo', room) as LivePoll;
      await page(bo);
      await pollsLoaded(bo);
      await waitForResult(bo, 'A', '100% · 1 vote');
      await waitForText(bo, 'Written first');
    });
  });

  describe('<live-poll> for signed-in users only', () => {
    it('tells an anonymous viewer in words why their vote is refused', async () => {
      const room = uniqueRoom();
      const host = await pollStore(as('host'), room, relay.tokens.host);
      await openPoll(host, {
        question: 'Members only?',
        kind: 'single',
        options: ['Yes', 'No'],
        signedInOnly: true,
      });
      const viewer = await fixture<HTMLElement>(
        html`<live-room server=${as('anon')} room=${room} anon-name="Guest">
          <live-poll></live-poll>
        </live-room>`,
      );
      const poll = viewer.querySelector('live-poll')!;
      await pollsLoaded(poll);
      await waitForText(poll, 'Members only?');
      box(poll, 0).focus();
      await press('Space', 'Enter');
      await waitUntil(() => part(poll, 'error'), 'no error shown', WAIT);
      expect(part(poll, 'error')!.textContent).to.match(/sign/i);
    });
  });

  describe('<live-quiz> and <live-leaderboard>', () => {
    it('a question reaches two players at once; the faster scores more; the board shows the order', async () => {
      const room = uniqueRoom();
      const host = await quizStore(as('host'), room, relay.tokens.host);
      await host.load([
        {
          text: 'Which store is embedded?',
          options: ['Redis', 'SQLite'],
          correct: 1,
          timeLimitMs: 20_000,
        },
      ]);
      const ana = widgetFor('live-quiz', 'ana', room) as LiveQuiz;
      const bo = widgetFor('live-quiz', 'bo', room) as LiveQuiz;
      const board = widgetFor('live-leaderboard', 'cy', room) as LiveLeaderboard;
      await page(ana, bo, board);
      await widgetsLoaded(ana, bo, board);
      await host.next();
      await waitForText(ana, 'Which store is embedded?');
      await waitForText(bo, 'Which store is embedded?');

      // Ana answers at once with the number key; Bo a while later with arrows and Enter.
      option(ana, 'A').focus();
      await press('2');
      await waitForText(ana, 'Locked in');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      option(bo, 'A').focus();
      await press('ArrowDown', 'Enter');
      await waitForText(bo, 'Locked in');
      await waitForText(ana, 'Locked in');
      await host.reveal();

      await waitForText(ana, 'Correct!');
      await waitForText(bo, 'Correct!');
      await waitUntil(() => score(ana) > 0 && score(bo) > 0, 'no scores', WAIT);
      expect(score(ana)).to.be.greaterThan(score(bo));
      await waitUntil(() => parts(board, 'name').length === 2, 'the board stayed empty', WAIT);
      expect(parts(board, 'name').map((cell) => cell.textContent!.trim())).to.deep.equal([
        'Ana',
        'Bo',
      ]);
      expect(parts(board, 'rank').map((cell) => cell.textContent!.trim())).to.deep.equal([
        '1',
        '2',
      ]);
      expect(textIn(ana)).to.include('#1');
      expect(textIn(bo)).to.include('#2');
    });

    it('equal scores share a rank on the board and on the final podium', async () => {
      const room = uniqueRoom();
      const host = await quizStore(as('host'), room, relay.tokens.host);
      await host.load([
        { text: 'Pick the odd one', options: ['A1', 'B2', 'C3'], correct: 2, timeLimitMs: 20_000 },
      ]);
      const ana = widgetFor('live-quiz', 'ana', room) as LiveQuiz;
      const bo = widgetFor('live-quiz', 'bo', room) as LiveQuiz;
      const board = widgetFor('live-leaderboard', 'cy', room) as LiveLeaderboard;
      await page(ana, bo, board);
      await widgetsLoaded(ana, bo, board);
      await host.next();
      await waitForText(ana, 'Pick the odd one');
      await waitForText(bo, 'Pick the odd one');
      option(ana, 'A').click();
      option(bo, 'B').click();
      await waitForText(ana, 'Locked in');
      await waitForText(bo, 'Locked in');
      await host.reveal();
      await waitUntil(() => parts(board, 'rank').length === 2, 'the board stayed empty', WAIT);
      const ranks = parts(board, 'rank').map((cell) => cell.textContent!.trim());
      expect(ranks[0]).to.match(/^1\s+tied$/);
      expect(ranks[1]).to.match(/^1\s+tied$/);
      await host.end();
      await waitForText(ana, 'Final results');
      const podiumRanks = parts(ana, 'podium-rank').map((cell) => cell.textContent!.trim());
      expect(podiumRanks.slice(0, 2)).to.deep.equal(['#1', '#1']);
    });
  });

  describe('<live-qa>', () => {
    it('a question upvoted by two viewers sorts first; the host pins, answers and hides; viewers follow', async () => {
      const room = uniqueRoom();
      const widgets = (['host', 'ana', 'bo', 'cy'] as const).map(
        (user) => widgetFor('live-qa', user, room) as LiveQa,
      );
      const [host, ana, bo, cy] = widgets;
      await page(...widgets);
      await widgetsLoaded(...widgets);
      expect(textIn(ana)).to.include('No questions yet');

      await askWithKeyboard(ana, 'Early question?');
      await waitForTexts(cy, ['Early question?']);
      await askWithKeyboard(cy, HOSTILE);
      await waitForTexts(ana, ['Early question?', HOSTILE]);
      await waitForTexts(bo, ['Early question?', HOSTILE]);

      // Ana upvotes with Enter: it sorts first for everyone. Bo upvotes with Space.
      button(item(ana, HOSTILE), 'vote').focus();
      await press('Enter');
      for (const viewer of widgets) await waitForTexts(viewer, [HOSTILE, 'Early question?']);
      button(item(bo, HOSTILE), 'vote').focus();
      await press('Space');
      await waitUntil(
        () => button(item(cy, HOSTILE), 'vote').getAttribute('aria-label') === 'Upvote, 2 votes',
        'the votes never reached the asker',
        WAIT,
      );

      button(item(host, HOSTILE), 'pin').click();
      for (const viewer of [ana, bo, cy]) await waitForTexts(viewer, [HOSTILE], 'now');
      button(item(host, HOSTILE, 'now'), 'answer').click();
      for (const viewer of [ana, bo, cy]) {
        await waitUntil(() => !part(viewer, 'now'), 'still answering now', WAIT);
        await waitUntil(() => textIn(viewer).includes('Answered (1)'), 'not answered', WAIT);
      }
      button(item(host, 'Early question?'), 'hide').click();
      for (const viewer of [ana, bo, cy])
        await waitUntil(() => texts(viewer).length === 0, 'the hidden question stayed', WAIT);
      expectNoInjectedElement(...widgets);
    });
  });

  describe('<live-qa> answering now', () => {
    it('pinning a second question puts the first back in the list for everyone, a newcomer too', async () => {
      const room = uniqueRoom();
      const host = widgetFor('live-qa', 'host', room) as LiveQa;
      const ana = widgetFor('live-qa', 'ana', room) as LiveQa;
      await page(host, ana);
      await widgetsLoaded(host, ana);
      await askWithKeyboard(ana, 'One?');
      await waitForTexts(host, ['One?']);
      await askWithKeyboard(ana, 'Two?');
      await waitForTexts(host, ['One?', 'Two?']);
      button(item(host, 'One?'), 'pin').click();
      await waitForTexts(ana, ['One?'], 'now');
      button(item(host, 'Two?'), 'pin').click();
      for (const viewer of [ana, host]) {
        await waitForTexts(viewer, ['Two?'], 'now');
        await waitForTexts(viewer, ['One?']);
      }
      const bo = widgetFor('live-qa', 'bo', room) as LiveQa;
      await page(bo);
      await widgetsLoaded(bo);
      await waitForTexts(bo, ['Two?'], 'now');
      await waitForTexts(bo, ['One?']);
    });
  });

  describe('<live-reactions>', () => {
    it('reduced motion: the count on a button adds up every reaction of the burst window, never goes down', async () => {
      const room = uniqueRoom();
      const ana = widgetFor('live-reactions', 'ana', room) as LiveReactions;
      const bo = widgetFor('live-reactions', 'bo', room) as LiveReactions;
      bo.setAttribute('reduced-motion', '');
      await page(ana, bo);
      await widgetsLoaded(ana, bo);
      const clap = () =>
        parts<HTMLButtonElement>(ana, 'button').find((b) => b.textContent!.includes('👏'))!;
      const badge = () => Number(part(bo, 'badge')?.textContent?.replace('+', '') ?? 0);
      const seen: number[] = [];
      const observer = new MutationObserver(() => seen.push(badge()));
      observer.observe(rootOf(bo), { subtree: true, childList: true, characterData: true });

      clap().focus();
      await press('Enter');
      await waitUntil(() => badge() === 1, 'no badge on Bo’s button', WAIT);
      await press('Enter');
      await press('Space');
      await waitUntil(() => bo.store!.$totals.get()['👏'] === 3, 'the burst never came', WAIT);
      await bo.updateComplete;
      observer.disconnect();
      const shown = seen.filter((count) => count > 0);
      expect(shown.at(-1), `badges seen: ${shown.join(', ')}`).to.equal(3);
      expect(
        shown.every((count, i) => i === 0 || count >= shown[i - 1]),
        `badges seen: ${shown.join(', ')}`,
      ).to.equal(true);
    });
  });

  describe('<presence-bar> with <live-chat>', () => {
    it('counts everyone present and says who is typing in the chat', async () => {
      const room = uniqueRoom();
      const hostBar = widgetFor('presence-bar', 'host', room) as PresenceBar;
      const anaBar = widgetFor('presence-bar', 'ana', room) as PresenceBar;
      const boBar = widgetFor('presence-bar', 'bo', room) as PresenceBar;
      const anaChat = widgetFor('live-chat', 'ana', room) as LiveChat;
      anaChat.setAttribute('server', anaBar.getAttribute('server')!);
      await page(hostBar, anaBar, boBar, anaChat);
      await widgetsLoaded(hostBar, anaBar, boBar, anaChat);
      await waitUntil(
        () => part(hostBar, 'count')?.textContent?.includes('3'),
        `the count never said 3 (${part(hostBar, 'count')?.textContent})`,
        WAIT,
      );
      rootOf(anaChat).querySelector('textarea')!.focus();
      await sendKeys({ type: 'Hello ever' });
      await waitUntil(
        () => part(boBar, 'typing')!.textContent === 'Ana is typing…',
        'typing never showed',
        WAIT,
      );
    });
  });

  describe('more of what viewers do', () => {
    it('word cloud: a viewer who changes their word moves their vote in everyone’s cloud', async () => {
      const room = uniqueRoom();
      const host = await pollStore(as('host'), room, relay.tokens.host);
      await openPoll(host, { question: 'Best fruit?', kind: 'wordcloud' });
      const ana = widgetFor('live-poll', 'ana', room) as LivePoll;
      const bo = widgetFor('live-poll', 'bo', room) as LivePoll;
      await page(ana, bo);
      await pollsLoaded(ana, bo);
      await waitForText(ana, 'Best fruit?');
      for (const [viewer, word] of [
        [ana, 'mango'],
        [bo, 'papaya'],
      ] as const) {
        part<HTMLInputElement>(viewer, 'text-input')!.focus();
        await sendKeys({ type: word });
        await press('Enter');
        await waitForText(viewer, `Your answer: ${word}`);
      }
      await waitForResult(ana, 'papaya', '50% · 1 vote');
      part(ana, 'change')!.focus();
      await press('Enter');
      await ana.updateComplete;
      const field = part<HTMLInputElement>(ana, 'text-input')!;
      field.select();
      await sendKeys({ type: 'papaya' });
      await press('Enter');
      await waitForText(ana, 'Your answer: papaya');
      for (const viewer of [ana, bo]) {
        await waitForResult(viewer, 'papaya', '100% · 2 votes');
        await waitUntil(() => resultText(viewer, 'mango') === undefined, 'mango stayed', WAIT);
      }
    });

    it('a poll the host closes shows its final results to a viewer who never voted', async () => {
      const room = uniqueRoom();
      const host = await pollStore(as('host'), room, relay.tokens.host);
      const pollId = await openPoll(host, {
        question: 'Tea or coffee?',
        kind: 'single',
        options: ['Tea', 'Coffee'],
      });
      const ana = widgetFor('live-poll', 'ana', room) as LivePoll;
      const bo = widgetFor('live-poll', 'bo', room) as LivePoll;
      await page(ana, bo);
      await pollsLoaded(ana, bo);
      await waitForText(ana, 'Tea or coffee?');
      parts(ana, 'choice')[1].querySelector('input')!.focus();
      await press('Space', 'Enter');
      await waitForText(ana, 'Your answer: Coffee');
      await host.close(pollId);
      await waitForText(bo, 'Poll closed');
      await waitForResult(bo, 'Coffee', '100% · 1 vote');
      expect(rootOf(bo).querySelector('[part~="vote-form"]')).to.equal(null);
    });

    it('a timed question ends by itself at its deadline: both players see the result, the silent one “No answer”', async () => {
      const room = uniqueRoom();
      const host = await quizStore(as('host'), room, relay.tokens.host);
      await host.load([
        { text: 'Quick one?', options: ['Yes', 'No'], correct: 0, timeLimitMs: 2_000 },
      ]);
      const ana = widgetFor('live-quiz', 'ana', room) as LiveQuiz;
      const bo = widgetFor('live-quiz', 'bo', room) as LiveQuiz;
      const board = widgetFor('live-leaderboard', 'cy', room) as LiveLeaderboard;
      await page(ana, bo, board);
      await widgetsLoaded(ana, bo, board);
      await host.next();
      await waitForText(ana, 'Quick one?');
      option(ana, 'A').click();
      await waitForText(ana, 'Correct!');
      await waitForText(bo, 'No answer');
      await waitUntil(() => parts(board, 'name').length === 1, 'the board', WAIT);
      expect(textIn(board)).to.include('1 player');
      await host.end();
      await waitForText(board, 'Final leaderboard');
      await waitForText(bo, 'Final results');
    });

    it('a player who arrives during a question can still answer it', async () => {
      const room = uniqueRoom();
      const host = await quizStore(as('host'), room, relay.tokens.host);
      await host.load([
        { text: 'Late join?', options: ['Sure', 'No'], correct: 0, timeLimitMs: 30_000 },
      ]);
      await host.next();
      const ana = widgetFor('live-quiz', 'ana', room) as LiveQuiz;
      await page(ana);
      await widgetsLoaded(ana);
      await waitForText(ana, 'Late join?');
      option(ana, 'A').focus();
      await press('1');
      await waitForText(ana, 'Locked in');
      await host.reveal();
      await waitForText(ana, 'Correct!');
    });

    it('two people typing in the chat are both named in everyone else’s presence bar', async () => {
      const room = uniqueRoom();
      const cyBar = widgetFor('presence-bar', 'cy', room) as PresenceBar;
      const anaChat = widgetFor('live-chat', 'ana', room) as LiveChat;
      const boChat = widgetFor('live-chat', 'bo', room) as LiveChat;
      await page(cyBar, anaChat, boChat);
      await widgetsLoaded(cyBar);
      await loaded(anaChat, boChat);
      rootOf(anaChat).querySelector('textarea')!.focus();
      await sendKeys({ type: 'Hi' });
      rootOf(boChat).querySelector('textarea')!.focus();
      await sendKeys({ type: 'Hey' });
      await waitUntil(
        () => /^(Ana and Bo|Bo and Ana) are typing…$/.test(part(cyBar, 'typing')!.textContent!),
        `typing showed "${part(cyBar, 'typing')!.textContent}"`,
        WAIT,
      );
      await press('Enter');
      await waitUntil(() => messageTexts(anaChat).includes('Hey'), 'no message', WAIT);
      await waitUntil(
        () => part(cyBar, 'typing')!.textContent === 'Ana is typing…',
        `after Bo sent, typing showed "${part(cyBar, 'typing')!.textContent}"`,
        WAIT,
      );
    });

    it('a host’s emoji set with markup in it shows as text on every button', async () => {
      const room = uniqueRoom();
      const host = widgetFor('live-reactions', 'host', room) as LiveReactions;
      const ana = widgetFor('live-reactions', 'ana', room) as LiveReactions;
      await page(host, ana);
      await widgetsLoaded(host, ana);
      part<HTMLButtonElement>(host, 'edit')!.click();
      await host.updateComplete;
      const field = part<HTMLInputElement>(host, 'editor-input')!;
      field.select();
      await sendKeys({ type: '❤️, <b>x</b>' });
      part<HTMLButtonElement>(host, 'save')!.click();
      await waitUntil(
        () => parts(ana, 'button').some((b) => b.textContent!.includes('<b>x</b>')),
        'the new set never reached Ana',
        WAIT,
      );
      expect(rootOf(ana).querySelector('b')).to.equal(null);
      parts<HTMLButtonElement>(ana, 'button')
        .find((b) => b.textContent!.includes('<b>x</b>'))!
        .focus();
      await press('Enter');
      await waitUntil(() => host.store!.$totals.get()['<b>x</b>'] === 1, 'no reaction', WAIT);
    });
  });

  describe('a relay that goes away and comes back', () => {
    it('a question asked and a message sent while the relay is down arrive once it is back, once each', async () => {
      const room = uniqueRoom();
      const on = (tag: string, user: 'ana' | 'bo') => {
        const element = document.createElement(tag);
        element.setAttribute('server', as(user, relay.flakyUrl));
        element.setAttribute('room', room);
        element.setAttribute('token', relay.tokens[user]);
        return element;
      };
      const anaQa = on('live-qa', 'ana') as LiveQa;
      const boQa = on('live-qa', 'bo') as LiveQa;
      const anaChat = on('live-chat', 'ana') as LiveChat;
      const boChat = on('live-chat', 'bo') as LiveChat;
      const boBar = on('presence-bar', 'bo') as PresenceBar;
      const anaBar = on('presence-bar', 'ana') as PresenceBar;
      anaChat.setAttribute('server', anaQa.getAttribute('server')!);
      anaBar.setAttribute('server', anaQa.getAttribute('server')!);
      boChat.setAttribute('server', boQa.getAttribute('server')!);
      boBar.setAttribute('server', boQa.getAttribute('server')!);
      await page(anaQa, boQa, anaChat, boChat, boBar, anaBar);
      await widgetsLoaded(anaQa, boQa, boBar, anaBar);
      await loaded(anaChat, boChat);
      await waitUntil(() => part(boBar, 'count')?.textContent?.includes('2'), 'count', WAIT);

      await executeServerCommand('relay-stop');
      try {
        for (const widget of [anaQa, anaChat, boBar])
          await waitUntil(
            () => /Reconnecting|Connection lost|Offline/i.test(textIn(widget)),
            `<${widget.localName}> never said it lost the relay (${textIn(widget).slice(0, 120)})`,
            WAIT,
          );
        await askWithKeyboard(anaQa, 'Asked offline?');
        rootOf(anaChat).querySelector('textarea')!.focus();
        await sendKeys({ type: 'said offline' });
        await press('Enter');
      } finally {
        await executeServerCommand('relay-start');
      }
      await waitForTexts(boQa, ['Asked offline?']);
      await waitForTexts(anaQa, ['Asked offline?']);
      await waitUntil(() => messageTexts(boChat).includes('said offline'), 'no message', WAIT);
      await waitUntil(() => part(boBar, 'count')?.textContent?.includes('2'), 'count', WAIT);
      expect(messageTexts(anaChat).filter((text) => text === 'said offline')).to.have.length(1);
      expect(texts(anaQa)).to.deep.equal(['Asked offline?']);
      for (const widget of [anaQa, anaChat, boBar])
        expect(textIn(widget)).not.to.match(/Reconnecting|Connection lost/);
    });
  });

  describe('host tools', () => {
    it('<live-quiz-host>: a question typed with HTML in it reaches the players as text; Start, Reveal', async () => {
      const room = uniqueRoom();
      const host = widgetFor('live-quiz-host', 'host', room) as LiveQuizHost;
      const ana = widgetFor('live-quiz', 'ana', room) as LiveQuiz;
      await page(host, ana);
      await widgetsLoaded(host, ana);
      part<HTMLTextAreaElement>(host, 'text-input')!.focus();
      await sendKeys({ type: `Which is safe? ${HOSTILE}` });
      const [first, second] = parts<HTMLInputElement>(host, 'option-input');
      first.focus();
      await sendKeys({ type: HOSTILE });
      second.focus();
      await sendKeys({ type: 'Plain text' });
      parts<HTMLInputElement>(host, 'correct')[1].click();
      await clickPart(host, 'save-question');
      await waitUntil(() => parts(host, 'draft').length === 1, 'the question was not added', WAIT);
      await clickPart(host, 'load');
      await waitForText(host, '1 question loaded');
      await clickPart(host, 'next');
      await waitForText(ana, `Which is safe? ${HOSTILE}`);
      expect(option(ana, 'A').textContent).to.include(HOSTILE);
      option(ana, 'B').focus();
      await press('Enter');
      await waitForText(ana, 'Locked in');
      await clickPart(host, 'reveal');
      await waitForText(ana, 'Correct!');
      await waitUntil(() => parts(host, 'name').length === 1, 'no board in the host tool', WAIT);
      expectNoInjectedElement(host, ana);
    });

    it('<live-review-queue>: a held word-cloud answer with HTML is listed as text; A lets it count for the viewers', async () => {
      const room = uniqueRoom();
      const hostStore = await pollStore(as('host'), room, relay.tokens.host);
      const pollId = await openPoll(hostStore, {
        question: 'Hold my words',
        kind: 'wordcloud',
        review: true,
      });
      const queue = widgetFor('live-review-queue', 'host', room) as LiveReviewQueue;
      const ana = widgetFor('live-poll', 'ana', room) as LivePoll;
      const bo = widgetFor('live-poll', 'bo', room) as LivePoll;
      await page(queue, ana, bo);
      await widgetsLoaded(queue);
      await pollsLoaded(ana, bo);
      await waitForText(ana, 'Hold my words');
      part<HTMLInputElement>(ana, 'text-input')!.focus();
      await sendKeys({ type: `${HOSTILE} wonderful` });
      await press('Enter');
      part<HTMLInputElement>(bo, 'text-input')!.focus();
      await sendKeys({ type: 'wonderful' });
      await press('Enter');
      await waitUntil(() => parts(queue, 'item').length === 2, 'nothing to review', WAIT);
      expect(textIn(queue)).to.include(HOSTILE);
      // Every answer of a reviewed poll waits: A approves the selected one, twice.
      part(queue, 'list')!.focus();
      await sendKeys({ press: 'a' });
      await waitUntil(() => parts(queue, 'item').length === 1, 'the entry stayed', WAIT);
      part(queue, 'list')!.focus();
      await sendKeys({ press: 'a' });
      await waitUntil(() => part(queue, 'empty'), 'the entry stayed', WAIT);
      for (const viewer of [ana, bo]) await waitForResult(viewer, 'wonderful', '100% · 2 votes');
      await waitUntil(
        () => hostStore.$polls.get().find((poll) => poll.id === pollId)?.total === 2,
        'the host never counted both',
        WAIT,
      );
      expectNoInjectedElement(queue, ana, bo);
    });
  });

  describe('<presence-bar> counts', () => {
    it('counts a user with two connections once, and the avatars beyond max-avatars as “+N”', async () => {
      const room = uniqueRoom();
      const hostBar = widgetFor('presence-bar', 'host', room) as PresenceBar;
      hostBar.setAttribute('max-avatars', '1');
      const anaOne = widgetFor('presence-bar', 'ana', room) as PresenceBar;
      const anaTwo = widgetFor('presence-bar', 'ana', room) as PresenceBar;
      anaTwo.setAttribute('server', as('ana'));
      const bo = widgetFor('presence-bar', 'bo', room) as PresenceBar;
      await page(hostBar, anaOne, anaTwo, bo);
      await widgetsLoaded(hostBar, anaOne, anaTwo, bo);
      // The visible "+2 watching" (one avatar shown), then the full number for screen readers.
      await waitUntil(
        () => part(hostBar, 'count')?.textContent?.trim().startsWith('+2 watching'),
        'the count never said +2',
        WAIT,
      );
      expect(textIn(hostBar)).to.include('3 people watching');
      expect(parts(hostBar, 'avatar')).to.have.length(1);
      anaTwo.remove();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(textIn(hostBar)).to.include('3 people watching');
      bo.remove();
      await waitUntil(() => textIn(hostBar).includes('2 people watching'), 'Bo never left', WAIT);
    });
  });

  describe('a hostile name', () => {
    it('an anonymous viewer named with HTML shows literally in chat, Q&A, presence and the leaderboard', async () => {
      const room = uniqueRoom();
      const server = as('anon');
      const viewer = await fixture<HTMLElement>(
        html`<live-room server=${server} room=${room} anon-name=${HOSTILE}>
          <live-chat></live-chat>
          <live-qa></live-qa>
          <live-quiz></live-quiz>
          <presence-bar></presence-bar>
        </live-room>`,
      );
      const hostServer = as('host');
      const staff = await fixture<HTMLElement>(
        html`<live-room server=${hostServer} room=${room} token=${relay.tokens.host}>
          <live-chat></live-chat>
          <live-qa></live-qa>
          <presence-bar></presence-bar>
          <live-leaderboard></live-leaderboard>
        </live-room>`,
      );
      const [chat, qa, quiz] = [...viewer.children] as [LiveChat, LiveQa, LiveQuiz];
      const [hostChat, hostQa, hostBar, board] = [...staff.children] as [
        LiveChat,
        LiveQa,
        PresenceBar,
        LiveLeaderboard,
      ];
      await loaded(chat, hostChat);
      await widgetsLoaded(qa, quiz, hostQa, hostBar, board);

      rootOf(chat).querySelector('textarea')!.focus();
      await sendKeys({ type: 'hi all' });
      await press('Enter');
      await waitUntil(() => messageTexts(hostChat).includes('hi all'), 'no message', WAIT);
      expect(textIn(hostChat)).to.include(HOSTILE);

      await askWithKeyboard(qa, 'Who am I?');
      await waitForTexts(hostQa, ['Who am I?']);
      expect(item(hostQa, 'Who am I?').textContent).to.include(HOSTILE);

      part<HTMLButtonElement>(hostBar, 'toggle')!.click();
      await waitUntil(
        () => parts(hostBar, 'name').some((name) => name.textContent!.includes(HOSTILE)),
        'the name is not in the member list',
        WAIT,
      );

      const host = await quizStore(as('host'), room, relay.tokens.host);
      await host.load([{ text: 'Two?', options: ['1', '2'], correct: 1, timeLimitMs: 20_000 }]);
      await host.next();
      await waitForText(quiz, 'Two?');
      option(quiz, 'B').click();
      await waitForText(quiz, 'Locked in');
      await host.reveal();
      await waitUntil(
        () => parts(board, 'name').some((name) => name.textContent!.includes(HOSTILE)),
        'the name is not on the board',
        WAIT,
      );
      expectNoInjectedElement(chat, qa, quiz, hostChat, hostQa, hostBar, board);
    });
  });
});
