/**
 * Keyboard-only flows of the viewer widgets (issue 16): poll, quiz, Q&A and reactions, each
 * driven with the real keyboard (Tab, Shift+Tab, Space, Enter, the arrows) from a button at the
 * page's start, against a real relay. Every step checks where the focus is, through the shadow
 * roots (never `<body>`), and every action is checked where it lands: on the relay, as another
 * user's client sees it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing, type TemplateResult } from 'lit';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import {
  defineElements,
  getConnection,
  type LivePoll,
  type LiveQa,
  type LiveQuiz,
  type LiveReactions,
  type PollStore,
} from '../../src/index.js';
import { pageRelay, uniqueRoom } from './chat-helpers.js';
import { openPoll, pollStore, pollsLoaded, releasePollStores } from './poll-helpers.js';
import { questions, quizStore, releaseQuizStores, waitForText } from './quiz-helpers.js';
import { part, parts, rootOf, textIn, widgetsLoaded } from './room-helpers.js';

defineElements();
const { relay, as } = pageRelay();
afterEach(() => {
  releasePollStores();
  releaseQuizStores();
});

const WAIT = { timeout: 10_000 };

/** The element that has the focus, through every shadow root. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const describeElement = (element: Element | null) =>
  element
    ? `<${element.localName} part="${element.getAttribute('part') ?? ''}" aria-label="${element.getAttribute('aria-label') ?? ''}"> "${(element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`
    : 'nothing';

/**
 * Fails unless the focus is on `target`, and visible there: a keyboard user's focus matches
 * `:focus-visible` and draws an outline (chai's diff of DOM nodes can hang, hence by hand).
 */
function expectFocus(target: Element | null | undefined, why = ''): void {
  const active = deepActive();
  if (!target || active !== target) {
    throw new Error(
      `focus is on ${describeElement(active)}, not on ${describeElement(target ?? null)} ${why}`,
    );
  }
  if (!target.matches(':focus-visible') || getComputedStyle(target).outlineStyle === 'none') {
    throw new Error(`the focus on ${describeElement(target)} is not visible ${why}`);
  }
}

/** Fails unless the focus is inside `widget`'s shadow root (and so not on `<body>`). */
function expectFocusIn(widget: Element, why = ''): Element {
  const inside = rootOf(widget).activeElement;
  if (!inside)
    throw new Error(`focus left <${widget.localName}> for ${describeElement(deepActive())} ${why}`);
  return inside;
}

/** Presses keys one after another with the real keyboard; `Shift+Tab` holds Shift down. */
async function press(...keys: string[]): Promise<void> {
  for (const key of keys) {
    const [modifier, main] = key.includes('+') ? key.split('+') : [undefined, key];
    if (modifier) await sendKeys({ down: modifier });
    await sendKeys({ press: main });
    if (modifier) await sendKeys({ up: modifier });
  }
}

/** Presses Tab until `wanted` says yes of the focused element (at most `most` times). */
async function tabUntil(wanted: (element: Element | null) => boolean, most = 15, key = 'Tab') {
  for (let i = 0; i < most && !wanted(deepActive()); i++) await press(key);
  if (!wanted(deepActive()))
    throw new Error(`${key} never reached it: ${describeElement(deepActive())}`);
}

/**
 * A page of `widgets` after a start button (where the keyboard starts) and, with `end`, before
 * an end button (where Tab leaves them).
 */
function pageWith(widgets: TemplateResult, { end = false } = {}): Promise<HTMLElement> {
  return fixture<HTMLElement>(
    html`<div>
      <button id="start">start</button>
      ${widgets} ${end ? html`<button id="end">end</button>` : nothing}
    </div>`,
  );
}

/** Puts the focus at the start of the page: the only focus not given by the keyboard. */
function startOfPage(page: HTMLElement): void {
  page.querySelector<HTMLButtonElement>('#start')!.focus();
}

// ------------------------------------------------------------------ <live-poll>

