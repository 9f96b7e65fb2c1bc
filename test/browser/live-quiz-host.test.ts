/**
 * `<live-quiz-host>` in a real browser against a real relay (started by
 * web-test-runner.config.mjs): a host prepares a quiz from a file or in the editor, loads it and
 * runs it; players see each step. Each user gets their own URL to the same relay.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type {
  LiveQuiz,
  LiveQuizHost,
  LiveQuizLoadEvent,
  LiveQuizNextEvent,
} from '../../src/index.js';
import { relayInfo, uniqueRoom, type RelayInfo } from './chat-helpers.js';
import {
  chooseFile,
  clickPart,
  option,
  questions,
  quizStore,
  releaseQuizStores,
  sentOps,
  waitForText,
} from './quiz-helpers.js';
import { part, parts, textIn, widgetsLoaded } from './room-helpers.js';

let relay: RelayInfo;
before(async () => {
  relay = await relayInfo();
});
afterEach(releaseQuizStores);

const as = (user: string) => `${relay.url}?as=${user}-${uniqueRoom()}`;

/** A host widget (and optionally a player) in a new room. */
async function setup(withPlayer = false) {
  const room = uniqueRoom();
  const url = as('host');
  const page = await fixture<HTMLElement>(
    html`<div>
      <live-quiz-host server=${url} room=${room} token=${relay.tokens.host}></live-quiz-host>
      ${withPlayer ? html`<live-quiz server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-quiz>` : ''}
    </div>`,
  );
  const host = page.querySelector<LiveQuizHost>('live-quiz-host')!;
  const player = page.querySelector<LiveQuiz>('live-quiz');
  await widgetsLoaded(host, ...(player ? [player] : []));
  return { room, url, host, player };
}

/** Sets a field's value and lets the element see the input event (as typing would). */
async function fill(
  host: LiveQuizHost,
  field: HTMLInputElement | HTMLTextAreaElement,
  value: string,
) {
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await host.updateComplete;
}

