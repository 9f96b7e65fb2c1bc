/**
 * `<live-chat-moderation>`'s timeouts, hidden users, chat delay and moderation log (issue 14), and
 * what the audience's `<live-chat>` shows for them, in Chromium against a real relay. Each user
 * has their own connection (`?as=NAME` is ignored by the relay).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { defineElements, type LiveChat, type LiveChatModeration } from '../../src/index.js';
import {
  input,
  messageElement,
  messageTexts,
  pageRelay,
  roomWithChats,
  sendWithKeyboard,
  textOf,
  waitForMessage,
  waitForText,
} from './chat-helpers.js';
import { part, parts, rootOf, textIn, waitForTextIn, widgetsLoaded } from './room-helpers.js';

defineElements();

const { relay, as } = pageRelay();

const WAIT = { timeout: 10_000 };

/** A host's moderation panel and chat, and Ana's and Bo's chats, in one fresh room. */
async function moderatedRoom() {
  const { staff: moderation, chats } = await roomWithChats<LiveChatModeration>(
    relay,
    as,
    'live-chat-moderation',
    ['host', 'ana', 'bo'],
  );
  await widgetsLoaded(moderation);
  return { moderation, host: chats.host, ana: chats.ana, bo: chats.bo };
}

/** Picks an option of a select with the keyboard, as a user would. */
async function chooseWithKeyboard(select: HTMLSelectElement, value: string) {
  select.focus();
  const from = [...select.options].findIndex((option) => option.selected);
  const to = [...select.options].findIndex((option) => option.value === value);
  for (let i = from; i !== to; i += to > from ? 1 : -1) {
    await sendKeys({ press: to > from ? 'ArrowDown' : 'ArrowUp' });
  }
  expect(select.value).to.equal(value);
}

