/**
 * Focus after host actions, pressed with the keyboard against a real relay: a control that its
 * own action removes or disables hands focus to the next sensible control, never to `<body>`,
 * and a control whose op is in flight is `aria-disabled` (it keeps the focus), not `disabled`.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type {
  LiveChatModeration,
  LiveHostConsole,
  LivePollEditor,
  LiveQuizHost,
} from '../../src/index.js';
import { pollStore, releasePollStores } from './poll-helpers.js';
import {
  relayInfo,
  roomWithChats,
  sendWithKeyboard,
  uniqueRoom,
  type RelayInfo,
} from './chat-helpers.js';
import { deepActive, expectFocusOn, pressWithKeyboard } from './focus-helpers.js';
import { askWithKeyboard, button, item, qaRoom, texts, waitForTexts } from './qa-helpers.js';
import { chooseFile, questions, releaseQuizStores, waitForText } from './quiz-helpers.js';
import { part, parts, rootOf, widgetsLoaded } from './room-helpers.js';

let relay: RelayInfo;
before(async () => {
  relay = await relayInfo();
});
afterEach(() => {
  releaseQuizStores();
  releasePollStores();
});

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

  it('after "Show final results" (the last Next), focus goes to the results heading', async () => {
    const host = await quizHost();
    await openOneQuestion(host);
    expect(part(host, 'next')!.textContent!.trim()).to.equal('Show final results');
    await pressWithKeyboard(part(host, 'next')!);
    await waitForText(host, 'Quiz ended');
    await expectFocusOn(
      () => host.shadowRoot!.querySelector('#board-title'),
      'the results heading',
    );
  });

  it('after End with questions ready to load, focus goes to Load quiz', async () => {
    const host = await quizHost();
    await openOneQuestion(host);
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

/** Loads a one-question quiz from a file with the keyboard, and opens its question. */
async function openOneQuestion(host: LiveQuizHost): Promise<void> {
  await chooseFile(host, JSON.stringify(questions(1)));
  await waitForText(host, 'Load quiz (1 question)');
  await pressWithKeyboard(part(host, 'load')!);
  await waitForText(host, '1 question loaded');
  await pressWithKeyboard(part(host, 'next')!);
  await waitForText(host, 'Question open');
}

/** Records each change of `button`'s busy state: aria-disabled, disabled, and whether focused. */
function watchBusy(busy: HTMLButtonElement) {
  const seen: { aria: string | null; disabled: boolean; focused: boolean }[] = [];
  new MutationObserver(() =>
    seen.push({
      aria: busy.getAttribute('aria-disabled'),
      disabled: busy.disabled,
      focused: deepActive() === busy,
    }),
  ).observe(busy, { attributes: true, attributeFilter: ['aria-disabled', 'disabled'] });
  return seen;
}

/** Records, when `type` fires, whether `name` is aria-disabled (not disabled) and focused. */
function watchInFlight(element: HTMLElement, type: string, name: string) {
  const seen: { aria: string | null; disabled: boolean; focused: boolean }[] = [];
  element.addEventListener(type, () =>
    Promise.resolve().then(async () => {
      await (element as LiveChatModeration).updateComplete;
      const target = part<HTMLButtonElement>(element, name)!;
      seen.push({
        aria: target.getAttribute('aria-disabled'),
        disabled: target.disabled,
        focused: deepActive() === target,
      });
    }),
  );
  return seen;
}

