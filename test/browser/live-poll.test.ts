/**
 * `<live-poll>` in a real browser against a real relay (started by web-test-runner.config.mjs),
 * driven by the keyboard where a viewer would use it. Each user gets their own URL to the same
 * relay (`?as=NAME` is ignored by the relay), so each has their own connection.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { getConnection, type LivePoll, type LivePollEditor } from '../../src/index.js';
import { formatCount } from '../../src/elements/internal/poll-format.js';
import { census, uniqueRoom, pageRelay } from './chat-helpers.js';
import {
  fillField,
  expectFocusOn,
  focused,
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

/** A host's store and an audience `<live-poll>` (after a button to Tab from) in a new room. */
async function audience(
  user: 'ana' | 'bo' = 'ana',
  attributes: { chart?: string; showBefore?: boolean } = {},
) {
  const room = uniqueRoom();
  const host = await pollStore(as('host'), room, relay.tokens.host);
  const page = await fixture<HTMLElement>(
    html`<div>
      <button id="start">start</button>
      <live-poll
        server=${as(user)}
        room=${room}
        token=${relay.tokens[user]}
        chart=${attributes.chart ?? ''}
        ?show-results-before-vote=${attributes.showBefore ?? false}
      ></live-poll>
    </div>`,
  );
  const poll = page.querySelector('live-poll')!;
  await pollsLoaded(poll);
  return { room, host, poll, start: page.querySelector<HTMLButtonElement>('#start')! };
}

/** Moves focus into the widget with Tab, from the button before it. */
async function tabIn(start: HTMLButtonElement): Promise<void> {
  start.focus();
  await press('Tab');
}

/** What the widget's screen-reader status region says now. */
const announced = (poll: LivePoll) =>
  poll.shadowRoot!.querySelector('.visually-hidden[role="status"]')!.textContent!.trim();

const votesSent = (url: string) =>
  census.sent.filter(
    (entry) =>
      entry.url === new URL(url).href &&
      (entry.frame as { t: string; type?: string }).type === 'vote',
  );