/** A host's poll store and Ana's `<live-poll>` after a start button, in a new room. */
async function pollPage() {
  const room = uniqueRoom();
  const host = await pollStore(as('host'), room, relay.tokens.host);
  const page = await pageWith(
    html`<live-poll server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-poll>`,
    { end: true },
  );
  const poll = page.querySelector<LivePoll>('live-poll')!;
  await pollsLoaded(poll);
  return { page, host, poll };
}

/** Waits until the relay's counts of `pollId`, as the host's client sees them, are `counts`. */
async function relayCounts(host: PollStore, pollId: string, counts: unknown): Promise<void> {
  const now = () => host.$polls.get().find((poll) => poll.id === pollId)?.counts;
  await waitUntil(
    () => JSON.stringify(now()) === JSON.stringify(counts),
    `the relay never counted ${JSON.stringify(counts)} (counts ${JSON.stringify(now())})`,
    WAIT,
  );
}

const pollAnnounced = (poll: LivePoll) =>
  rootOf(poll).querySelector('.visually-hidden[role="status"]')!.textContent!.trim();

const radios = (poll: LivePoll) =>
  parts(poll, 'choice').map((choice) => choice.querySelector('input')!);

describe('keyboard only: <live-poll>', () => {
  it('single choice: Tab into the radio group, arrows pick, Enter votes; focus lands on "Change"; changing the vote by keyboard', async () => {
    const { page, host, poll } = await pollPage();
    const pollId = await openPoll(host, {
      question: 'Best snack?',
      kind: 'single',
      options: ['Crisps', 'Fruit', 'Nuts'],
    });
    await waitForText(poll, 'Best snack?');

    startOfPage(page);
    await press('Tab');
    expectFocus(radios(poll)[0], 'Tab enters the group at its first radio');
    await press('ArrowDown');
    expectFocus(radios(poll)[1]);
    expect(radios(poll)[1].checked).to.equal(true);
    await press('Space'); // Space keeps the radio under focus chosen
    expect(radios(poll)[1].checked).to.equal(true);
    // One Tab stop for the group: the next Tab is the Vote button, Shift+Tab comes back.
    await press('Tab');
    expectFocus(part(poll, 'vote'));
    await press('Shift+Tab');
    expectFocus(radios(poll)[1], 'Shift+Tab returns to the chosen radio');
    await press('Enter');
    await relayCounts(host, pollId, [0, 1, 0]);
    await waitForText(poll, 'Your answer: Fruit');
    expectFocus(part(poll, 'change'), 'the form left; focus goes to "Change"');
    expect(pollAnnounced(poll)).to.equal('Your answer: Fruit');
    await waitUntil(() => part(poll, 'total')?.textContent === '1 voter', 'no results', WAIT);

    // Change the vote: Enter on "Change", the form opens on the chosen radio.
    await press('Enter');
    await poll.updateComplete;
    expectFocus(radios(poll)[1]);
    await press('ArrowDown');
    expectFocus(radios(poll)[2]);
    await press('Enter');
    await relayCounts(host, pollId, [0, 0, 1]);
    await waitForText(poll, 'Your answer: Nuts');
    expectFocus(part(poll, 'change'));
  });

  it('multiple choice: Space ticks checkboxes, Tab to Vote, Enter', async () => {
    const { page, host, poll } = await pollPage();
    const pollId = await openPoll(host, {
      question: 'Which days?',
      kind: 'multi',
      options: ['Mon', 'Tue', 'Wed'],
    });
    await waitForText(poll, 'Which days?');
    const boxes = radios(poll);
    startOfPage(page);
    await press('Tab');
    expectFocus(boxes[0]);
    await press('Space', 'Tab');
    expectFocus(boxes[1], 'each checkbox is a Tab stop');
    await press('Tab', 'Space');
    expect(boxes.map((box) => box.checked)).to.deep.equal([true, false, true]);
    await press('Tab');
    expectFocus(part(poll, 'vote'));
    await press('Enter');
    await relayCounts(host, pollId, [1, 0, 1]);
    await waitForText(poll, 'Your answer: Mon, Wed');
    expectFocus(part(poll, 'change'));
  });

  it('rating: one Tab stop, arrows move along the scale, Space picks, Enter votes', async () => {
    const { page, host, poll } = await pollPage();
    const pollId = await openPoll(host, {
      question: 'How was it?',
      kind: 'rating',
      options: ['1', '2', '3', '4', '5'],
    });
    await waitForText(poll, 'How was it?');
    const steps = () => parts(poll, 'scale-option');
    startOfPage(page);
    await press('Tab');
    expectFocus(steps()[0]);
    await press('ArrowRight', 'ArrowRight', 'Space');
    expectFocus(steps()[2]);
    expect(steps()[2].getAttribute('aria-checked')).to.equal('true');
    await press('Tab');
    expectFocus(part(poll, 'vote'), 'the scale is one Tab stop');
    await press('Shift+Tab');
    expectFocus(steps()[2], 'Shift+Tab comes back to the chosen step');
    await press('Enter');
    await relayCounts(host, pollId, [0, 0, 1, 0, 0]);
    await waitForText(poll, 'Your answer: 3');
    expectFocus(part(poll, 'change'));
  });

  it('word cloud: type and Enter; the results follow and focus stays in the poll', async () => {
    const { page, host, poll } = await pollPage();
    const pollId = await openPoll(host, { question: 'One word?', kind: 'wordcloud', options: [] });
    await waitForText(poll, 'One word?');
    startOfPage(page);
    await press('Tab');
    expectFocus(part(poll, 'text-input'));
    await sendKeys({ type: 'pizza' });
    await press('Enter');
    await relayCounts(host, pollId, { pizza: 1 });
    await waitForText(poll, 'Your answer: pizza');
    expectFocus(part(poll, 'change'));
    expect(pollAnnounced(poll)).to.equal('Your answer: pizza');
  });

  it('open text: Enter sends, the box keeps the focus; after the last answer the question takes it', async () => {
    const { page, host, poll } = await pollPage();
    const pollId = await openPoll(host, {
      question: 'Your takeaway?',
      kind: 'opentext',
      options: [],
      maxAnswers: 2,
    });
    await waitForText(poll, 'Your takeaway?');
    const answers = () =>
      (host.$polls.get().find((shown) => shown.id === pollId)?.answers ?? []).map(
        (answer) => answer.text,
      );
    startOfPage(page);
    await press('Tab');
    expectFocus(part(poll, 'text-input'));
    await sendKeys({ type: 'Ship it' });
    await press('Enter');
    await waitUntil(() => answers().includes('Ship it'), 'the relay has no answer', WAIT);
    await waitForText(poll, '1 of 2 answers given');
    expectFocus(part(poll, 'text-input'), 'ready for the next answer');
    await sendKeys({ type: 'Test more' });
    await press('Enter');
    await waitUntil(() => answers().includes('Test more'), 'the relay has no 2nd answer', WAIT);
    await waitForText(poll, '2 of 2 answers given');
    // The form left with the last answer allowed: the question keeps the place.
    expectFocus(part(poll, 'question'), 'the form is gone');
  });

  it('ranking inside another component’s shadow root: the picked-up option keeps the focus as it moves', async () => {
    const room = uniqueRoom();
    const host = await pollStore(as('host'), room, relay.tokens.host);
    const page = await pageWith(html`<div id="app"></div>`);
    // An app's component renders the poll in its own shadow root (a Lit or Angular app): the
    // page's activeElement is then the app, not the poll.
    const app = page.querySelector('#app')!.attachShadow({ mode: 'open' });
    const poll = document.createElement('live-poll');
    poll.setAttribute('server', as('ana'));
    poll.setAttribute('room', room);
    poll.setAttribute('token', relay.tokens.ana);
    app.append(poll);
    await pollsLoaded(poll);
    const pollId = await openPoll(host, {
      question: 'Best city?',
      kind: 'ranking',
      options: ['Kyoto', 'Lima', 'Oslo'],
    });
    await waitForText(poll, 'Best city?');
    const grab = (label: string) =>
      parts(poll, 'rank-item')
        .find((item) => item.querySelector('.option')!.textContent === label)!
        .querySelector<HTMLButtonElement>('[part~="grab"]');
    startOfPage(page);
    await press('Tab');
    expectFocus(grab('Kyoto'));
    await press('Space', 'ArrowDown');
    await poll.updateComplete;
    expectFocus(grab('Kyoto'), 'the moved option keeps the focus');
    await press('Space');
    await tabUntil((element) => element === part(poll, 'vote'));
    await press('Enter');
    // Borda points: Lima first (2), Kyoto second (1), Oslo last (0).
    await relayCounts(host, pollId, [1, 2, 0]);
    await waitForText(poll, 'Your answer: 1. Lima, 2. Kyoto, 3. Oslo');
    expectFocus(part(poll, 'change'));
  });

  it('keeps the focus in the poll when voting pauses under it (the relay goes away)', async () => {
    const room = uniqueRoom();
    const url = as('ana', relay.flakyUrl);
    getConnection(url, { token: relay.tokens.ana, minBackoffMs: 100, maxBackoffMs: 400 });
    const host = await pollStore(as('host', relay.flakyUrl), room, relay.tokens.host);
    await openPoll(host, { question: 'Still there?', kind: 'single', options: ['Yes', 'No'] });
    const page = await pageWith(html`<live-poll server=${url} room=${room}></live-poll>`);
    const poll = page.querySelector<LivePoll>('live-poll')!;
    await pollsLoaded(poll);
    await waitForText(poll, 'Still there?');
    startOfPage(page);
    await press('Tab');
    expectFocus(radios(poll)[0]);

    await executeServerCommand('relay-stop');
    try {
      await waitForText(poll, 'Voting is paused.');
      // The radios are disabled and cannot hold the focus: the question takes it.
      await poll.updateComplete;
      await new Promise(requestAnimationFrame);
      expect(radios(poll)[0].disabled).to.equal(true);
      expectFocus(part(poll, 'question'), 'voting paused under the focus');
    } finally {
      await executeServerCommand('relay-start');
    }
  });

  it('keeps the focus in the poll when the host closes it under the focused "Change" button', async () => {
    const { page, host, poll } = await pollPage();
    const pollId = await openPoll(host, {
      question: 'Tea or coffee?',
      kind: 'single',
      options: ['Tea', 'Coffee'],
    });
    await waitForText(poll, 'Tea or coffee?');
    startOfPage(page);
    await press('Tab', 'Space', 'Enter');
    await relayCounts(host, pollId, [1, 0]);
    expectFocus(part(poll, 'change'));

    await host.close(pollId);
    await waitForText(poll, 'Poll closed');
    // "Change" is gone: the focus goes to the poll's question, the results right after it.
    expectFocus(part(poll, 'question'), 'the closed poll keeps the keyboard user’s place');
    expect(pollAnnounced(poll)).to.equal('Poll closed');
    await press('Tab');
    expectFocus(page.querySelector('#end'), 'Tab goes on from the poll');
  });
});

