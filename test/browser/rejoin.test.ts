/**
 * Rejoining keeps your place (issue 12, item 7): after a real page reload, or a dropped
 * connection, a quiz player keeps score, streak and their answer to the open question, a voter
 * sees their vote, and a Q&A asker sees their questions awaiting approval or turned down; for
 * anonymous viewers (their key stays in localStorage) and signed-in ones (the same token).
 *
 * The widget under test lives in a page of its own (an iframe) that the test reloads; the host
 * drives the room from this page, with a store on its own connection.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  createQaStore,
  getConnection,
  releaseConnection,
  type LivePoll,
  type LiveQa,
  type LiveQuiz,
  type PollAnswer,
  type PollInput,
  type QaStore,
} from '../../src/index.js';
import { pageRelay, uniqueRoom } from './chat-helpers.js';
import { openPoll, pollStore, releasePollStores } from './poll-helpers.js';
import { option, optionButtons, questions, quizStore, releaseQuizStores } from './quiz-helpers.js';
import { dropConnection, removeWidgetPages, widgetPage } from './rejoin-helpers.js';
import { part, parts, textIn, waitForTextIn, widgetsLoaded } from './room-helpers.js';

const { relay, as } = pageRelay();
const WAIT = { timeout: 10_000 };

/** Everything else to undo after a test. */
const cleanup: (() => void)[] = [];
afterEach(() => {
  removeWidgetPages();
  releaseQuizStores();
  releasePollStores();
  for (const undo of cleanup.splice(0).reverse()) undo();
});

/** The two kinds of viewer: anonymous (no token) and signed in (Ana's token). */
const viewers = [
  { who: 'an anonymous viewer', token: undefined },
  { who: 'a signed-in viewer', token: () => relay.tokens.ana },
] as const;

async function qaStore(url: string, room: string, token: string): Promise<QaStore> {
  const connection = getConnection(url, { token });
  const store = createQaStore(connection, room);
  cleanup.push(
    () => releaseConnection(connection),
    () => store.destroy(),
  );
  await waitUntil(() => store.$loaded.get(), 'qa store did not load', WAIT);
  return store;
}

/** The texts of `<live-qa>`'s own questions (awaiting approval or not approved), with badges. */
const mine = (qa: LiveQa) =>
  parts(qa, 'question')
    .filter((item) => item.querySelector('[part~="badge"]'))
    .map((item) =>
      ['text', 'badge']
        .map((name) => item.querySelector(`[part~="${name}"]`)!.textContent)
        .join(' '),
    );

/** Whether an answer button (or the one labelled `letter`) takes an answer now. */
const open = (quiz: LiveQuiz, button: string | HTMLButtonElement) =>
  (typeof button === 'string' ? option(quiz, button) : button).getAttribute('aria-disabled') ===
  'false';

