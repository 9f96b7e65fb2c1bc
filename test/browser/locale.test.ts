/**
 * Languages in a real browser against a real relay: the widgets speak the `lang` of their
 * `<live-room>` (loading that language's bundles only), follow a change of it at run time, lay
 * out right to left in Arabic, and an English page loads no locale code at all.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LiveChat, LivePoll, LiveQuiz, LiveRoom } from '../../src/index.js';
import { input, loaded, pageRelay, sendButton, shadow, uniqueRoom } from './chat-helpers.js';
import { openPoll, pollStore, releasePollStores } from './poll-helpers.js';
import { questions, quizStore, releaseQuizStores } from './quiz-helpers.js';

const { relay, as } = pageRelay();
const WAIT = { timeout: 10_000 };

/** The locale files the page has fetched so far (modules of src/locales/). */
const localeRequests = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.includes('/locales/'));

const text = (element: HTMLElement) => (element.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

async function waitForText(element: HTMLElement, expected: string): Promise<void> {
  await waitUntil(
    () => text(element).includes(expected),
    `<${element.localName}> never showed "${expected}"; it shows: ${text(element)}`,
    WAIT,
  );
}

/** The text of `element`'s shadow content a viewer sees (not `visibility: hidden`). */
function visibleText(element: HTMLElement): string {
  const walker = document.createTreeWalker(element.shadowRoot!, NodeFilter.SHOW_TEXT);
  let seen = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && getComputedStyle(parent).visibility === 'visible') seen += node.textContent;
  }
  return seen.replace(/\s+/g, ' ').trim();
}

/** The send button's place in the composer: at the end of the row, whatever the direction. */
function sendSide(chat: LiveChat): 'left' | 'right' {
  const send = sendButton(chat).getBoundingClientRect();
  const field = input(chat).getBoundingClientRect();
  return Math.abs(send.left - field.left) < Math.abs(send.right - field.right) ? 'left' : 'right';
}

afterEach(() => {
  releasePollStores();
  releaseQuizStores();
});