// ------------------------------------------------------------------ <live-quiz>

describe('keyboard only: <live-quiz>', () => {
  it('a question opens, Tab reaches it, arrows and Space answer, focus stays through the reveal, the podium gets the focus at the end', async () => {
    const room = uniqueRoom();
    const host = await quizStore(as('host'), room, relay.tokens.host);
    const page = await pageWith(
      html`<live-quiz server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-quiz>`,
      { end: true },
    );
    const quiz = page.querySelector<LiveQuiz>('live-quiz')!;
    await widgetsLoaded(quiz);
    await host.load(questions(2));
    await waitForText(quiz, '2 questions');
    await host.next();
    await waitForText(quiz, 'Question number 1?');

    const options = () => parts<HTMLButtonElement>(quiz, 'option');
    startOfPage(page);
    await press('Tab');
    expectFocus(options()[0], 'Tab reaches the first answer');
    await press('ArrowDown');
    expectFocus(options()[1]);
    await press('Space');
    await waitForText(quiz, 'Locked in: B');
    expectFocus(options()[1], 'the answer locks, the focus stays on it');
    await press('ArrowDown');
    expectFocus(options()[2], 'locked answers can still be read with the arrows');

    await host.reveal();
    // The relay counted the answer: the reveal says one player chose B, and it was right.
    await waitUntil(() => host.$result.get()?.counts[1] === 1, 'the relay has no answer', WAIT);
    await waitForText(quiz, 'Correct!');
    expectFocusIn(quiz, 'after the reveal');

    await host.next();
    await waitForText(quiz, 'Question number 2?');
    expectFocusIn(quiz, 'on the next question');
    await press('Home');
    expectFocus(options()[0]);
    await press('Enter');
    await waitForText(quiz, 'Locked in: A');
    expectFocus(options()[0]);

    await host.end();
    await waitForText(quiz, 'Final results');
    // The answers left with the question: the focus goes to the end screen's heading, and the
    // podium (the leaderboard) follows it.
    expectFocus(part(quiz, 'final'), 'the end screen takes the focus');
    expect(textIn(quiz)).to.include('Ana');
    expect(
      getComputedStyle(part(quiz, 'final')!).outlineStyle,
      'keyboard focus is visible',
    ).to.not.equal('none');
    await press('Tab');
    expectFocus(page.querySelector('#end'), 'Tab goes on from the quiz');
  });

  it('a quiz loaded again under a focused answer (after its reveal) leaves the focus on the quiz, with a visible ring', async () => {
    const room = uniqueRoom();
    const host = await quizStore(as('host'), room, relay.tokens.host);
    const page = await pageWith(
      html`<live-quiz server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-quiz>`,
    );
    const quiz = page.querySelector<LiveQuiz>('live-quiz')!;
    await widgetsLoaded(quiz);
    await host.load(questions(2));
    await host.next();
    await waitForText(quiz, 'Question number 1?');
    startOfPage(page);
    await press('Tab');
    expectFocus(part(quiz, 'option'));
    await host.reveal();
    await waitForText(quiz, 'The answer was');
    expectFocus(part(quiz, 'option'), 'the reveal keeps the answers on screen');

    await host.load(questions(3));
    await waitForText(quiz, '3 questions');
    const box = part(quiz, 'quiz')!;
    expectFocus(box, 'the answers left; the quiz keeps the place');
    expect(getComputedStyle(box).outlineStyle, 'keyboard focus is visible').to.not.equal('none');
  });
});

