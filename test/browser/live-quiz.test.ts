/**
 * `<live-quiz>` and `<live-leaderboard>` in a real browser against a real relay (started by
 * web-test-runner.config.mjs): a host runs the quiz from `<live-quiz-host>` and players answer
 * with the keyboard. Each user gets their own URL to the same relay (`?as=NAME` is ignored by
 * the relay), so each has their own connection.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  getConnection,
  type LiveAnswerEvent,
  type LiveLeaderboard,
  type LiveQuiz,
  type LiveQuizHost,
} from '../../src/index.js';
import { openSockets, uniqueRoom, pageRelay } from './chat-helpers.js';
import {
  announced,
  chooseFile,
  clickPart,
  option,
  optionButtons,
  questions,
  quizStore,
  releaseQuizStores,
  sentOps,
  standings,
  timerShare,
  waitForText,
} from './quiz-helpers.js';
import { part, parts, textIn, widgetsLoaded } from './room-helpers.js';

const { relay, as } = pageRelay();
afterEach(releaseQuizStores);

/** A URL of the main relay for one user of the test. */

const rankCells = (board: LiveLeaderboard) =>
  parts(board, 'rank').map((cell) => cell.textContent!.trim());

describe('<live-quiz>', () => {
  it('plays a round: the host loads a file and runs it, two players answer, see the reveal, their standing and the podium', async () => {
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-quiz-host
          server=${as('host')}
          room=${room}
          token=${relay.tokens.host}
        ></live-quiz-host>
        <button id="start">start</button>
        <live-quiz id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-quiz>
        <live-quiz id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-quiz>
        <live-leaderboard
          server=${as('cy')}
          room=${room}
          token=${relay.tokens.cy}
        ></live-leaderboard>
      </div>`,
    );
    const host = page.querySelector<LiveQuizHost>('live-quiz-host')!;
    const ana = page.querySelector<LiveQuiz>('#ana')!;
    const bo = page.querySelector<LiveQuiz>('#bo')!;
    const board = page.querySelector<LiveLeaderboard>('live-leaderboard')!;
    await widgetsLoaded(host, ana, bo, board);
    expect(textIn(ana)).to.include('The quiz starts soon');
    expect(textIn(board)).to.include('No scores yet');

    // The host loads a file and starts.
    await chooseFile(host, JSON.stringify(questions(2)));
    await waitForText(host, '2 questions read from quiz.json.');
    await clickPart(host, 'load');
    await waitForText(ana, '2 questions');
    await clickPart(host, 'next');

    // Both players see the question at once, with a countdown that runs down.
    await waitUntil(
      () => textIn(ana).includes('Question number 1?') && textIn(bo).includes('Question number 1?'),
      'the question did not reach both players',
    );
    expect(part(ana, 'progress')!.textContent).to.equal('Question 1 of 2');
    expect(part(ana, 'timer')!.getAttribute('role')).to.equal('timer');
    expect(part(ana, 'seconds')!.textContent!.trim()).to.match(/^(30|29) s$/);
    const share = timerShare(ana);
    await waitUntil(() => timerShare(ana) < share, 'the countdown did not move');
    expect(textIn(ana)).to.include('Answer fast');

    // Ana answers with the keyboard: Tab into the widget, an arrow to B, Enter.
    page.querySelector<HTMLButtonElement>('#start')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(ana.shadowRoot!.activeElement).to.equal(option(ana, 'A'));
    await sendKeys({ press: 'ArrowDown' });
    expect(ana.shadowRoot!.activeElement).to.equal(option(ana, 'B'));
    const answered = oneEvent(ana, 'live-answer');
    await sendKeys({ press: 'Enter' });
    const event = (await answered) as LiveAnswerEvent;
    expect(event.detail).to.deep.equal({ index: 0, choice: 1 });
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    await waitForText(ana, 'Locked in: B');
    await waitForText(ana, 'Waiting for the others…');
    expect(announced(ana)).to.equal('Locked in: B, Bravo.');
    expect(optionButtons(ana).every((b) => b.getAttribute('aria-disabled') === 'true')).to.equal(
      true,
    );
    expect(ana.shadowRoot!.activeElement).to.equal(option(ana, 'B'), 'focus stays in place');

    // Bo answers with a number key: "3" is C.
    option(bo, 'A').focus();
    await sendKeys({ press: '3' });
    await waitForText(bo, 'Locked in: C');

    // The reveal: right for Ana with her points, wrong for Bo, counts for everyone.
    await clickPart(host, 'reveal');
    await waitForText(ana, 'Correct!');
    await waitForText(bo, 'Wrong. The answer was B: Bravo');
    expect(option(ana, 'B').getAttribute('part')).to.include('correct');
    expect(option(bo, 'C').getAttribute('part')).to.include('wrong');
    expect(part(bo, 'count')!.textContent).to.equal('0 answers');
    expect(option(bo, 'B').querySelector('[part~="count"]')!.textContent).to.equal('1 answer');
    const anaMe = ana.store!.$me.get();
    expect(anaMe.lastPoints).to.be.above(500);
    expect(part(ana, 'points-won')!.textContent).to.equal(`+${anaMe.lastPoints}`);
    await waitUntil(() => standings(ana).shown === standings(ana).relay, 'Ana: standing');
    await waitUntil(() => standings(bo).shown === standings(bo).relay, 'Bo: standing');
    expect(standings(ana).shown).to.match(/^You: [\d,]+ pts · #1$/);
    expect(standings(bo).shown).to.equal('You: 0 pts · #2');
    expect(announced(ana)).to.match(/^Correct! \+\d+ You: [\d,]+ pts · #1$/);
    expect(announced(bo)).to.include('Wrong. The answer was B: Bravo');

    // The leaderboard element ranks them.
    await waitUntil(() => rankCells(board).length === 2, 'leaderboard rows');
    expect(rankCells(board)).to.deep.equal(['1', '2']);
    expect(parts(board, 'name').map((cell) => cell.textContent!.trim())).to.deep.equal([
      'Ana',
      'Bo',
    ]);
    expect(textIn(board)).to.include('2 players');

    // Second question: both right (A); then the end and the podium.
    await clickPart(host, 'next');
    await waitForText(ana, 'Question 2 of 2');
    await waitForText(bo, 'Question 2 of 2');
    option(ana, 'A').click();
    option(bo, 'A').click();
    await waitForText(ana, 'Locked in: A');
    await waitForText(bo, 'Locked in: A');
    await clickPart(host, 'end');
    await waitForText(ana, 'Final results');
    await waitForText(bo, 'Final results');
    const steps = parts(ana, 'step');
    expect(
      steps.map((step) => step.querySelector('[part~="podium-name"]')!.textContent),
    ).to.deep.equal(['Ana', 'Bo']);
    expect(steps[0].getAttribute('part')).to.include('you');
    expect(part(ana, 'standing')!.textContent).to.equal(standings(ana).relay);
    expect(part(bo, 'standing')!.textContent).to.equal(standings(bo).relay);
    expect(announced(ana)).to.match(/^The quiz is over\. You: [\d,]+ pts · #1$/);
    await waitForText(board, 'Final leaderboard');
    expect(part(board, 'board')!.getAttribute('part')).to.include('final');
  });

  it('accessible mode: the relay doubles the time, the widget drops the speed wording and announces the question, a time warning and the result', async () => {
    const room = uniqueRoom();
    const host = await quizStore(as('host'), room, relay.tokens.host);
    await host.load(questions(1, 5_500), { accessible: true });
    const quiz = await fixture<LiveQuiz>(
      html`<live-quiz server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-quiz>`,
    );
    await widgetsLoaded(quiz);
    await host.next();
    await waitForText(quiz, 'Question number 1?');
    expect(quiz.store!.$question.get()!.timeLimitMs).to.equal(11_000);
    const text = textIn(quiz);
    expect(text).to.include('Take your time.');
    for (const hurry of ['fast', 'quick', 'Up to', 'speed']) expect(text).not.to.include(hurry);
    expect(announced(quiz)).to.equal('Question 1 of 1: Question number 1? 4 answers.');
    // At 10 s left, once.
    await waitUntil(() => announced(quiz) === '10 seconds left.', 'no time warning', {
      timeout: 3_000,
    });
    option(quiz, 'B').click();
    await waitForText(quiz, 'Locked in: B');
    await host.reveal();
    await waitForText(quiz, 'Correct!');
    // No speed factor: the full points.
    expect(part(quiz, 'points-won')!.textContent).to.equal('+1,000');
    expect(announced(quiz)).to.equal('Correct! +1,000 You: 1,000 pts · #1');
  });

  it('the accessible attribute drops the speed wording for one viewer in a normal quiz', async () => {
    const room = uniqueRoom();
    const host = await quizStore(as('host'), room, relay.tokens.host);
    await host.load(questions(1));
    const quiz = await fixture<LiveQuiz>(
      html`<live-quiz
        accessible
        server=${as('ana')}
        room=${room}
        token=${relay.tokens.ana}
      ></live-quiz>`,
    );
    await widgetsLoaded(quiz);
    await host.next();
    await waitForText(quiz, 'Take your time.');
    expect(textIn(quiz)).not.to.include('Up to');
    expect(part(quiz, 'points')!.textContent!.trim()).to.equal('1,000 pts');
  });

  it('a cancelled live-answer sends nothing', async () => {
    const room = uniqueRoom();
    const host = await quizStore(as('host'), room, relay.tokens.host);
    await host.load(questions(1));
    const url = as('ana');
    const quiz = await fixture<LiveQuiz>(
      html`<live-quiz server=${url} room=${room} token=${relay.tokens.ana}></live-quiz>`,
    );
    await widgetsLoaded(quiz);
    await host.next();
    await waitForText(quiz, 'Question number 1?');
    quiz.addEventListener('live-answer', (event) => event.preventDefault());
    option(quiz, 'B').click();
    await quiz.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentOps(url, 'answer')).to.have.length(0);
    expect(textIn(quiz)).not.to.include('Locked in');
    expect(option(quiz, 'B').getAttribute('aria-disabled')).to.equal('false');
  });

  it('shows question and option text with HTML literally', async () => {
    const room = uniqueRoom();
    const host = await quizStore(as('host'), room, relay.tokens.host);
    const text = '<b>Bold?</b> <img src=x onerror="window.pwned=1">';
    await host.load([
      { text, options: ['<i>one</i>', '<script>two</script>'], correct: 0, timeLimitMs: 30_000 },
    ]);
    const quiz = await fixture<LiveQuiz>(
      html`<live-quiz server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-quiz>`,
    );
    await widgetsLoaded(quiz);
    await host.next();
    await waitForText(quiz, text);
    expect(part(quiz, 'question')!.textContent).to.equal(text);
    expect(option(quiz, 'B').querySelector('[part~="option-text"]')!.textContent).to.equal(
      '<script>two</script>',
    );
    expect(quiz.shadowRoot!.querySelector('b, img, i, script')).to.equal(null);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('pauses answering offline; an answer sent just before a drop waits in the outbox and is re-sent', async () => {
    const room = uniqueRoom();
    const host = await quizStore(as('host'), room, relay.tokens.host);
    await host.load(questions(1));
    const url = as('ana');
    getConnection(url, { token: relay.tokens.ana, minBackoffMs: 50, maxBackoffMs: 200 });
    const quiz = await fixture<LiveQuiz>(html`<live-quiz server=${url} room=${room}></live-quiz>`);
    await widgetsLoaded(quiz);
    await host.next();
    await waitForText(quiz, 'Question number 1?');

    // The network goes away right after the click: the socket drops before the ack.
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      option(quiz, 'B').click();
      for (const socket of openSockets(url)) socket.close(4000);
      await waitForText(quiz, 'You are offline. Answering is paused');
      await waitForText(quiz, 'Locked in: B');
      await waitForText(quiz, 'Your answer will be sent when the connection is back.');
      expect(optionButtons(quiz).every((b) => b.getAttribute('aria-disabled') === 'true')).to.equal(
        true,
      );
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
    window.dispatchEvent(new Event('online'));
    await waitForText(quiz, 'Waiting for the others…');
    expect(textIn(quiz)).not.to.include('offline');
    const sent = sentOps(url, 'answer');
    expect(sent.length).to.equal(2, 'sent, then re-sent');
    expect(sent[0].mid).to.equal(sent[1].mid);
    await host.reveal();
    await waitForText(quiz, 'Correct!');
  });
});

describe('<live-leaderboard>', () => {
  it('shows shared ranks, the limit, the players count and my row', async () => {
    const room = uniqueRoom();
    const host = await quizStore(as('host'), room, relay.tokens.host);
    await host.load(questions(1));
    const players = await Promise.all(
      (['ana', 'bo', 'cy'] as const).map((user) => quizStore(as(user), room, relay.tokens[user])),
    );
    const board = await fixture<LiveLeaderboard>(
      html`<live-leaderboard
        limit="2"
        server=${as('cy')}
        room=${room}
        token=${relay.tokens.cy}
      ></live-leaderboard>`,
    );
    await widgetsLoaded(board);
    expect(textIn(board)).to.include('No scores yet');
    await host.next();
    await Promise.all(players.map((player) => waitUntil(() => player.$question.get() !== null)));
    // Ana and Bo wrong (a 0-0 tie), Cy right.
    await players[0].answer(0);
    await players[1].answer(2);
    await players[2].answer(1);
    await host.reveal();
    await waitUntil(() => rankCells(board).length === 2, 'rows');
    expect(rankCells(board)[0]).to.equal('1');
    expect(part(board, 'row')!.getAttribute('part')).to.equal('row you');
    expect(parts(board, 'name')[0].textContent).to.include('Cy');
    expect(parts(board, 'name')[0].textContent).to.include('(you)');
    expect(rankCells(board)[1]).to.match(/^2\s+tied$/);
    expect(textIn(board)).to.include('3 players');
  });
});