describe('<live-chat-moderation> focus', () => {
  async function moderatedRoom() {
    const { staff: moderation, chats } = await roomWithChats<LiveChatModeration>(
      relay,
      as,
      'live-chat-moderation',
      ['ana', 'bo'],
    );
    await widgetsLoaded(moderation);
    return { moderation, ana: chats.ana, bo: chats.bo };
  }

  it('Time out keeps the focus while in flight; Unban hands it to the next ban, then the heading', async () => {
    const { moderation, ana, bo } = await moderatedRoom();
    await sendWithKeyboard(ana, 'hello from Ana');
    await sendWithKeyboard(bo, 'hello from Bo');
    const target = () => part<HTMLSelectElement>(moderation, 'target-user')!;
    await waitUntil(() => target()?.options.length === 2, 'no user form');
    const inFlight = watchInFlight(moderation, 'live-user-ban', 'timeout');
    for (const user of ['user-ana', 'user-bo']) {
      target().value = user;
      target().dispatchEvent(new Event('change'));
      await moderation.updateComplete;
      await pressWithKeyboard(part(moderation, 'timeout')!);
      await waitUntil(() => part(moderation, 'timeout')!.getAttribute('aria-disabled') === null);
      await expectFocusOn(control(moderation, 'timeout'), 'Time out');
    }
    expect(inFlight).to.deep.equal([
      { aria: 'true', disabled: false, focused: true },
      { aria: 'true', disabled: false, focused: true },
    ]);
    await waitUntil(() => parts(moderation, 'unban').length === 2, 'the bans are not listed');

    await pressWithKeyboard(parts(moderation, 'unban')[0]);
    await waitUntil(() => parts(moderation, 'unban').length === 1, 'still banned');
    await expectFocusOn(() => parts(moderation, 'unban')[0], 'the next Unban');
    await pressWithKeyboard(parts(moderation, 'unban')[0]);
    await waitUntil(() => parts(moderation, 'unban').length === 0, 'still banned');
    await expectFocusOn(
      () => rootOf(moderation).querySelector('#bans-heading'),
      'the Bans heading',
    );
  });

  it('Unhide in the hidden users hands the focus to the next one, then the user form heading', async () => {
    const { moderation, ana, bo } = await moderatedRoom();
    await sendWithKeyboard(ana, 'hello from Ana');
    await sendWithKeyboard(bo, 'hello from Bo');
    const target = () => part<HTMLSelectElement>(moderation, 'target-user')!;
    await waitUntil(() => target()?.options.length === 2, 'no user form');
    for (const [user, hidden] of [
      ['user-ana', 1],
      ['user-bo', 2],
    ] as const) {
      target().value = user;
      target().dispatchEvent(new Event('change'));
      await moderation.updateComplete;
      await pressWithKeyboard(part(moderation, 'hide')!);
      await waitUntil(() => parts(moderation, 'hidden-user').length === hidden, 'not hidden');
    }
    const unhide = (index: number) =>
      parts(moderation, 'hidden-user')[index]?.querySelector<HTMLElement>('[part~="unhide"]');

    await pressWithKeyboard(unhide(0)!);
    await waitUntil(() => parts(moderation, 'hidden-user').length === 1, 'still hidden');
    await expectFocusOn(() => unhide(0), 'the next Unhide');
    await pressWithKeyboard(unhide(0)!);
    await waitUntil(() => parts(moderation, 'hidden-user').length === 0, 'still hidden');
    await expectFocusOn(
      () => rootOf(moderation).querySelector('#user-actions-heading'),
      'the heading of the form acting on one user',
    );
  });

  it('Save (blocked terms) and the shield keep the focus while their op is in flight', async () => {
    const { moderation } = await moderatedRoom();
    const terms = part<HTMLTextAreaElement>(moderation, 'terms-input')!;
    terms.value = 'spoiler';
    terms.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await moderation.updateComplete;
    const save = part<HTMLButtonElement>(moderation, 'save')!;
    const saving = watchBusy(save);
    await pressWithKeyboard(save);
    await waitUntil(() => part(moderation, 'terms')?.textContent?.includes('spoiler'), 'not saved');
    await expectFocusOn(control(moderation, 'save'), 'Save');
    expect(saving).to.deep.include({ aria: 'true', disabled: false, focused: true });

    const shield = part<HTMLButtonElement>(moderation, 'shield')!;
    const raising = watchBusy(shield);
    await pressWithKeyboard(shield);
    await waitUntil(() => shield.getAttribute('aria-pressed') === 'true', 'the shield is not up');
    await expectFocusOn(control(moderation, 'shield'), 'the shield');
    expect(raising).to.deep.include({ aria: 'true', disabled: false, focused: true });
  });
});

describe('<live-host-console> focus', () => {
  it('Open, Close and Reopen a poll, and an export, keep the focus on the pressed button', async () => {
    const room = uniqueRoom();
    const store = await pollStore(as('host'), room, relay.tokens.host);
    await store.create({ question: 'Lunch?', options: ['Soup', 'Salad'], kind: 'single' });
    const hostView = await fixture<LiveHostConsole>(
      html`<live-host-console
        server=${as('host')}
        room=${room}
        token=${relay.tokens.host}
        active-tab="polls"
      ></live-host-console>`,
    );
    await waitUntil(() => rootOf(hostView).querySelector('live-poll-editor'), 'no poll editor');
    const editor = rootOf(hostView).querySelector<LivePollEditor>('live-poll-editor')!;
    await waitUntil(() => part(editor, 'open'), 'the draft poll is not listed', {
      timeout: 10_000,
    });
    const action = () => rootOf(editor).querySelector<HTMLButtonElement>('[data-action]');

    for (const [label, next] of [
      ['Open', 'Close'],
      ['Close', 'Reopen'],
      ['Reopen', 'Close'],
    ]) {
      expect(action()!.textContent!.trim()).to.equal(label);
      await pressWithKeyboard(action()!);
      await waitUntil(() => action()!.textContent!.trim() === next, `${label} did nothing`);
      await expectFocusOn(action, `${next} after ${label}`);
    }

    const menu = part<HTMLDetailsElement>(hostView, 'export')!;
    menu.open = true;
    const exportButton = rootOf(hostView).querySelector<HTMLButtonElement>('[data-export]')!;
    hostView.addEventListener('live-host-export', (event) => event.preventDefault());
    const exporting = watchBusy(exportButton);
    await pressWithKeyboard(exportButton);
    await waitUntil(() => exporting.length >= 2, 'the export never ran');
    await expectFocusOn(() => exportButton, 'the export button');
    expect(exporting[0]).to.deep.equal({ aria: 'true', disabled: false, focused: true });
  });
});