describe('<live-chat-moderation>: timeouts, hide, delay, log', () => {
  it('times a user out from the menu of lengths with a reason; the user sees it count down', async () => {
    const { moderation, bo } = await moderatedRoom();
    await sendWithKeyboard(bo, 'first!!!');
    await waitUntil(() => part(moderation, 'user-actions'), 'no user form', WAIT);
    const target = part<HTMLSelectElement>(moderation, 'target-user')!;
    expect(target.selectedOptions[0].textContent!.trim()).to.equal('Bo');
    const length = part<HTMLSelectElement>(moderation, 'timeout-length')!;
    expect([...length.options].map((option) => option.textContent!.trim())).to.deep.equal([
      '10 s',
      '1 min',
      '10 min',
      '1 h',
      '24 h',
      'Custom…',
    ]);
    await chooseWithKeyboard(length, '3600');
    part<HTMLInputElement>(moderation, 'timeout-reason')!.focus();
    await sendKeys({ type: 'spam <b>links</b>' });
    const fired = oneEvent(moderation, 'live-user-ban');
    await sendKeys({ press: 'Enter' });
    expect((await fired).detail).to.deep.equal({
      userId: 'user-bo',
      minutes: 60,
      seconds: 3600,
      reason: 'spam <b>links</b>',
      banned: true,
    });
    await waitUntil(() => input(bo).disabled, 'Bo can still write', WAIT);
    // The reason is text beside a clock of the time left (59:59 or 1:00:00 by now).
    const banned = rootOf(bo).querySelector('[part~="banned"]')!;
    expect(banned.textContent!.replace(/\s+/g, ' ')).to.match(
      /Timed out for (59:\d\d|1:00:00) — spam <b>links<\/b>/,
    );
    expect(banned.querySelector('b')).to.equal(null);
    expect(banned.querySelector('[role="status"]')!.textContent).to.include('spam <b>links</b>');
    await waitForTextIn(moderation, 'Hana timed out Bo for 1 h — spam <b>links</b>');
  });

  it('refuses a custom length beyond 14 days; a short one ends and the user writes again without reload', async () => {
    const { moderation, bo } = await moderatedRoom();
    await sendWithKeyboard(bo, 'hello');
    await waitUntil(() => part(moderation, 'user-actions'), 'no user form', WAIT);
    await chooseWithKeyboard(part<HTMLSelectElement>(moderation, 'timeout-length')!, 'custom');
    await moderation.updateComplete;
    const amount = part<HTMLInputElement>(moderation, 'timeout-amount')!;
    await chooseWithKeyboard(part<HTMLSelectElement>(moderation, 'timeout-unit')!, 'days');
    amount.focus();
    await sendKeys({ type: '15' });
    await sendKeys({ press: 'Enter' });
    await waitForTextIn(moderation, 'A timeout lasts from 1 second to 14 days.');
    expect(input(bo).disabled).to.equal(false);

    await chooseWithKeyboard(part<HTMLSelectElement>(moderation, 'timeout-unit')!, 'seconds');
    amount.focus();
    amount.select();
    await sendKeys({ type: '2' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => input(bo).disabled, 'Bo was not timed out', WAIT);
    expect(textOf(bo)).to.match(/Timed out for 0:0\d/);
    await waitUntil(() => !input(bo).disabled, 'the timeout never ended', WAIT);
    await sendWithKeyboard(bo, 'back again');
    await waitForMessage(bo, 'back again');
  });

  it('hides a user: the audience never sees their messages, they and staff do, with a marker', async () => {
    const { moderation, host, ana, bo } = await moderatedRoom();
    await sendWithKeyboard(bo, 'before hiding');
    await waitForMessage(ana, 'before hiding');
    await waitUntil(() => part(moderation, 'hide'), 'no Hide button', WAIT);
    part(moderation, 'hide')!.click();
    await waitUntil(() => parts(moderation, 'hidden-user').length === 1, 'not listed', WAIT);
    await waitForTextIn(moderation, 'Hana hid Bo');
    await sendWithKeyboard(bo, 'only staff see this');
    await waitForMessage(host, 'only staff see this');
    await waitForMessage(bo, 'only staff see this');
    const marked = messageElement(host, 'only staff see this')!;
    expect(marked.querySelector('[part~="marker"]')!.textContent).to.equal('hidden');
    expect(messageElement(bo, 'only staff see this')!.querySelector('[part~="marker"]')).to.equal(
      null,
    );
    await sendWithKeyboard(host, 'a later message');
    await waitForMessage(ana, 'a later message');
    expect(messageTexts(ana)).to.deep.equal(['before hiding', 'a later message']);

    parts(moderation, 'hidden-user')[0]
      .querySelector<HTMLButtonElement>('[part~="unhide"]')!
      .click();
    await waitUntil(() => parts(moderation, 'hidden-user').length === 0, 'still hidden', WAIT);
    await sendWithKeyboard(bo, 'visible again');
    await waitForMessage(ana, 'visible again');
  });

  it('sets a chat delay: staff see a message at once, marked, and can delete it before the audience does', async () => {
    const { moderation, host, ana, bo } = await moderatedRoom();
    await chooseWithKeyboard(part<HTMLSelectElement>(moderation, 'chat-delay')!, '5');
    await waitUntil(() => host.store!.$settings.get().chatDelaySeconds === 5, 'no delay', WAIT);
    await sendWithKeyboard(bo, 'delete me quickly');
    await waitForMessage(host, 'delete me quickly');
    await waitForMessage(bo, 'delete me quickly');
    const held = messageElement(host, 'delete me quickly')!;
    expect(held.querySelector('[part~="marker"]')!.textContent).to.equal('delayed');
    held.querySelector<HTMLButtonElement>('[data-action="delete"]')!.click();
    await waitUntil(() => !messageElement(host, 'delete me quickly'), 'not deleted', WAIT);
    await waitForText(moderation as unknown as LiveChat, 'Hana deleted a message of Bo');
    await sendWithKeyboard(host, 'staff are never delayed');
    await waitForMessage(ana, 'staff are never delayed');
    expect(messageTexts(ana)).to.deep.equal(['staff are never delayed']);
    expect(textIn(moderation)).to.include('Hana changed settings: chatDelaySeconds 5');
  });
});