// ------------------------------------------------------------------ <live-qa>

/** Ana's and Bo's `<live-qa>` in a new room, Ana's after a start button. */
async function qaPage() {
  const room = uniqueRoom();
  const page = await pageWith(
    html`<live-qa id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-qa>
      <live-qa id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-qa>`,
  );
  const ana = page.querySelector<LiveQa>('#ana')!;
  const bo = page.querySelector<LiveQa>('#bo')!;
  await widgetsLoaded(ana, bo);
  return { page, ana, bo };
}

const qaTexts = (qa: LiveQa) =>
  [...rootOf(qa).querySelectorAll('[part~="list"] [part~="question"] [part~="text"]')].map(
    (text) => text.textContent ?? '',
  );

async function waitForQuestions(qa: LiveQa, expected: string[]): Promise<void> {
  await waitUntil(
    () => JSON.stringify(qaTexts(qa)) === JSON.stringify(expected),
    `#${qa.id} never showed ${JSON.stringify(expected)} (shows ${JSON.stringify(qaTexts(qa))})`,
    WAIT,
  );
}

/** The upvote button of the question `text` in `qa`. */
const upvoteOf = (qa: LiveQa, text: string) =>
  [...rootOf(qa).querySelectorAll<HTMLElement>('[part~="list"] [part~="question"]')]
    .find((item) => item.querySelector('[part~="text"]')?.textContent === text)
    ?.querySelector<HTMLButtonElement>('[part~="upvote"]') ?? null;