describe('rejoining keeps your place', () => {
  for (const viewer of viewers) {
    describe(`as ${viewer.who}`, () => {
      it('a quiz player keeps score, streak and the answer to the open question across a reload', async () => {
        const room = uniqueRoom();
        const host = await quizStore(as('host'), room, relay.tokens.host);
        await host.load(questions(3)); // answers: B, A, B
        const page = await widgetPage({
          server: as('player'),
          room,
          token: viewer.token?.(),
          tag: 'live-quiz',
        });
        const play = async (index: number, letter: string, answered: number) => {
          const quiz = page.widget<LiveQuiz>();
          await waitUntil(
            () => quiz.store!.$question.get()?.index === index && open(quiz, letter),
            `question ${index} is not open`,
            WAIT,
          );
          option(quiz, letter).click();
          await waitForTextIn(quiz, `Locked in: ${letter}`);
          // The relay counted it: a reload from here loses nothing to the outbox.
          await waitUntil(() => host.$answeredCount.get() === answered, 'not counted', WAIT);
        };
        await host.next();
        await play(0, 'B', 1);
        await host.reveal();
        await host.next();
        await play(1, 'A', 1);
        await host.reveal();
        await host.next();
        await play(2, 'C', 1);

        const before = page.widget<LiveQuiz>().store!.$me.get();
        expect(before.score).to.be.greaterThan(1000);
        expect(before.streak).to.equal(2);
        expect(before.rank).to.equal(1);
        await page.reload();

        const quiz = page.widget<LiveQuiz>();
        await waitUntil(() => quiz.store!.$me.get().score === before.score, 'score lost', WAIT);
        expect(quiz.store!.$me.get()).to.deep.include({ score: before.score, rank: 1, streak: 2 });
        expect(quiz.store!.$myAnswer.get()).to.deep.equal({ index: 2, choice: 2 });
        await quiz.updateComplete;
        expect(textIn(quiz)).to.include('Locked in: C');
        expect(option(quiz, 'C').getAttribute('part')).to.include('mine');
        expect(part(quiz, 'standing')!.textContent).to.include(
          `You: ${before.score.toLocaleString('en-US')} pts · #1`,
        );
        expect(part(quiz, 'streak')!.textContent).to.equal('2 in a row');
        expect(optionButtons(quiz).some((button) => open(quiz, button))).to.equal(false);
      });

      it('a voter sees their vote after a reload: single, multi, rating and word cloud', async () => {
        const room = uniqueRoom();
        const host = await pollStore(as('host'), room, relay.tokens.host);
        const kinds: { input: PollInput; answer: PollAnswer; shown: string }[] = [
          {
            input: { question: 'Pick one', options: ['Red', 'Green', 'Blue'], kind: 'single' },
            answer: { choice: 1 },
            shown: 'Your answer: Green',
          },
          {
            input: { question: 'Pick any', options: ['Tea', 'Coffee', 'Milk'], kind: 'multi' },
            answer: { choices: [0, 2] },
            shown: 'Your answer: Tea, Milk',
          },
          {
            input: { question: 'Rate it', options: ['1', '2', '3', '4', '5'], kind: 'rating' },
            answer: { choice: 3 },
            shown: 'Your answer: 4',
          },
          {
            input: { question: 'One word', options: [], kind: 'wordcloud' },
            answer: { text: 'sunshine' },
            shown: 'Your answer: sunshine',
          },
        ];
        for (const kind of kinds) {
          const pollId = await openPoll(host, kind.input);
          const page = await widgetPage({
            server: as('voter'),
            room,
            token: viewer.token?.(),
            tag: `live-poll poll-id="${pollId}"`,
          });
          await page.widget<LivePoll>().store!.vote(pollId, kind.answer);
          await waitForTextIn(page.widget(), kind.shown);

          await page.reload();

          const poll = page.widget<LivePoll>();
          await waitUntil(() => poll.store!.$myVotes.get()[pollId], 'vote lost', WAIT);
          expect(poll.store!.$myVotes.get()[pollId]).to.deep.equal(kind.answer);
          await waitForTextIn(poll, kind.shown);
          page.remove();
        }
      });

      it('a Q&A asker sees their questions awaiting approval and turned down after a reload', async () => {
        const room = uniqueRoom();
        const host = await qaStore(as('host'), room, relay.tokens.host);
        await host.setModeration(true);
        const page = await widgetPage({
          server: as('asker'),
          room,
          token: viewer.token?.(),
          tag: 'live-qa',
        });
        const asker = page.widget<LiveQa>().store!;
        const waiting = await asker.ask('Will the slides be shared?');
        const refused = await asker.ask('Is this question rude?');
        expect([waiting.status, refused.status]).to.deep.equal(['pending', 'pending']);
        await host.hide(refused.id);
        await waitForTextIn(page.widget(), 'Not approved');
        expect(mine(page.widget())).to.deep.equal([
          'Will the slides be shared? Awaiting approval',
          'Is this question rude? Not approved',
        ]);

        await page.reload();

        const qa = page.widget<LiveQa>();
        await waitForTextIn(qa, 'Not approved');
        expect(mine(qa)).to.deep.equal([
          'Will the slides be shared? Awaiting approval',
          'Is this question rude? Not approved',
        ]);
        // Approved later: it leaves "mine" for the list, as before the reload.
        await host.approve(waiting.id);
        await waitUntil(() => mine(qa).length === 1, 'still awaiting approval', WAIT);
        expect(textIn(qa)).to.include('Will the slides be shared?');
      });
    });
  }

  describe('after a dropped connection', () => {
    /** A widget of this page on a connection that retries quickly. */
    async function widgetOn<E extends LiveQa | LiveQuiz>(
      tag: 'live-qa' | 'live-quiz',
      room: string,
      token?: string,
    ) {
      const url = as('viewer');
      const connection = getConnection(url, { token, minBackoffMs: 100, maxBackoffMs: 400 });
      cleanup.push(() => releaseConnection(connection));
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-room server=${url} room=${room} .token=${token}>
            ${tag === 'live-qa' ? html`<live-qa></live-qa>` : html`<live-quiz></live-quiz>`}
          </live-room>
        </div>`,
      );
      const widget = page.querySelector(tag) as E;
      await widgetsLoaded(widget);
      return { url, widget };
    }

    it('a Q&A asker whose question was turned down while away sees "Not approved"', async () => {
      const room = uniqueRoom();
      const host = await qaStore(as('host'), room, relay.tokens.host);
      await host.setModeration(true);
      const { url, widget: qa } = await widgetOn<LiveQa>('live-qa', room, relay.tokens.bo);
      const asked = await qa.store!.ask('Can we get a recording?');
      await waitForTextIn(qa, 'Awaiting approval');

      await dropConnection(url, () => host.hide(asked.id));

      await waitForTextIn(qa, 'Not approved');
      expect(mine(qa)).to.deep.equal(['Can we get a recording? Not approved']);
    });

    it('a quiz player whose question was revealed while away gets the new score and streak', async () => {
      const room = uniqueRoom();
      const host = await quizStore(as('host'), room, relay.tokens.host);
      await host.load(questions(2));
      await host.next();
      const { url, widget: quiz } = await widgetOn<LiveQuiz>('live-quiz', room);
      await waitUntil(() => open(quiz, 'B'), 'options disabled', WAIT);
      option(quiz, 'B').click();
      await waitUntil(() => host.$answeredCount.get() === 1, 'not counted', WAIT);

      await dropConnection(url, () => host.reveal());

      await waitUntil(() => quiz.store!.$me.get().score > 0, 'no score after the resume', WAIT);
      expect(quiz.store!.$me.get()).to.deep.include({ rank: 1, streak: 1, lastCorrect: true });
      await waitForTextIn(quiz, 'Correct');
    });
  });
});

/** The ops stored in this origin's IndexedDB outbox for `room`'s channels (every page's). */
async function storedOps(room: string): Promise<{ ch: string; type: string }[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('hubbub-outbox');
    request.addEventListener('success', () => resolve(request.result));
    request.addEventListener('error', () => reject(request.error));
  });
  try {
    if (!db.objectStoreNames.contains('ops')) return [];
    const rows = await new Promise<{ ch: string; type: string }[]>((resolve, reject) => {
      const request = db.transaction('ops').objectStore('ops').getAll();
      request.addEventListener('success', () => resolve(request.result));
      request.addEventListener('error', () => reject(request.error));
    });
    return rows.filter((row) => row.ch.startsWith(`${room}/`));
  } finally {
    db.close();
  }
}

describe('sent while away, then a reload (issue 12, items 2 and 7)', () => {
  it('a vote, a question and a quiz answer left unanswered show as pending after the reload; then confirmed, or too late said so', async () => {
    const room = uniqueRoom();
    const host = as('host', relay.flakyUrl);
    const polls = await pollStore(host, room, relay.tokens.host);
    const pollId = await openPoll(polls, { kind: 'single', question: 'Tea?', options: ['Y', 'N'] });
    const qaHost = await qaStore(host, room, relay.tokens.host);
    const quizHost = await quizStore(host, room, relay.tokens.host);
    await quizHost.load(questions(1, 2_000));
    const page = await widgetPage({
      server: as('viewer', relay.flakyUrl),
      room,
      tag: 'live-poll',
      also: ['live-qa', 'live-quiz'],
    });
    const poll = () => page.widget<LivePoll>();
    const qa = () => page.find<LiveQa>('live-qa');
    const quiz = () => page.find<LiveQuiz>('live-quiz');
    await waitUntil(() => qa().store?.$loaded.get() && quiz().store?.$loaded.get(), 'load', WAIT);
    await quizHost.next();
    await waitUntil(() => quiz().store!.$question.get(), 'no question', WAIT);
    const { endsAt } = quiz().store!.$question.get()!;

    await executeServerCommand('relay-pause');
    try {
      // Sent into a relay that does not answer: stored, then the viewer reloads.
      poll()
        .store!.vote(pollId, { choice: 0 })
        .catch(() => {});
      qa()
        .store!.ask('Is there a recording?')
        .catch(() => {});
      quiz()
        .store!.answer(1)
        .catch(() => {});
      await waitUntil(async () => (await storedOps(room)).length === 3, 'not stored', WAIT);
      await page.reload({ loaded: false });
      await waitUntil(() => qa().store && quiz().store, 'no stores after the reload', WAIT);

      // Before the relay answers anything: the vote is mine, the question is on its way.
      await waitUntil(() => poll().store!.$myVotes.get()[pollId], 'the vote is gone', WAIT);
      expect(poll().store!.$myVotes.get()).to.deep.equal({ [pollId]: { choice: 0 } });
      await waitUntil(() => qa().store!.$asking.get().length === 1, 'the question is gone', WAIT);
      expect(qa().store!.$asking.get()[0]).to.deep.include({
        text: 'Is there a recording?',
        anonymous: false,
      });
      // The quiz answer reaches the relay after its time is up.
      await waitUntil(() => Date.now() > endsAt! + 1_000, 'the question never ended', WAIT);
    } finally {
      await executeServerCommand('relay-resume');
    }

    await waitUntil(() => qa().store!.$loaded.get(), 'not loaded after the reload', WAIT);
    await waitForTextIn(qa(), 'Is there a recording?');
    expect(parts(qa(), 'question').some((item) => item.hasAttribute('data-sending'))).to.equal(
      false,
    );
    expect(qa().store!.$asking.get()).to.deep.equal([]);
    await waitUntil(() => qaHost.$questions.get().length === 1, 'the host never got it', WAIT);
    await waitUntil(() => polls.$polls.get()[0]?.total === 1, 'the vote never counted', WAIT);
    expect(poll().store!.$myVotes.get()).to.deep.equal({ [pollId]: { choice: 0 } });
    await waitForTextIn(quiz(), 'Too late');
    expect(part(quiz(), 'error')!.textContent).to.include('your answer was not counted');
  });
});
