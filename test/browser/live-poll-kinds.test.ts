/**
 * Open-text and ranking polls in a real browser against a real relay: a ranking ordered with the
 * keyboard (grab, arrows, drop, Escape, each announced) and with the mouse (up and down
 * buttons), its results by average position; open-text answers sent, grouped, limited per
 * viewer, held for review and approved in `<live-review-queue>` (the one review queue), hidden
 * from `<live-poll-editor>`; both kinds created
 * from the editor; and a reload giving the viewer their ranking and answers back (`me`).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LivePoll, LivePollEditor, LiveReviewQueue, PollInput } from '../../src/index.js';
import { pageRelay, uniqueRoom } from './chat-helpers.js';
import {
  expectFocusOn,
  listItem,
  openPoll,
  part,
  parts,
  pollStore,
  pollsLoaded,
  press,
  releasePollStores,
  resultText,
  textIn,
  typeInto,
  waitForResult,
  waitForText,
} from './poll-helpers.js';

const { relay, as } = pageRelay();
afterEach(releasePollStores);

const WAIT = { timeout: 10_000 };

const RANKING: PollInput = {
  question: 'Where should we meet?',
  kind: 'ranking',
  options: ['Kyoto', 'Lima', 'Oslo'],
};

/** A host's store and a `<live-poll>` of `user` in a new room, with `input` open. */
async function audience(input: PollInput, user: 'ana' | 'bo' = 'ana') {
  const room = uniqueRoom();
  const host = await pollStore(as('host'), room, relay.tokens.host);
  const pollId = await openPoll(host, input);
  const poll = await fixture<LivePoll>(
    html`<live-poll server=${as(user)} room=${room} token=${relay.tokens[user]}></live-poll>`,
  );
  await pollsLoaded(poll);
  await waitForText(poll, input.question);
  return { room, host, poll, pollId };
}

const announced = (poll: LivePoll) =>
  poll.shadowRoot!.querySelector('.visually-hidden[role="status"]')!.textContent!.trim();

/** The options of the ranking form, top to bottom. */
const order = (poll: LivePoll) =>
  parts(poll, 'rank-item').map((item) => item.querySelector('.option')!.textContent);

const grabOf = (poll: LivePoll, label: string) =>
  parts(poll, 'rank-item')
    .find((item) => item.querySelector('.option')!.textContent === label)!
    .querySelector<HTMLButtonElement>('[part~="grab"]')!;

describe('<live-poll> ranking', () => {
  it('orders by keyboard: Space picks up, arrows move, Space drops, Escape puts back; all announced', async () => {
    const { poll, pollId } = await audience(RANKING);
    expect(order(poll)).to.deep.equal(['Kyoto', 'Lima', 'Oslo']);
    grabOf(poll, 'Kyoto').focus();
    expect(grabOf(poll, 'Kyoto').getAttribute('aria-label')).to.equal('Kyoto, position 1 of 3');

    await press('Space');
    await poll.updateComplete;
    expect(grabOf(poll, 'Kyoto').getAttribute('aria-pressed')).to.equal('true');
    expect(announced(poll)).to.match(/^Picked up Kyoto, position 1 of 3/);
    await press('ArrowDown');
    await poll.updateComplete;
    expect(order(poll)).to.deep.equal(['Lima', 'Kyoto', 'Oslo']);
    expect(announced(poll)).to.equal('Kyoto moved to position 2 of 3.');
    expectFocusOn(poll, grabOf(poll, 'Kyoto'));
    await press('ArrowDown');
    await poll.updateComplete;
    expectFocusOn(poll, grabOf(poll, 'Kyoto'));
    await press('Space');
    await poll.updateComplete;
    expect(order(poll)).to.deep.equal(['Lima', 'Oslo', 'Kyoto']);
    expect(announced(poll)).to.equal('Kyoto dropped at position 3 of 3.');
    expect(grabOf(poll, 'Kyoto').getAttribute('aria-pressed')).to.equal('false');

    // Without a pick-up the arrows only move the focus.
    await press('ArrowUp');
    await poll.updateComplete;
    expectFocusOn(poll, grabOf(poll, 'Oslo'));
    expect(order(poll)).to.deep.equal(['Lima', 'Oslo', 'Kyoto']);
    // Escape puts a picked-up option back where it was.
    await press('Enter', 'ArrowUp');
    await poll.updateComplete;
    expect(order(poll)).to.deep.equal(['Oslo', 'Lima', 'Kyoto']);
    await press('Escape');
    await poll.updateComplete;
    expect(order(poll)).to.deep.equal(['Lima', 'Oslo', 'Kyoto']);
    expect(announced(poll)).to.equal('Move cancelled. Oslo is back at position 2.');
    expectFocusOn(poll, grabOf(poll, 'Oslo'));

    part(poll, 'vote').focus();
    const voted = oneEvent(poll, 'live-vote');
    await press('Enter');
    expect((await voted).detail).to.deep.equal({ pollId, answer: { ranking: [1, 2, 0] } });
    await waitForText(poll, 'Your answer: 1. Lima, 2. Oslo, 3. Kyoto');
    await waitForResult(poll, 'Lima', 'Average position 1.0 · 2 points');
    expect(resultText(poll, 'Kyoto')).to.equal('Average position 3.0 · 0 points');
  });

  it('orders with the mouse (up and down buttons); results sort by average position; a reload gives my ranking back', async () => {
    const { room, poll, pollId } = await audience(RANKING);
    const move = (label: string, direction: 'move-up' | 'move-down') =>
      parts(poll, 'rank-item')
        .find((item) => item.querySelector('.option')!.textContent === label)!
        .querySelector<HTMLButtonElement>(`[part~="${direction}"]`)!
        .click();
    expect(parts<HTMLButtonElement>(poll, 'move-up')[0].disabled).to.equal(true);
    move('Oslo', 'move-up');
    await poll.updateComplete;
    move('Oslo', 'move-up');
    await poll.updateComplete;
    move('Kyoto', 'move-down');
    await poll.updateComplete;
    expect(order(poll)).to.deep.equal(['Oslo', 'Lima', 'Kyoto']);
    part<HTMLButtonElement>(poll, 'vote').click();
    await waitForText(poll, 'Your answer: 1. Oslo, 2. Lima, 3. Kyoto');

    const bo = await pollStore(as('bo'), room, relay.tokens.bo);
    await bo.vote(pollId, { ranking: [0, 2, 1] });
    // Oslo: 2 + 1 = 3 points, average 1.5; Kyoto 0 + 2 = 2; Lima 1 + 0 = 1.
    await waitForResult(poll, 'Oslo', 'Average position 1.5 · 3 points');
    const rows = parts(poll, 'result').map((row) => row.querySelector('.option')!.textContent);
    expect(rows).to.deep.equal(['Oslo', 'Kyoto', 'Lima']);
    expect(resultText(poll, 'Lima')).to.equal('Average position 2.5 · 1 point');

    const again = await fixture<LivePoll>(
      html`<live-poll server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-poll>`,
    );
    await pollsLoaded(again);
    await waitForText(again, 'Your answer: 1. Oslo, 2. Lima, 3. Kyoto');
  });
});