describe('keyboard only: <live-qa>', () => {
  it('asks with Enter or Ctrl+Enter (Shift+Enter is a new line); focus stays in the box', async () => {
    const { page, ana, bo } = await qaPage();
    startOfPage(page);
    await press('Tab');
    const box = part(ana, 'input')!;
    expectFocus(box);
    await sendKeys({ type: 'Slides' });
    await press('Shift+Enter');
    await sendKeys({ type: 'shared?' });
    await press('Enter');
    await waitForQuestions(bo, ['Slides\nshared?']);
    expectFocus(box, 'ready for the next question');
    expect((box as HTMLTextAreaElement).value).to.equal('');
    // Ctrl+Enter, the habit of other multi-line boxes, asks too.
    await sendKeys({ type: 'Notes?' });
    await press('Control+Enter');
    await waitUntil(() => qaTexts(bo).includes('Notes?'), 'Ctrl+Enter did not ask', WAIT);
    expectFocus(box);
  });

  it('asks with the Ask button; the focus goes back to the box, not to <body>', async () => {
    const { page, ana, bo } = await qaPage();
    startOfPage(page);
    await press('Tab');
    await sendKeys({ type: 'Is there a recording?' });
    await press('Tab');
    expectFocus(part(ana, 'anonymous'));
    await press('Tab');
    expectFocus(part(ana, 'ask'));
    await press('Enter');
    await waitForQuestions(bo, ['Is there a recording?']);
    // The Ask button is disabled once the box is empty: it cannot keep the focus.
    expectFocus(part(ana, 'input'), 'the button went disabled under the focus');
  });

  it('asks anonymously: Space ticks the box, Enter on Ask sends', async () => {
    const { page, ana, bo } = await qaPage();
    startOfPage(page);
    await press('Tab');
    await sendKeys({ type: 'Who pays?' });
    await press('Tab', 'Space', 'Tab', 'Enter');
    await waitForQuestions(bo, ['Who pays?']);
    const asker = rootOf(bo).querySelector('[part~="list"] [part~="asker"]')!;
    expect(asker.textContent).to.equal('Anonymous');
    expectFocus(part(ana, 'input'));
  });

  it('"Show more" gives the focus to the first question it shows', async () => {
    const room = uniqueRoom();
    const page = await pageWith(
      html`<live-qa
          id="ana"
          list-page="2"
          server=${as('ana')}
          room=${room}
          token=${relay.tokens.ana}
        >
        </live-qa>
        <live-qa id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}></live-qa>`,
    );
    const ana = page.querySelector<LiveQa>('#ana')!;
    const bo = page.querySelector<LiveQa>('#bo')!;
    await widgetsLoaded(ana, bo);
    for (const text of ['One?', 'Two?', 'Three?']) await bo.store!.ask(text);
    await waitForQuestions(ana, ['One?', 'Two?']);
    startOfPage(page);
    await tabUntil((element) => element === part(ana, 'show-more'));
    await press('Enter');
    await waitForQuestions(ana, ['One?', 'Two?', 'Three?']);
    expect(part(ana, 'show-more')).to.equal(null);
    expectFocus(upvoteOf(ana, 'Three?'), 'the button left; the first new question has the focus');
  });

  it('upvotes another question with Space and takes it back; sorts with the Top / Recent buttons', async () => {
    const { page, ana, bo } = await qaPage();
    for (const text of ['First?', 'Second?']) {
      bo.store!.ask(text);
      await waitForQuestions(ana, qaTexts(ana).concat(text));
    }
    startOfPage(page);
    await tabUntil((element) => element === upvoteOf(ana, 'Second?'));
    const upvote = upvoteOf(ana, 'Second?')!;
    expect(upvote.getAttribute('aria-pressed')).to.equal('false');
    await press('Space');
    // The relay counted it: Bo's widget shows one vote, and "Top" puts it first for everyone.
    await waitForQuestions(bo, ['Second?', 'First?']);
    await waitUntil(() => upvoteOf(bo, 'Second?')?.getAttribute('aria-label') === 'Upvote, 1 vote');
    await waitForQuestions(ana, ['Second?', 'First?']);
    expect(upvote.getAttribute('aria-pressed')).to.equal('true');
    expectFocus(upvote, 'the question moved up with the focus on its button');

    await press('Space');
    await waitUntil(
      () => upvoteOf(bo, 'Second?')?.getAttribute('aria-label') === 'Upvote, 0 votes',
    );
    await waitForQuestions(ana, ['First?', 'Second?']);
    expect(upvote.getAttribute('aria-pressed')).to.equal('false');
    expectFocus(upvote, 'the question moved down with the focus on its button');

    // Back to the sort buttons with Shift+Tab; Enter on "Recent", then Space on "Top".
    const sort = (order: string) =>
      rootOf(ana).querySelector<HTMLButtonElement>(`[data-sort="${order}"]`)!;
    await tabUntil((element) => element === sort('time'), 10, 'Shift+Tab');
    await press('Enter');
    await waitForQuestions(ana, ['Second?', 'First?']);
    expect(sort('time').getAttribute('aria-pressed')).to.equal('true');
    expectFocus(sort('time'));
    await press('Shift+Tab');
    expectFocus(sort('votes'));
    await press('Space');
    await waitForQuestions(ana, ['First?', 'Second?']);
    expect(sort('votes').getAttribute('aria-pressed')).to.equal('true');
    expectFocus(sort('votes'));
  });
});