describe('<live-poll>', () => {
  it('shows a poll the host opens in the editor; the audience votes by keyboard and both see the results', async () => {
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-poll-editor server=${as('host')} room=${room} token=${relay.tokens.host}>
        </live-poll-editor>
        <button id="start">start</button>
        <live-poll server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-poll>
      </div>`,
    );
    const editor = page.querySelector<LivePollEditor>('live-poll-editor')!;
    const poll = page.querySelector<LivePoll>('live-poll')!;
    await pollsLoaded(editor, poll);
    expect(textIn(poll)).to.include('No poll right now');

    // The host writes the poll with the keyboard and opens it from the list.
    await typeInto(part(editor, 'question-input'), 'Best snack?');
    const [first, second] = parts<HTMLInputElement>(editor, 'option-input');
    await typeInto(first, 'Crisps');
    await typeInto(second, 'Fruit');
    await press('Tab', 'Tab', 'Tab', 'Tab', 'Enter'); // remove, add, hide results, create
    await waitUntil(() => listItem(editor, 'Best snack?'), 'the poll is not in the list');
    const item = listItem(editor, 'Best snack?')!;
    expect(item.querySelector('[part~="badge"]')!.textContent).to.equal('Draft');
    expect(textIn(poll)).to.include('No poll right now'); // drafts are not shown
    item.querySelector<HTMLButtonElement>('[part~="open"]')!.click();

    await waitForText(poll, 'Best snack?');
    expect(part(poll, 'status').textContent!.trim()).to.equal('Live poll');
    expect(announced(poll)).to.equal('New poll: Best snack?');
    expect(textIn(poll)).to.include('Vote to see the results.');
    expect(part(poll, 'choices').getAttribute('role')).to.equal('radiogroup');

    // Tab into the radio group, arrow to the second option, Tab to Vote, Enter.
    await tabIn(page.querySelector<HTMLButtonElement>('#start')!);
    await press('ArrowDown', 'Tab');
    expectFocusOn(poll, part(poll, 'vote'));
    const voted = oneEvent(poll, 'live-vote');
    await press('Enter');
    expect((await voted).detail).to.deep.equal({
      pollId: poll.poll!.id,
      answer: { choice: 1 },
    });
    await waitForText(poll, 'Your answer: Fruit');
    expect(announced(poll)).to.equal('Your answer: Fruit');
    await waitForResult(poll, 'Fruit', '100% · 1 vote');
    expect(resultText(poll, 'Crisps')).to.equal('0% · 0 votes');
    expect(part(poll, 'total').textContent).to.equal('1 voter');
    const listed = () => listItem(editor, 'Best snack?')!;
    await waitForResult(editor, 'Fruit', '100% · 1 vote', listed);

    // A second viewer votes: both widgets follow.
    const bo = await pollStore(as('bo'), room, relay.tokens.bo);
    await bo.vote(poll.poll!.id, { choice: 0 });
    await waitForResult(poll, 'Crisps', '50% · 1 vote');
    await waitForResult(editor, 'Crisps', '50% · 1 vote', listed);
    expect(part(poll, 'total').textContent).to.equal('2 voters');

    // Focus went to "Change": Enter opens the form on the current answer; arrow up and Enter.
    expectFocusOn(poll, part(poll, 'change'));
    await press('Enter');
    await poll.updateComplete;
    expectFocusOn(poll, parts<HTMLInputElement>(poll, 'choice')[1].querySelector('input'));
    await press('ArrowUp', 'Enter');
    await waitForText(poll, 'Your answer: Crisps');
    await waitForResult(poll, 'Crisps', '100% · 2 votes');
    expect(resultText(poll, 'Fruit')).to.equal('0% · 0 votes');
    await waitForResult(editor, 'Crisps', '100% · 2 votes', listed);
  });

  it('takes several choices with checkboxes and Space', async () => {
    const { host, poll, start } = await audience();
    await openPoll(host, {
      question: 'Which days?',
      kind: 'multi',
      options: ['Mon', 'Tue', 'Wed'],
    });
    await waitForText(poll, 'Which days?');
    expect(part(poll, 'choices').getAttribute('role')).to.equal('group');
    expect(part(poll, 'vote').hasAttribute('disabled')).to.equal(true);
    await tabIn(start);
    await press('Space', 'Tab', 'Tab', 'Space', 'Tab');
    expectFocusOn(poll, part(poll, 'vote'));
    const voted = oneEvent(poll, 'live-vote');
    await press('Enter');
    expect((await voted).detail.answer).to.deep.equal({ choices: [0, 2] });
    await waitForText(poll, 'Your answer: Mon, Wed');
    await waitForResult(poll, 'Mon', '100% · 1 vote');
    await waitForResult(poll, 'Wed', '100% · 1 vote');
    expect(resultText(poll, 'Tue')).to.equal('0% · 0 votes');
  });

  it('rates with a scale of buttons: arrows move the choice, Enter votes', async () => {
    const { host, poll, start } = await audience();
    await openPoll(host, {
      question: 'How was it?',
      kind: 'rating',
      options: ['1', '2', '3', '4', '5'],
    });
    await waitForText(poll, 'How was it?');
    const scale = part(poll, 'scale');
    expect(scale.getAttribute('role')).to.equal('radiogroup');
    await tabIn(start);
    expect(focused(poll)?.textContent!.trim()).to.equal('1');
    await press('ArrowRight', 'ArrowRight', 'ArrowRight');
    expect(focused(poll)?.textContent!.trim()).to.equal('4');
    const steps = parts(poll, 'scale-option');
    expect(steps.map((step) => step.getAttribute('aria-checked'))).to.deep.equal([
      'false',
      'false',
      'false',
      'true',
      'false',
    ]);
    expect(steps.map((step) => step.tabIndex)).to.deep.equal([-1, -1, -1, 0, -1]);
    // Like native radios, the arrows wrap around: 5, then 1, back to 5, then 4.
    await press('ArrowRight', 'ArrowRight');
    expect(focused(poll)?.textContent!.trim()).to.equal('1');
    await press('ArrowLeft', 'ArrowLeft');
    expect(focused(poll)?.textContent!.trim()).to.equal('4');
    const voted = oneEvent(poll, 'live-vote');
    await press('Enter');
    expect((await voted).detail.answer).to.deep.equal({ choice: 3 });
    await waitForText(poll, 'Your answer: 4');
    await waitForResult(poll, '4', '100% · 1 vote');
  });

  it('collects words for a cloud, sized by count, and shows a refused answer inline', async () => {
    const { room, host, poll, start } = await audience();
    const pollId = await openPoll(host, { question: 'One word?', kind: 'wordcloud' });
    const bo = await pollStore(as('bo'), room, relay.tokens.bo);
    await bo.vote(pollId, { text: 'brilliant relays' });
    await waitForText(poll, 'One word?');
    await tabIn(start);
    expectFocusOn(poll, part(poll, 'text-input'));

    // Only short and common words: the relay refuses, the error shows by the form.
    await press('a', 'n', 'd', 'Enter'); // "and" is a stop word
    await waitForText(poll, 'Use at least one word of 3 letters or more');
    expect(part(poll, 'error').getAttribute('role')).to.equal('alert');
    expect(part(poll, 'vote-form')).to.be.instanceOf(HTMLElement);

    await fillField(poll, part<HTMLInputElement>(poll, 'text-input'), '');
    await typeInto(part(poll, 'text-input'), 'Brilliant!');
    await press('Enter');
    await waitForText(poll, 'Your answer: Brilliant!');
    expect(parts(poll, 'error')).to.have.length(0);
    expect(part(poll, 'results').getAttribute('aria-label')).to.equal('Results');
    await waitForResult(poll, 'brilliant', '100% · 2 votes');
    await waitForResult(poll, 'relays', '50% · 1 vote');
    const size = (word: string) =>
      parseFloat(
        parts(poll, 'word').find((element) => element.textContent!.includes(word))!.style.fontSize,
      );
    expect(size('brilliant')).to.be.greaterThan(size('relays'));
  });

  it('counts the word-cloud input in code points, up to 40', async () => {
    const { host, poll } = await audience();
    await openPoll(host, { question: 'Emoji?', kind: 'wordcloud' });
    await waitForText(poll, 'Emoji?');
    const input = part<HTMLInputElement>(poll, 'text-input');
    await fillField(poll, input, '😀'.repeat(41));
    expect(part(poll, 'counter').textContent).to.equal('41 / 40');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(part<HTMLButtonElement>(poll, 'vote').disabled).to.equal(true);
    await fillField(poll, input, '😀'.repeat(40));
    expect(part<HTMLButtonElement>(poll, 'vote').disabled).to.equal(false);
  });

  it('hides the results of a hideResults poll from the audience until it closes, not from hosts', async () => {
    const { room, host, poll } = await audience();
    const hostView = await fixture<LivePoll>(
      html`<live-poll server=${as('host')} room=${room} token=${relay.tokens.host}></live-poll>`,
    );
    const pollId = await openPoll(host, {
      question: 'Secret?',
      kind: 'single',
      options: ['Yes', 'No'],
      hideResults: true,
    });
    await waitForText(poll, 'Secret?');
    parts(poll, 'choice')[0].querySelector('input')!.click();
    await poll.updateComplete;
    part(poll, 'vote').click();
    await waitForText(poll, 'Your answer: Yes');
    await waitForText(poll, 'Results will be shown when the poll closes.');
    expect(parts(poll, 'results')).to.have.length(0);

    await waitForText(hostView, 'Hidden from the audience until the poll closes.');
    await waitForResult(hostView, 'Yes', '100% · 1 vote');

    await host.close(pollId);
    await waitForText(poll, 'Poll closed');
    expect(announced(poll)).to.equal('Poll closed');
    await waitForResult(poll, 'Yes', '100% · 1 vote');
    expect(textIn(poll)).to.include('1 voter');
    expect(textIn(poll)).not.to.include('Results will be shown');
    expect(parts(poll, 'vote-form')).to.have.length(0);
    expect(parts(poll, 'change')).to.have.length(0);
    expect(textIn(poll)).to.include('Your answer: Yes');
    await waitUntil(() => !textIn(hostView).includes('Hidden from the audience'));
  });

  it('draws a pie as SVG with its results as text', async () => {
    const { room, host, poll } = await audience('ana', { chart: 'pie', showBefore: true });
    const pollId = await openPoll(host, {
      question: 'Pie?',
      kind: 'single',
      options: ['Apple', 'Cherry'],
    });
    const bo = await pollStore(as('bo'), room, relay.tokens.bo);
    await bo.vote(pollId, { choice: 1 });
    await waitForResult(poll, 'Cherry', '100% · 1 vote');
    const svg = part(poll, 'pie-chart');
    expect(svg.localName).to.equal('svg');
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.querySelector('title')!.textContent).to.equal(
      'Results chart: Apple: 0% · 0 votes; Cherry: 100% · 1 vote',
    );
    expect(svg.querySelectorAll('circle.slice')).to.have.length(1); // one option has it all

    await host.vote(pollId, { choice: 0 });
    await waitForResult(poll, 'Apple', '50% · 1 vote');
    await waitUntil(() => svg.querySelectorAll('path.slice').length === 2, 'no two slices');
    expect(part(poll, 'legend').getAttribute('aria-label')).to.equal('Results');
  });

  it('does not send a vote when live-vote is cancelled', async () => {
    const { host, poll } = await audience();
    await openPoll(host, { question: 'Cancel?', kind: 'single', options: ['A', 'B'] });
    await waitForText(poll, 'Cancel?');
    poll.addEventListener('live-vote', (event) => event.preventDefault(), { once: true });
    parts(poll, 'choice')[0].querySelector('input')!.click();
    await poll.updateComplete;
    const before = votesSent(poll.server!).length;
    part(poll, 'vote').click();
    await poll.updateComplete;
    expect(votesSent(poll.server!).length).to.equal(before);
    expect(poll.store!.$myVotes.get()).to.deep.equal({});
    expect(part(poll, 'vote-form')).to.be.instanceOf(HTMLElement);
  });

  it('shows user text literally, never as HTML', async () => {
    const { host, poll } = await audience('ana', { showBefore: true });
    const evil = '<img src=x onerror="window.hubbubPollXss = 1"><b>bold</b>';
    await openPoll(host, { question: `Q ${evil}`, kind: 'single', options: [evil, 'plain'] });
    await waitForText(poll, `Q ${evil}`);
    expect(resultText(poll, evil)).to.equal('0% · 0 votes');
    parts(poll, 'choice')[0].querySelector('input')!.click();
    await poll.updateComplete;
    part(poll, 'vote').click();
    await waitForText(poll, `Your answer: ${evil}`);
    expect(poll.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect((window as { hubbubPollXss?: number }).hubbubPollXss).to.equal(undefined);
  });

  it('shows the question exactly as written: its line break kept, no blank line or space added', async () => {
    // The question keeps its white space (`pre-wrap`), so the template must add none around it:
    // from src/ it showed a blank line above and below, from the package a space at each end.
    const { host, poll } = await audience();
    await openPoll(host, { question: 'Coffee\nor tea?', kind: 'single', options: ['a', 'b'] });
    await waitForText(poll, 'Coffee');
    expect(part(poll, 'question').textContent).to.equal('Coffee\nor tea?');
  });

  it('shows a specific poll with poll-id, and "No poll right now" without one', async () => {
    const room = uniqueRoom();
    const host = await pollStore(as('host'), room, relay.tokens.host);
    const older = await openPoll(host, { question: 'Older', kind: 'single', options: ['A'] });
    await openPoll(host, { question: 'Newer', kind: 'single', options: ['B'] });
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-poll server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-poll>
        <live-poll server=${as('ana')} room=${room} poll-id=${older}></live-poll>
        <live-poll server=${as('ana')} room=${room} poll-id="missing"></live-poll>
      </div>`,
    );
    const [active, pinned, missing] = page.querySelectorAll('live-poll');
    await pollsLoaded(active, pinned, missing);
    await waitForText(active, 'Newer');
    await waitForText(pinned, 'Older');
    expect(textIn(missing)).to.include('No poll right now');
  });

  it('pauses voting while the connection is down and keeps the results on screen', async () => {
    const room = uniqueRoom();
    const url = as('ana', relay.flakyUrl);
    getConnection(url, { token: relay.tokens.ana, minBackoffMs: 100, maxBackoffMs: 400 });
    const host = await pollStore(as('host', relay.flakyUrl), room, relay.tokens.host);
    await openPoll(host, { question: 'Still there?', kind: 'single', options: ['Yes', 'No'] });
    const poll = await fixture<LivePoll>(
      html`<live-poll server=${url} room=${room} show-results-before-vote></live-poll>`,
    );
    await pollsLoaded(poll);
    await waitForText(poll, 'Still there?');

    await executeServerCommand('relay-stop');
    try {
      await waitForText(poll, 'Reconnecting… Voting is paused.');
      expect(part(poll, 'banner').getAttribute('role')).to.equal('status');
      const radios = parts(poll, 'choice').map((choice) => choice.querySelector('input')!);
      expect(radios.every((radio) => radio.disabled)).to.equal(true);
      expect(resultText(poll, 'Yes')).to.equal('0% · 0 votes');
    } finally {
      await executeServerCommand('relay-start');
    }
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => parts(poll, 'banner').length === 0, 'the banner stayed', {
      timeout: 10_000,
    });
  });

  it('lets strings be replaced and writes big numbers compactly', async () => {
    expect(formatCount(1234, 'en')).to.equal('1,234');
    expect(formatCount(10_334, 'en')).to.equal('10.3K');
    expect(formatCount(1234, 'de')).to.equal('1.234');
    const { host, poll } = await audience();
    poll.strings = { empty: 'Gerade keine Umfrage', vote: 'Abstimmen' };
    await poll.updateComplete;
    expect(textIn(poll)).to.include('Gerade keine Umfrage');
    await openPoll(host, { question: 'Deutsch?', kind: 'single', options: ['Ja'] });
    await waitForText(poll, 'Deutsch?');
    expect(part(poll, 'vote').textContent!.trim()).to.equal('Abstimmen');
  });
});