describe('<live-quiz-host>', () => {
  it('lists every problem of a broken file, with question numbers, and loads nothing', async () => {
    const { host, url } = await setup();
    await chooseFile(
      host,
      JSON.stringify([
        { text: '', options: ['only one'], correct: 3, timeLimitMs: 10 },
        { text: 'Fine?', options: ['a', 'b'], correct: 0, timeLimitMs: 5_000 },
      ]),
      'broken.json',
    );
    await waitForText(host, 'broken.json cannot be loaded:');
    const errors = part(host, 'file-errors')!;
    expect(errors.getAttribute('role')).to.equal('alert');
    const lines = [...errors.querySelectorAll('li')].map((li) => li.textContent);
    expect(lines).to.include('Question 1: "text" is empty.');
    expect(
      lines.some((line) => line!.startsWith('Question 1: "options" must be a list of 2 to 10')),
    ).to.equal(true);
    expect(lines.some((line) => line!.startsWith('Question 1: "timeLimitMs"'))).to.equal(true);
    expect(lines.every((line) => line!.startsWith('Question 1'))).to.equal(true);
    expect(part(host, 'load')).to.equal(null);

    await chooseFile(host, '{ not json', 'typo.json');
    await waitForText(host, 'typo.json cannot be loaded:');
    expect(textIn(host)).to.include('The file is not valid JSON');
    expect(sentOps(url, 'load')).to.have.length(0);
  });

  it('says in words when a valid quiz is too large for one load, and keeps the questions', async () => {
    const { host, url } = await setup();
    // 100 questions within every limit of a question, 25 kB in all: over the 16 KiB of a frame.
    const long = questions(100).map((question) => ({
      ...question,
      text: `${question.text} ${'Which of these four options is the right one? '.repeat(3)}`,
    }));
    await chooseFile(host, JSON.stringify(long), 'long.json');
    await waitForText(host, '100 questions read from long.json.');
    await clickPart(host, 'load');
    await waitUntil(() => part(host, 'error')?.textContent?.trim(), 'no error shown', {
      timeout: 5_000,
    });
    expect(part(host, 'error')!.textContent!.trim()).to.equal(
      'This quiz is too large to load at once. Remove some questions or shorten them.',
    );
    expect(part(host, 'load')!.textContent).to.include('100 questions');
    expect(sentOps(url, 'load')).to.have.length(0);
  });

  it('builds questions in the editor: checks them, edits one, loads them', async () => {
    const { host } = await setup();
    // An empty question shows its problems and focuses the first.
    await clickPart(host, 'save-question');
    await waitForText(host, 'Enter the question.');
    expect(textIn(host)).to.include('Mark the correct answer.');
    expect(host.shadowRoot!.activeElement).to.equal(part(host, 'text-input'));

    await sendKeys({ type: 'Which planet is red?' });
    const [first, second] = parts<HTMLInputElement>(host, 'option-input');
    await fill(host, first, 'Venus');
    await fill(host, second, 'Mars');
    await clickPart(host, 'add-option');
    await fill(host, parts<HTMLInputElement>(host, 'option-input')[2], 'Jupiter');
    parts<HTMLInputElement>(host, 'correct')[1].click();
    await fill(host, part<HTMLInputElement>(host, 'seconds-input')!, '0');
    await clickPart(host, 'save-question');
    await waitForText(host, 'From 1 to 600 seconds.');
    await fill(host, part<HTMLInputElement>(host, 'seconds-input')!, '15');
    await clickPart(host, 'save-question');
    await waitUntil(() => parts(host, 'draft').length === 1, 'the question was not added');
    expect(parts(host, 'draft')[0].textContent).to.include('3 answers · 15 s · 1,000 pts');
    expect(part<HTMLTextAreaElement>(host, 'text-input')!.value).to.equal(
      '',
      'the form is blank again',
    );

    // Edit it: the form holds it; save puts it back in place.
    parts<HTMLButtonElement>(host, 'edit-draft')[0].click();
    await host.updateComplete;
    expect(part<HTMLTextAreaElement>(host, 'text-input')!.value).to.equal('Which planet is red?');
    await fill(host, part<HTMLInputElement>(host, 'points-input')!, '500');
    await clickPart(host, 'save-question');
    await waitUntil(() => parts(host, 'draft')[0].textContent!.includes('500 pts'));

    const loading = oneEvent(host, 'live-quiz-load');
    await clickPart(host, 'load');
    const event = (await loading) as LiveQuizLoadEvent;
    expect(event.detail.questions).to.deep.equal([
      {
        text: 'Which planet is red?',
        options: ['Venus', 'Mars', 'Jupiter'],
        correct: 1,
        timeLimitMs: 15_000,
        points: 500,
      },
    ]);
    await waitForText(host, '1 question loaded');
    expect(host.store!.$questions.get()).to.have.length(1);
    expect(parts(host, 'draft')).to.have.length(0);
  });

  it('runs a quiz: Next with a lead-in, Reveal, End; phase, progress, answer, count and leaderboard', async () => {
    const { host, player } = await setup(true);
    const quiz = player!;
    await chooseFile(host, JSON.stringify(questions(2)));
    await clickPart(host, 'load');
    await waitForText(host, '2 questions loaded');
    expect(part(host, 'next')!.textContent!.trim()).to.equal('Start quiz');
    expect(part<HTMLButtonElement>(host, 'reveal')!.disabled).to.equal(true);

    await fill(host, part<HTMLInputElement>(host, 'lead-in')!, '1');
    const next = oneEvent(host, 'live-quiz-next');
    await clickPart(host, 'next');
    expect(((await next) as LiveQuizNextEvent).detail).to.deep.equal({ leadInMs: 1_000 });
    await waitForText(host, 'Question open');
    expect(part(host, 'progress')!.textContent!.trim()).to.equal('Question 1 of 2');
    expect(part(host, 'current')!.textContent).to.include('Answer: B · Bravo');

    // The player waits through the lead-in, then answers.
    await waitForText(quiz, 'Get ready…');
    expect(option(quiz, 'B').getAttribute('aria-disabled')).to.equal('true');
    await waitUntil(() => part(quiz, 'timer') !== null, 'the lead-in did not end', {
      timeout: 3_000,
    });
    option(quiz, 'B').click();
    await waitForText(quiz, 'Locked in: B');
    expect(textIn(host)).to.match(/\d+ s left/);
    expect(part(host, 'next')!.textContent!.trim()).to.equal('Next question');

    await clickPart(host, 'reveal');
    await waitForText(host, 'Answer revealed');
    await waitForText(host, '1 answered');
    await waitUntil(() => parts(host, 'row').length === 1, 'leaderboard');
    expect(parts(host, 'name')[0].textContent!.trim()).to.equal('Ana');
    await waitForText(quiz, 'Correct!');

    await clickPart(host, 'next');
    await waitForText(host, 'Question 2 of 2');
    expect(part(host, 'next')!.textContent!.trim()).to.equal('Show final results');
    await clickPart(host, 'end');
    await waitForText(host, 'Quiz ended');
    await waitForText(host, 'Final leaderboard');
    expect(part<HTMLButtonElement>(host, 'next')!.disabled).to.equal(true);
    await waitForText(quiz, 'Final results');
  });

  it('turns accessible mode on between questions: players get double time', async () => {
    const { host, player } = await setup(true);
    await chooseFile(host, JSON.stringify(questions(1, 5_000)));
    await clickPart(host, 'load');
    await waitForText(host, '1 question loaded');
    part<HTMLInputElement>(host, 'accessible')!.click();
    await waitUntil(() => host.store!.$accessible.get(), 'accessible mode did not reach the relay');
    await waitUntil(() => player!.store!.$accessible.get(), 'the player did not hear of it');
    await clickPart(host, 'next');
    await waitForText(player!, 'Take your time.');
    expect(player!.store!.$question.get()!.timeLimitMs).to.equal(10_000);
    await waitUntil(
      () => part<HTMLInputElement>(host, 'accessible')!.disabled,
      'toggle stays usable during a question',
    );
  });

  it('cancelled events send nothing', async () => {
    const { host, url } = await setup();
    await chooseFile(host, JSON.stringify(questions(1)));
    await waitForText(host, '1 question read');
    host.addEventListener('live-quiz-load', (event) => event.preventDefault());
    await clickPart(host, 'load');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentOps(url, 'load')).to.have.length(0);
    expect(parts(host, 'draft')).to.have.length(1);
  });

  it('tells viewers who are not hosts that only hosts can run the quiz', async () => {
    const host = await fixture<LiveQuizHost>(
      html`<live-quiz-host
        server=${as('ana')}
        room=${uniqueRoom()}
        token=${relay.tokens.ana}
      ></live-quiz-host>`,
    );
    await widgetsLoaded(host);
    await waitForText(host, 'Only hosts can run the quiz');
    expect(host.shadowRoot!.querySelector('button, input')).to.equal(null);
  });

  it('shows the open question of a quiz another host runs (reload in the middle)', async () => {
    const room = uniqueRoom();
    const other = await quizStore(as('host'), room, relay.tokens.host);
    await other.load(questions(2));
    await other.next();
    const host = await fixture<LiveQuizHost>(
      html`<live-quiz-host
        server=${as('host')}
        room=${room}
        token=${relay.tokens.host}
      ></live-quiz-host>`,
    );
    await widgetsLoaded(host);
    await waitForText(host, 'Question 1 of 2');
    expect(part(host, 'current')!.textContent).to.include('Answer: B · Bravo');
  });
});
