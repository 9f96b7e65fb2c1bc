/**
 * Focus after host actions, pressed with the keyboard against a real relay: a control that its
 * own action removes or disables hands focus to the next sensible control, never to `<body>`,
 * and a control whose op is in flight is `aria-disabled` (it keeps the focus), not `disabled`.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LiveQuizHost } from '../../src/index.js';
import { relayInfo, uniqueRoom, type RelayInfo } from './chat-helpers.js';
import { deepActive, expectFocusOn, pressWithKeyboard } from './focus-helpers.js';
import { askWithKeyboard, button, item, qaRoom, texts, waitForTexts } from './qa-helpers.js';
import { chooseFile, questions, releaseQuizStores, waitForText } from './quiz-helpers.js';
import { part, rootOf, widgetsLoaded } from './room-helpers.js';

let relay: RelayInfo;
before(async () => {
  relay = await relayInfo();
});
afterEach(releaseQuizStores);

const as = (user: string) => `${relay.url}?as=${user}-${uniqueRoom()}`;

/** A control of `element` found afresh each time (renders may replace it). */
const control = (element: Element, name: string) => () => part<HTMLButtonElement>(element, name);

describe('<live-quiz-host> focus', () => {
  async function quizHost(): Promise<LiveQuizHost> {
    const host = await fixture<LiveQuizHost>(
      html`<live-quiz-host
        server=${as('host')}
        room=${uniqueRoom()}
        token=${relay.tokens.host}
      ></live-quiz-host>`,
    );
    await widgetsLoaded(host);
    return host;
  }

  it('keeps focus on a control through Load quiz, Start, Reveal, Next and End', async () => {
    const host = await quizHost();
    await chooseFile(host, JSON.stringify(questions(2)));
    await waitForText(host, 'Load quiz (2 questions)');

    // Load quiz: its button goes away with the drafts; focus moves on to Start.
    await pressWithKeyboard(part(host, 'load')!);
    await waitForText(host, '2 questions loaded');
    await expectFocusOn(control(host, 'next'), 'Start quiz');
    expect(part(host, 'next')!.textContent!.trim()).to.equal('Start quiz');

    // Start: while the op is in flight the button is aria-disabled and keeps the focus.
    const inFlight: { aria: string | null; disabled: boolean; focused: boolean }[] = [];
    // The event fires before the op is sent: look once the element has rendered the send.
    host.addEventListener('live-quiz-next', () =>
      Promise.resolve().then(async () => {
        await host.updateComplete;
        const next = part<HTMLButtonElement>(host, 'next')!;
        inFlight.push({
          aria: next.getAttribute('aria-disabled'),
          disabled: next.disabled,
          focused: deepActive() === next,
        });
      }),
    );
    await pressWithKeyboard(part(host, 'next')!);
    await waitForText(host, 'Question open');
    await expectFocusOn(control(host, 'next'), 'Next question');
    expect(inFlight).to.deep.equal([{ aria: 'true', disabled: false, focused: true }]);

    // Reveal disables itself: focus goes to Next.
    await pressWithKeyboard(part(host, 'reveal')!);
    await waitForText(host, 'Answer revealed');
    expect(part<HTMLButtonElement>(host, 'reveal')!.disabled).to.equal(true);
    await expectFocusOn(control(host, 'next'), 'Next question after Reveal');

    await pressWithKeyboard(part(host, 'next')!);
    await waitForText(host, 'Question 2 of 2');
    await expectFocusOn(control(host, 'next'), 'Show final results');

    // End disables every run control: focus goes to the leaderboard's heading.
    await pressWithKeyboard(part(host, 'end')!);
    await waitForText(host, 'Quiz ended');
    await expectFocusOn(
      () => host.shadowRoot!.querySelector('#board-title'),
      'the results heading',
    );
  });

  it('after End with questions ready to load, focus goes to Load quiz', async () => {
    const host = await quizHost();
    await chooseFile(host, JSON.stringify(questions(1)));
    await waitForText(host, 'Load quiz (1 question)');
    await pressWithKeyboard(part(host, 'load')!);
    await waitForText(host, '1 question loaded');
    await pressWithKeyboard(part(host, 'next')!);
    await waitForText(host, 'Question open');
    await chooseFile(host, JSON.stringify(questions(2)), 'next.json');
    await waitForText(host, 'Load quiz (2 questions)');
    await pressWithKeyboard(part(host, 'end')!);
    await waitForText(host, 'Quiz ended');
    await expectFocusOn(control(host, 'load'), 'Load quiz');
  });

  it('after Clear, focus goes to the file input', async () => {
    const host = await quizHost();
    await chooseFile(host, JSON.stringify(questions(1)));
    await waitForText(host, 'Load quiz (1 question)');
    await pressWithKeyboard(part(host, 'clear')!);
    await expectFocusOn(control(host, 'file'), 'the file input');
  });
});

describe('<live-qa> host view focus', () => {
  it('approve and reject in the queue hand focus to the next queued question, then the heading', async () => {
    const { host, ana } = await qaRoom(relay, ['host', 'ana']);
    part<HTMLInputElement>(host, 'hold')!.click();
    await waitUntil(() => ana.store!.$settings.get().moderation, 'moderation never came on');
    for (const text of ['First?', 'Second?', 'Third?']) await askWithKeyboard(ana, text);
    await waitForTexts(host, ['First?', 'Second?', 'Third?'], 'queue');

    await pressWithKeyboard(button(item(host, 'First?', 'queue'), 'approve'));
    await waitForTexts(host, ['Second?', 'Third?'], 'queue');
    await expectFocusOn(
      () => button(item(host, 'Second?', 'queue'), 'approve'),
      'the next Approve',
    );

    await pressWithKeyboard(button(item(host, 'Second?', 'queue'), 'reject'));
    await waitForTexts(host, ['Third?'], 'queue');
    await expectFocusOn(() => button(item(host, 'Third?', 'queue'), 'reject'), 'the next Reject');

    await pressWithKeyboard(button(item(host, 'Third?', 'queue'), 'approve'));
    await waitForTexts(host, [], 'queue');
    await expectFocusOn(() => rootOf(host).querySelector('#moderation-label'), 'the queue heading');
  });

  it('a question marked answered hands focus to the one now in its place; a hidden one keeps it', async () => {
    const { host, ana } = await qaRoom(relay, ['host', 'ana']);
    for (const text of ['One?', 'Two?', 'Three?']) await askWithKeyboard(ana, text);
    await waitUntil(() => texts(host).length === 3, 'the questions never reached the host');
    const [first, second, third] = texts(host);

    // Answered: it goes to the closed "Answered" section, out of reach.
    await pressWithKeyboard(button(item(host, first), 'answer'));
    await waitUntil(() => texts(host).length === 2, 'still listed');
    await expectFocusOn(() => button(item(host, second), 'answer'), 'the next Mark answered');

    // Hidden: hosts still see it, marked, without its Hide button: focus stays on the question.
    await pressWithKeyboard(button(item(host, third), 'hide'));
    await waitUntil(() => !item(host, third).querySelector('[data-action="hide"]'), 'not hidden');
    await expectFocusOn(
      () => item(host, third).querySelector('[data-action]'),
      "the hidden question's first action",
    );
  });
});
