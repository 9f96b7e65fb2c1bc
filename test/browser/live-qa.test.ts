/**
 * `<live-qa>` in a real browser against a real relay (started by web-test-runner.config.mjs).
 * Every user has their own URL of the relay (`?as=`), hence their own connection.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { census, pageRelay } from './chat-helpers.js';
import {
  askWithKeyboard,
  button,
  fill,
  input,
  item,
  qaRoom,
  texts,
  waitForTexts,
} from './qa-helpers.js';
import { part, parts, rootOf, textIn, waitForTextIn } from './room-helpers.js';

const { relay } = pageRelay();

describe('<live-qa>', () => {
  describe('asking', () => {
    it('asks with Enter (Shift+Enter for a new line) and another user sees it', async () => {
      const { ana, bo } = await qaRoom(relay, ['ana', 'bo']);
      expect(textIn(bo)).to.include('No questions yet. Ask the first one!');

      const asked = oneEvent(ana, 'live-question-ask');
      input(ana).focus();
      await sendKeys({ type: 'Will there be' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Shift' });
      await askWithKeyboard(ana, 'a recording?');
      expect((await asked).detail).to.deep.equal({
        text: 'Will there be\na recording?',
        anonymous: false,
      });
      expect(input(ana).value).to.equal('');

      await waitForTexts(bo, ['Will there be\na recording?']);
      await waitForTexts(ana, ['Will there be\na recording?']);
      const list = part(bo, 'list')!;
      expect(list.localName).to.equal('ul');
      expect(list.getAttribute('aria-label')).to.equal('Questions');
      expect(list.querySelector('li [part~="asker"]')!.textContent).to.equal('Ana');
      expect(item(ana, 'Will there be\na recording?').textContent).to.include('Ana (you)');
      expect(textIn(bo)).to.include('just now');
    });

    it('shows HTML in questions literally', async () => {
      const { ana, bo } = await qaRoom(relay, ['ana', 'bo']);
      const evil = '<img src=x onerror="window.hubbubQaXss = 1"><b>bold?</b>';
      await fill(ana, evil);
      await sendKeys({ press: 'Enter' });
      await waitForTexts(bo, [evil]);
      expect(rootOf(bo).querySelector('[part~="list"] img, [part~="list"] b')).to.equal(null);
      expect((window as { hubbubQaXss?: number }).hubbubQaXss).to.equal(undefined);
    });

    it('counts code points and refuses more than 300', async () => {
      const { ana } = await qaRoom(relay, ['ana']);
      const counter = part(ana, 'counter')!;
      const ask = part<HTMLButtonElement>(ana, 'ask')!;
      expect(counter.textContent).to.equal('0 / 300');
      await fill(ana, 'héllo 👋'); // 8 UTF-16 units, 7 code points
      expect(counter.textContent).to.equal('7 / 300');

      await fill(ana, '😀'.repeat(301));
      expect(counter.textContent).to.equal('301 / 300');
      expect(input(ana).getAttribute('aria-invalid')).to.equal('true');
      expect(ask.disabled).to.equal(true);
      await sendKeys({ press: 'Enter' });
      expect(parts(ana, 'question')).to.have.length(0);

      await fill(ana, '😀'.repeat(300));
      expect(ask.disabled).to.equal(false);
      ask.click();
      await waitForTexts(ana, ['😀'.repeat(300)]);
    });

    it('does not send when live-question-ask is cancelled', async () => {
      const { ana } = await qaRoom(relay, ['ana']);
      ana.addEventListener('live-question-ask', (event) => event.preventDefault(), {
        once: true,
      });
      await askWithKeyboard(ana, 'kept back');
      expect(input(ana).value).to.equal('kept back');
      expect(parts(ana, 'question')).to.have.length(0);
      const sent = census.sent.filter(
        ({ url, frame }) =>
          url === new URL(ana.server!).href && (frame as { type?: string }).type === 'ask',
      );
      expect(sent).to.have.length(0);
    });

    it('names nobody on an anonymous question, but tells the asker it is theirs', async () => {
      const { ana, bo } = await qaRoom(relay, ['ana', 'bo']);
      part<HTMLInputElement>(bo, 'anonymous')!.click();
      const asked = oneEvent(bo, 'live-question-ask');
      await askWithKeyboard(bo, 'Is the relay open source?');
      expect((await asked).detail.anonymous).to.equal(true);
      await waitForTexts(ana, ['Is the relay open source?']);
      expect(
        item(ana, 'Is the relay open source?').querySelector('[part~="asker"]')!.textContent,
      ).to.equal('Anonymous');
      expect(textIn(ana)).not.to.include('Bo');
      await waitForTexts(bo, ['Is the relay open source?']);
      expect(item(bo, 'Is the relay open source?').textContent).to.include('Anonymous (you)');
    });
  });

  describe('voting', () => {
    it('reorders "Top" for everyone on an upvote, by keyboard, and "Recent" by time', async () => {
      const { ana, bo, cy } = await qaRoom(relay, ['ana', 'bo', 'cy']);
      await askWithKeyboard(ana, 'First?');
      await waitForTexts(bo, ['First?']);
      await askWithKeyboard(bo, 'Second?');
      await waitForTexts(ana, ['First?', 'Second?']);
      await askWithKeyboard(ana, 'Third?');
      await waitForTexts(cy, ['First?', 'Second?', 'Third?']);

      const upvote = button(item(cy, 'Second?'), 'vote');
      expect(upvote.getAttribute('aria-pressed')).to.equal('false');
      expect(upvote.getAttribute('aria-label')).to.equal('Upvote, 0 votes');
      const voted = oneEvent(cy, 'live-question-vote');
      upvote.focus();
      await sendKeys({ press: 'Space' });
      expect((await voted).detail).to.include({ voted: true });
      for (const widget of [ana, bo, cy])
        await waitForTexts(widget, ['Second?', 'First?', 'Third?']);
      const now = button(item(cy, 'Second?'), 'vote');
      await waitUntil(() => now.getAttribute('aria-label') === 'Upvote, 1 vote');
      expect(now.getAttribute('aria-pressed')).to.equal('true');
      // The button moved in the list and kept the keyboard focus.
      expect(rootOf(cy).activeElement).to.equal(now);

      await sendKeys({ press: 'Space' });
      for (const widget of [ana, cy]) await waitForTexts(widget, ['First?', 'Second?', 'Third?']);
      expect(now.getAttribute('aria-pressed')).to.equal('false');

      const sorted = oneEvent(ana, 'live-qa-sort');
      rootOf(ana).querySelector<HTMLButtonElement>('[data-sort="time"]')!.click();
      expect((await sorted).detail.sort).to.equal('time');
      await waitForTexts(ana, ['Third?', 'Second?', 'First?']);
      expect(ana.getAttribute('sort')).to.equal('time');
    });
  });

  describe('a long list', () => {
    it('renders the first list-page questions, the others one press of "Show more" away', async () => {
      const { ana, bo, cy } = await qaRoom(relay, ['ana', 'bo', 'cy']);
      bo.listPage = 1;
      await askWithKeyboard(ana, 'First?');
      await askWithKeyboard(cy, 'Second?');
      await askWithKeyboard(ana, 'Third?');
      await waitForTexts(cy, ['First?', 'Second?', 'Third?']);
      await waitForTexts(bo, ['First?']);
      const more = () => part<HTMLButtonElement>(bo, 'show-more');
      expect(more()!.textContent!.trim()).to.equal('Show 1 more (2 not shown)');
      expect(more()!.closest('[part~="list"]'), 'the button ends the list').not.to.equal(null);

      // A vote moves a question not rendered to the top of "Top": it comes into view.
      button(item(cy, 'Third?'), 'vote').click();
      await waitForTexts(bo, ['Third?']);

      more()!.click();
      await waitForTexts(bo, ['Third?', 'First?']);
      expect(more()!.textContent!.trim()).to.equal('Show 1 more (1 not shown)');
      more()!.click();
      await waitForTexts(bo, ['Third?', 'First?', 'Second?']);
      expect(more()).to.equal(null);
    });
  });

  describe('hosts', () => {
    it('pin "answering now", mark answered and hide, for everyone', async () => {
      const { host, ana } = await qaRoom(relay, ['host', 'ana']);
      await askWithKeyboard(ana, 'What is next?');
      await askWithKeyboard(ana, 'Buy cheap watches');
      await waitForTexts(host, ['What is next?', 'Buy cheap watches']);
      expect(rootOf(ana).querySelector('[data-action="pin"], [part~="moderation"]')).to.equal(null);

      const moderated = oneEvent(host, 'live-question-moderate');
      const id = item(host, 'What is next?').dataset.id;
      button(item(host, 'What is next?'), 'pin').click();
      expect((await moderated).detail).to.deep.equal({ id, action: 'pin' });
      await waitForTexts(ana, ['What is next?'], 'now');
      expect(part(ana, 'now')!.textContent).to.include('Answering now');
      expect(texts(ana)).to.deep.equal(['Buy cheap watches']);

      button(item(host, 'What is next?', 'now'), 'answer').click();
      await waitUntil(() => !part(ana, 'now'), 'still answering now');
      const answered = part<HTMLDetailsElement>(ana, 'answered')!;
      expect(answered.open).to.equal(false);
      expect(answered.querySelector('summary')!.textContent).to.include('Answered (1)');
      answered.querySelector('summary')!.click();
      expect(answered.open).to.equal(true);
      expect(texts(ana, 'answered')).to.deep.equal(['What is next?']);

      button(item(host, 'Buy cheap watches'), 'hide').click();
      await waitUntil(() => texts(ana).length === 0, 'still shown to the audience');
      await waitForTextIn(host, 'Hidden');
      expect(texts(host)).to.deep.equal(['Buy cheap watches']);
    });

    it('hold questions for approval: the asker waits, the host approves or rejects', async () => {
      const { host, ana, bo } = await qaRoom(relay, ['host', 'ana', 'bo']);
      const hold = part<HTMLInputElement>(host, 'hold')!;
      expect(hold.getAttribute('role')).to.equal('switch');
      hold.click();
      await waitUntil(() => ana.store!.$settings.get().moderation, 'moderation never came on');

      await askWithKeyboard(ana, 'Good question?');
      await askWithKeyboard(ana, 'Off-topic question');
      await waitForTexts(ana, ['Good question?', 'Off-topic question']);
      expect(item(ana, 'Good question?').textContent).to.include('Awaiting approval');
      await waitForTexts(host, ['Good question?', 'Off-topic question'], 'queue');
      expect(part(host, 'queue-count')!.textContent).to.include('2 waiting for approval');
      expect(texts(host)).to.deep.equal([]);
      expect(texts(bo)).to.deep.equal([]);

      button(item(host, 'Good question?', 'queue'), 'approve').click();
      await waitForTexts(bo, ['Good question?']);
      await waitForTexts(host, ['Off-topic question'], 'queue');
      await waitUntil(() => !item(ana, 'Good question?').textContent!.includes('Awaiting'));

      button(item(host, 'Off-topic question', 'queue'), 'reject').click();
      await waitUntil(
        () => item(ana, 'Off-topic question').textContent!.includes('Not approved'),
        'the asker never heard',
      );
      await waitForTextIn(host, 'No questions waiting.');
      expect(texts(bo)).to.deep.equal(['Good question?']);
      expect(texts(host)).to.deep.equal(['Good question?']);
    });
  });
});