// ------------------------------------------------------------------ <live-reactions>

describe('keyboard only: <live-reactions>', () => {
  it('reaches every reaction button with Tab and sends each with Enter or Space', async () => {
    const room = uniqueRoom();
    const page = await pageWith(
      html`<live-reactions id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
        </live-reactions>
        <button id="end">end</button>
        <live-reactions id="bo" server=${as('bo')} room=${room} token=${relay.tokens.bo}>
        </live-reactions>`,
    );
    const ana = page.querySelector<LiveReactions>('#ana')!;
    const bo = page.querySelector<LiveReactions>('#bo')!;
    await widgetsLoaded(ana, bo);
    const buttons = () => parts<HTMLButtonElement>(ana, 'button');
    await waitUntil(() => buttons().length > 0 && !buttons()[0].disabled, 'no buttons', WAIT);
    const seen = new Set<string>();
    bo.store!.$bursts.listen((burst) => {
      for (const emoji of Object.keys(burst?.counts ?? {})) seen.add(emoji);
    });

    const emojis = buttons().map((button) => button.dataset.emoji!);
    expect(emojis.length).to.be.greaterThan(1);
    startOfPage(page);
    for (const [i, emoji] of emojis.entries()) {
      await press('Tab');
      const button = buttons()[i];
      expectFocus(button, `Tab reaches ${emoji}`);
      expect(button.getAttribute('aria-label')).to.include(emoji);
      await press(i % 2 ? 'Space' : 'Enter');
      await waitUntil(() => seen.has(emoji), `the relay never sent ${emoji} to Bo`, WAIT);
      expectFocus(button, 'the focus stays on the button');
    }
    await press('Tab');
    expectFocus(page.querySelector('#end'), 'Tab leaves the reactions after the last one');
  });

  it('keeps the focus on a reaction button while the relay is away, and reacts again once back', async () => {
    const url = as('ana', relay.flakyUrl);
    getConnection(url, { token: relay.tokens.ana, minBackoffMs: 100, maxBackoffMs: 400 });
    const page = await pageWith(
      html`<live-reactions server=${url} room=${uniqueRoom()}></live-reactions>`,
    );
    const reactions = page.querySelector<LiveReactions>('live-reactions')!;
    await widgetsLoaded(reactions);
    const first = () => parts<HTMLButtonElement>(reactions, 'button')[0];
    await waitUntil(() => first()?.getAttribute('aria-disabled') === 'false', 'not ready', WAIT);
    const seen: string[] = [];
    reactions.store!.$bursts.listen((burst) => seen.push(...Object.keys(burst?.counts ?? {})));
    startOfPage(page);
    await press('Tab');
    expectFocus(first());

    await executeServerCommand('relay-stop');
    try {
      await waitForText(reactions, 'Reconnecting…');
      // Unavailable, said by `aria-disabled`, but still focusable: the focus stays put.
      expect(first().getAttribute('aria-disabled')).to.equal('true');
      expectFocus(first(), 'the relay went away under the focus');
      let reacted = 0;
      reactions.addEventListener('live-react', () => reacted++);
      await press('Enter');
      expect(reacted, 'no reaction while away').to.equal(0);
    } finally {
      await executeServerCommand('relay-start');
    }
    await waitUntil(() => first().getAttribute('aria-disabled') === 'false', 'still away', WAIT);
    expectFocus(first());
    await press('Enter');
    await waitUntil(() => seen.includes(first().dataset.emoji!), 'no reaction once back', WAIT);
  });
});