describe('<live-poll> ranking by dragging', () => {
  it('moves an option dropped on another one to that one’s place', async () => {
    const { poll } = await audience(RANKING);
    const item = (label: string) =>
      parts(poll, 'rank-item').find((li) => li.querySelector('.option')!.textContent === label)!;
    expect(item('Kyoto').getAttribute('draggable')).to.equal('true');
    const data = new DataTransfer();
    item('Kyoto').dispatchEvent(new DragEvent('dragstart', { dataTransfer: data, bubbles: true }));
    const over = new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true });
    item('Oslo').dispatchEvent(over);
    expect(over.defaultPrevented, 'the list accepts the drop').to.equal(true);
    item('Oslo').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
    await poll.updateComplete;
    expect(order(poll)).to.deep.equal(['Lima', 'Oslo', 'Kyoto']);
    expect(announced(poll)).to.equal('Kyoto moved to position 3 of 3.');
  });
});

describe('<live-poll> open text', () => {
  it('sends answers by keyboard up to the limit; identical ones group with a count, newest first', async () => {
    const { room, poll, pollId } = await audience({
      question: 'One word for this talk?',
      kind: 'opentext',
      maxAnswers: 2,
    });
    expect(textIn(poll)).to.include('Send an answer to see everyone’s.');
    expect(part(poll, 'vote').textContent!.trim()).to.equal('Send');
    await typeInto(part(poll, 'text-input'), 'Inspiring!');
    await press('Enter');
    await waitForText(poll, '1 of 2 answers given');
    await waitUntil(() => announced(poll) === 'Answer sent.', 'no announcement', WAIT);
    expect(part<HTMLInputElement>(poll, 'text-input').value).to.equal('');

    const bo = await pollStore(as('bo'), room, relay.tokens.bo);
    await bo.answer(pollId, 'inspiring');
    await bo.answer(pollId, 'Long');
    await waitForResult(poll, 'Inspiring!', '× 2');
    const newest = part(poll, 'answers');
    expect(
      [...newest.querySelectorAll('[part~="option"]')].map((option) => option.textContent),
    ).to.deep.equal(['Long', 'Inspiring!']);
    expect(part(poll, 'top-answers').querySelector('[part~="option"]')!.textContent).to.equal(
      'Inspiring!',
    );

    await typeInto(part(poll, 'text-input'), 'Clear');
    await press('Enter');
    await waitForText(poll, '2 of 2 answers given');
    expect(parts(poll, 'text-input')).to.have.length(0);
    // The page is reloaded: my answers come back with the `me` after `sub`.
    const again = await fixture<LivePoll>(
      html`<live-poll server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-poll>`,
    );
    await pollsLoaded(again);
    await waitForText(again, '2 of 2 answers given');
    expect(parts(again, 'my-answer').map((a) => a.textContent!.trim())).to.deep.equal([
      'Inspiring!',
      'Clear',
    ]);
  });

  it('with review, answers wait in the review queue: the author sees them pending, the queue approves, the editor hides', async () => {
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-poll-editor server=${as('host')} room=${room} token=${relay.tokens.host}>
        </live-poll-editor>
        <live-review-queue
          server=${as('host')}
          room=${room}
          token=${relay.tokens.host}
        ></live-review-queue>
        <live-poll server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-poll>
        <live-poll
          server=${as('bo')}
          room=${room}
          token=${relay.tokens.bo}
          show-results-before-vote
        ></live-poll>
      </div>`,
    );
    const editor = page.querySelector<LivePollEditor>('live-poll-editor')!;
    const [ana, bo] = page.querySelectorAll<LivePoll>('live-poll');
    const queue = page.querySelector<LiveReviewQueue>('live-review-queue')!;
    await pollsLoaded(editor, ana, bo);
    await waitUntil(() => queue.store?.$loaded.get(), 'queue not loaded', WAIT);
    const queued = () => [...queue.shadowRoot!.querySelectorAll('[part~="item"]')];

    // The host creates the poll from the editor: open text, 2 answers each, reviewed.
    await typeInto(part(editor, 'question-input'), 'Questions for the panel?');
    const kind = part<HTMLSelectElement>(editor, 'kind');
    kind.value = 'opentext';
    kind.dispatchEvent(new Event('change'));
    await editor.updateComplete;
    expect(parts(editor, 'option-input')).to.have.length(0);
    const max = part<HTMLInputElement>(editor, 'max-answers');
    max.value = '2';
    max.dispatchEvent(new InputEvent('input'));
    part<HTMLInputElement>(editor, 'review').click();
    await editor.updateComplete;
    part<HTMLButtonElement>(editor, 'create').click();
    await waitUntil(() => listItem(editor, 'Questions for the panel?'), 'not listed', WAIT);
    const item = () => listItem(editor, 'Questions for the panel?')!;
    expect(item().textContent).to.include('answers reviewed');
    item().querySelector<HTMLButtonElement>('[part~="open"]')!.click();
    await waitForText(ana, 'Questions for the panel?');
    const created = ana.poll!;
    expect([created.kind, created.maxAnswers, created.review]).to.deep.equal(['opentext', 2, true]);

    await typeInto(part(ana, 'text-input'), 'How do you test <b>this</b>?');
    await press('Enter');
    await waitForText(ana, 'Awaiting review');
    await waitForText(bo, 'No answers yet');
    // The editor only says what waits; the review queue lists it with the poll's question.
    await waitForText(editor, '1 answer waits for review');
    expect(item().querySelector('[part~="approve"]')).to.equal(null);
    await waitUntil(() => queued().length === 1, 'not in the review queue', WAIT);
    expect(queued()[0].querySelector('.text')!.textContent).to.equal(
      'How do you test <b>this</b>?',
    );
    expect(queued()[0].textContent).to.include('Open text');
    expect(queued()[0].textContent).to.include('Questions for the panel?');
    expect(queue.shadowRoot!.querySelector('b')).to.equal(null);
    expect(textIn(bo)).to.not.include('How do you test');

    queue.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!.focus();
    await sendKeys({ press: 'a' });
    await waitForText(bo, 'How do you test <b>this</b>?');
    await waitUntil(() => !textIn(ana).includes('Awaiting review'), 'still pending', WAIT);
    await waitUntil(() => queued().length === 0, 'still queued', WAIT);
    await waitForText(editor, '0 answers wait for review');

    await waitUntil(() => item().querySelector('[part~="hide"]'), 'no hide button', WAIT);
    item().querySelector<HTMLButtonElement>('[part~="hide"]')!.click();
    await waitForText(ana, 'Hidden by the host');
    await waitForText(bo, 'No answers yet');
  });
});

describe('<live-poll-editor> ranking', () => {
  it('creates a ranking poll, which needs two options', async () => {
    const room = uniqueRoom();
    const editor = await fixture<LivePollEditor>(
      html`<live-poll-editor server=${as('host')} room=${room} token=${relay.tokens.host}>
      </live-poll-editor>`,
    );
    await pollsLoaded(editor);
    await typeInto(part(editor, 'question-input'), 'Rank the talks');
    const kind = part<HTMLSelectElement>(editor, 'kind');
    kind.value = 'ranking';
    kind.dispatchEvent(new Event('change'));
    await editor.updateComplete;
    parts<HTMLButtonElement>(editor, 'remove-option')[1].click();
    await editor.updateComplete;
    await typeInto(part(editor, 'option-input'), 'Keynote');
    part<HTMLButtonElement>(editor, 'create').click();
    await waitForText(editor, 'A ranking needs at least 2 options.');
    part<HTMLButtonElement>(editor, 'add-option').click();
    await editor.updateComplete;
    await typeInto(parts(editor, 'option-input')[1], 'Workshop');
    part<HTMLButtonElement>(editor, 'create').click();
    await waitUntil(() => listItem(editor, 'Rank the talks'), 'not listed', WAIT);
    const created = editor.store!.$polls.get().at(-1)!;
    expect([created.kind, created.options]).to.deep.equal(['ranking', ['Keynote', 'Workshop']]);
    expect(listItem(editor, 'Rank the talks')!.textContent).to.include('Ranking');
  });
});