describe('languages', () => {
  // First: once a test has loaded a language, its modules stay in this page.
  it('an English page loads no locale chunk', async () => {
    const chat = await fixture<LiveChat>(
      html`<live-chat
        server=${as('ana')}
        room=${uniqueRoom()}
        token=${relay.tokens.ana}
      ></live-chat>`,
    );
    await loaded(chat);
    expect(text(chat)).to.include('No messages yet. Say hi!');
    expect(localeRequests()).to.deep.equal([]);
  });

  it('shows no English while the page’s language loads, and English when the language has no texts', async () => {
    // German: no test before this one loaded it, so its chunks are still to come.
    const chat = await fixture<LiveChat>(
      html`<live-chat
        lang="de"
        server=${as('ana')}
        room=${uniqueRoom()}
        token=${relay.tokens.ana}
      ></live-chat>`,
    );
    await chat.updateComplete;
    expect(localeRequests().some((path) => path.endsWith('/locales/de/live-chat.ts'))).to.equal(
      false,
      'the German texts came before the first render: nothing to check',
    );
    expect(visibleText(chat)).to.equal('', 'English showed before the German texts came');
    await waitUntil(() => visibleText(chat).includes('Senden'), 'German never showed', WAIT);
    // The texts ended the wait, not its time limit: nothing of the widget waits any more.
    for (const element of chat.shadowRoot!.children) {
      expect(getComputedStyle(element).animationName).to.equal('none');
    }

    // Portuguese has no texts here: English, once the loader says so, never nothing for good.
    const other = await fixture<LiveChat>(
      html`<live-chat
        lang="pt-BR"
        server=${as('bo')}
        room=${uniqueRoom()}
        token=${relay.tokens.bo}
      ></live-chat>`,
    );
    await waitUntil(() => visibleText(other).includes('Send'), 'nothing shown in English', WAIT);
  });

  it('speaks the room’s lang (Spanish), with the page’s own strings on top, and follows a switch to Arabic, right to left', async () => {
    const room = uniqueRoom();
    const host = await pollStore(as('host'), room, relay.tokens.host);
    const quizHost = await quizStore(as('host'), room, relay.tokens.host);
    await openPoll(host, { kind: 'single', question: '¿Café o té?', options: ['Café', 'Té'] });
    await quizHost.load(questions(2));
    const page = await fixture<LiveRoom>(
      html`<live-room lang="es-MX" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
        <live-chat></live-chat>
        <live-poll></live-poll>
        <live-quiz></live-quiz>
      </live-room>`,
    );
    const chat = page.querySelector<LiveChat>('live-chat')!;
    const poll = page.querySelector<LivePoll>('live-poll')!;
    const quiz = page.querySelector<LiveQuiz>('live-quiz')!;
    await loaded(chat);

    await waitForText(chat, 'Aún no hay mensajes. ¡Saluda!');
    expect(sendButton(chat).textContent!.trim()).to.equal('Enviar');
    expect(input(chat).placeholder).to.equal('Escribe algo…');
    await waitForText(poll, 'Encuesta en directo');
    await waitForText(poll, 'Votar');
    await waitForText(quiz, '2 preguntas');
    // `es-MX` loads the `es` bundles, and only the widgets' own.
    const loadedFiles = localeRequests();
    expect(loadedFiles.some((path) => path.endsWith('/locales/es/live-chat.ts'))).to.equal(true);
    expect(loadedFiles.some((path) => path.includes('/locales/ar/'))).to.equal(false);
    expect(getComputedStyle(shadow(chat).querySelector('.composer')!).direction).to.equal('ltr');
    expect(sendSide(chat)).to.equal('right');

    // The page's own strings win over the bundle.
    chat.strings = { send: 'Mandar' };
    await chat.updateComplete;
    expect(sendButton(chat).textContent!.trim()).to.equal('Mandar');
    expect(text(chat)).to.include('Aún no hay mensajes');

    // Arabic: texts, right-to-left layout (the page set no dir), the send button at the
    // inline end, now on the left.
    page.lang = 'ar';
    await waitForText(chat, 'لا توجد رسائل بعد');
    await waitForText(poll, 'استطلاع مباشر');
    await waitForText(quiz, 'سؤالان'); // two questions: the dual form
    expect(getComputedStyle(shadow(chat).querySelector('.composer')!).direction).to.equal('rtl');
    expect(sendSide(chat)).to.equal('left');

    // Eleven questions take another plural form than two.
    await quizHost.load(questions(11));
    await waitForText(quiz, 'سؤالًا');
    expect(text(quiz)).not.to.include('سؤالان');

    // A page that sets a direction keeps it.
    page.dir = 'ltr';
    await waitUntil(() => sendSide(chat) === 'right', 'dir="ltr" was not kept', WAIT);

    // Back to English.
    page.removeAttribute('dir');
    page.lang = 'en';
    await waitForText(chat, 'No messages yet. Say hi!');
    await waitForText(poll, 'Live poll');
    expect(getComputedStyle(shadow(chat).querySelector('.composer')!).direction).to.equal('ltr');
  });

  it('writes every number in the digits CLDR gives the page’s tag: ar-EG’s Arabic-Indic, not Latin', async () => {
    const room = uniqueRoom();
    const host = await pollStore(as('host'), room, relay.tokens.host);
    const quizHost = await quizStore(as('host'), room, relay.tokens.host);
    const pollId = await openPoll(host, {
      kind: 'single',
      question: 'شاي؟',
      options: ['نعم', 'لا'],
    });
    await quizHost.load(questions(11));
    const page = await fixture<LiveRoom>(
      html`<live-room lang="ar-EG" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
        <live-poll></live-poll>
        <live-quiz></live-quiz>
      </live-room>`,
    );
    const poll = page.querySelector<LivePoll>('live-poll')!;
    const quiz = page.querySelector<LiveQuiz>('live-quiz')!;
    // What Intl (CLDR) writes for this tag: Arabic-Indic digits in Egypt.
    const eleven = new Intl.NumberFormat('ar-EG').format(11);
    expect(eleven).to.equal('١١');
    await waitForText(quiz, `${eleven} سؤالًا`);
    await waitForText(poll, 'شاي؟');
    await poll.store!.vote(pollId, { choice: 0 });
    await waitForText(poll, new Intl.NumberFormat('ar-EG', { style: 'percent' }).format(1));
    expect(text(quiz)).not.to.match(/[0-9]/);
    expect(text(poll)).not.to.match(/[0-9]/);

    // A running question: its progress, points and countdown (the question's own text aside).
    await quizHost.next();
    await waitUntil(
      () => quiz.shadowRoot!.querySelector('[part~="seconds"]'),
      'no countdown',
      WAIT,
    );
    const shown = text(quiz).replaceAll('Question number 1?', '');
    expect(shown).to.include(new Intl.NumberFormat('ar-EG').format(1000));
    expect(shown).not.to.match(/[0-9]/);
  });

  it('user text runs in its own direction: English in an Arabic room, Arabic in an English one', async () => {
    const room = uniqueRoom();
    const host = await pollStore(as('host'), room, relay.tokens.host);
    await openPoll(host, { kind: 'single', question: 'Coffee or tea?', options: ['قهوة', 'Tea'] });
    const page = await fixture<LiveRoom>(
      html`<live-room lang="ar" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
        <live-poll></live-poll>
      </live-room>`,
    );
    const poll = page.querySelector<LivePoll>('live-poll')!;
    await waitForText(poll, 'Coffee or tea?');
    await waitUntil(() => getComputedStyle(poll).direction === 'rtl', 'the room is not rtl', WAIT);
    const direction = (selector: string, index = 0) =>
      getComputedStyle(poll.shadowRoot!.querySelectorAll(selector)[index]).direction;
    // "Coffee or tea?" keeps its question mark at its end, on the right.
    expect(direction('.question')).to.equal('ltr');
    page.lang = 'en';
    await waitUntil(() => getComputedStyle(poll).direction === 'ltr', 'back to ltr', WAIT);
    const arabic = [...poll.shadowRoot!.querySelectorAll<HTMLElement>('[dir="auto"]')].find(
      (element) => element.textContent?.includes('قهوة'),
    );
    expect(arabic, 'the Arabic option is marked dir="auto"').not.to.equal(undefined);
    expect(getComputedStyle(arabic!).direction).to.equal('rtl');
  });
});
