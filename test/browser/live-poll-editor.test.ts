/**
 * `<live-poll-editor>` in a real browser against a real relay: a host's form checked against the
 * relay's limits, the room's polls with Open / Close and live counts, and a note for non-hosts.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { LivePollEditor } from '../../src/index.js';
import { census, uniqueRoom, pageRelay } from './chat-helpers.js';
import {
  fillField,
  expectFocusOn,
  focused,
  listItem,
  part,
  parts,
  pollStore,
  pollsLoaded,
  press,
  releasePollStores,
  textIn,
  typeInto,
  waitForResult,
  waitForText,
} from './poll-helpers.js';

const { relay, as } = pageRelay();
afterEach(releasePollStores);

async function hostEditor(room = uniqueRoom()) {
  const url = as('host');
  const editor = await fixture<LivePollEditor>(
    html`<live-poll-editor
      server=${url}
      room=${room}
      token=${relay.tokens.host}
    ></live-poll-editor>`,
  );
  await pollsLoaded(editor);
  await waitUntil(() => editor.shadowRoot!.querySelector('[part~="form"]'), 'no form');
  return { editor, room, url };
}

const createOps = (url: string) =>
  census.sent.filter(
    (entry) =>
      entry.url === new URL(url).href && (entry.frame as { type?: string }).type === 'create',
  );

const invalidFields = (editor: LivePollEditor) =>
  parts(editor, 'form')[0].querySelectorAll('[aria-invalid="true"]').length;

describe('<live-poll-editor>', () => {
  it('tells viewers who are not hosts that only hosts run polls', async () => {
    const editor = await fixture<LivePollEditor>(
      html`<live-poll-editor
        server=${as('ana')}
        room=${uniqueRoom()}
        token=${relay.tokens.ana}
      ></live-poll-editor>`,
    );
    await pollsLoaded(editor);
    await waitForText(editor, 'Only hosts can run polls.');
    expect(editor.shadowRoot!.querySelector('form')).to.equal(null);
  });

  it('checks the form against the relay limits before sending', async () => {
    const { editor, url } = await hostEditor();
    part(editor, 'create').click();
    await editor.updateComplete;
    expect(textIn(editor)).to.include('Enter a question.');
    expect(textIn(editor)).to.include('Enter a text for this option, or remove it.');
    expect(invalidFields(editor)).to.equal(3);
    expectFocusOn(editor, part(editor, 'question-input'));
    expect(part(editor, 'question-input').getAttribute('aria-describedby')).to.include(
      'question-error',
    );

    // 200 code points is the most a question may have (an emoji is one).
    const question = part<HTMLTextAreaElement>(editor, 'question-input');
    await fillField(editor, question, '😀'.repeat(201));
    expect(textIn(editor)).to.include('The question can be at most 200 characters.');
    expect(part(editor, 'counter').textContent).to.equal('201 / 200');
    await fillField(editor, question, '😀'.repeat(200));
    expect(textIn(editor)).not.to.include('The question can be at most');

    const [first, second] = parts<HTMLInputElement>(editor, 'option-input');
    await fillField(editor, first, 'x'.repeat(101));
    await fillField(editor, second, 'fine');
    expect(textIn(editor)).to.include('An option can be at most 100 characters.');
    expect(first.getAttribute('aria-invalid')).to.equal('true');
    part(editor, 'create').click();
    await editor.updateComplete;
    expect(createOps(url)).to.have.length(0);
    expectFocusOn(editor, first);

    await fillField(editor, first, '  ' + 'x'.repeat(100) + '  '); // trimmed, as the relay does
    const created = oneEvent(editor, 'live-poll-create');
    part(editor, 'create').click();
    expect((await created).detail).to.deep.equal({
      question: '😀'.repeat(200),
      kind: 'single',
      options: ['x'.repeat(100), 'fine'],
    });
    await waitUntil(() => parts(editor, 'item').length === 1, 'not created');
    expect(invalidFields(editor)).to.equal(0);
    expect(part<HTMLTextAreaElement>(editor, 'question-input').value).to.equal('');
  });

  it('adds and removes options from 1 to 10, and presets a rating scale', async () => {
    const { editor } = await hostEditor();
    const add = part<HTMLButtonElement>(editor, 'add-option');
    for (let i = 2; i < 10; i++) {
      add.click();
      await editor.updateComplete;
    }
    expect(parts(editor, 'option-input')).to.have.length(10);
    expectFocusOn(editor, parts(editor, 'option-input')[9]);
    expect(add.disabled).to.equal(true);

    await typeInto(parts(editor, 'option-input')[3], 'four');
    parts(editor, 'remove-option')[2].click();
    await editor.updateComplete;
    expect(parts<HTMLInputElement>(editor, 'option-input')[2].value).to.equal('four');
    expectFocusOn(editor, parts(editor, 'option-input')[2]);
    while (parts(editor, 'option-input').length > 1) {
      parts(editor, 'remove-option')[0].click();
      await editor.updateComplete;
    }
    expect(part<HTMLButtonElement>(editor, 'remove-option').disabled).to.equal(true);
    expect(part(editor, 'remove-option').getAttribute('aria-label')).to.equal('Remove option 1');

    await fillField(editor, part(editor, 'option-input'), '');
    const kind = part<HTMLSelectElement>(editor, 'kind');
    kind.value = 'rating';
    kind.dispatchEvent(new Event('change'));
    await editor.updateComplete;
    expect(
      parts<HTMLInputElement>(editor, 'option-input').map((input) => input.value),
    ).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(textIn(editor)).to.include('Scale, lowest first');

    kind.value = 'wordcloud';
    kind.dispatchEvent(new Event('change'));
    await editor.updateComplete;
    expect(parts(editor, 'option-input')).to.have.length(0);
    expect(part(editor, 'blocked-terms')).to.be.instanceOf(HTMLElement);
  });

  it('creates a word cloud with blocked terms; the relay drops words containing them', async () => {
    const { editor, room } = await hostEditor();
    await typeInto(part(editor, 'question-input'), 'Your mood?');
    const kind = part<HTMLSelectElement>(editor, 'kind');
    kind.value = 'wordcloud';
    kind.dispatchEvent(new Event('change'));
    await editor.updateComplete;
    await fillField(editor, part(editor, 'blocked-terms'), 'Grumpy\n  tired, ');
    const created = oneEvent(editor, 'live-poll-create');
    part(editor, 'create').click();
    expect((await created).detail).to.deep.equal({
      question: 'Your mood?',
      kind: 'wordcloud',
      options: [],
      blockedTerms: ['grumpy', 'tired'],
    });
    await waitUntil(() => listItem(editor, 'Your mood?'), 'not created');
    listItem(editor, 'Your mood?')!.querySelector<HTMLButtonElement>('[part~="open"]')!.click();
    await waitUntil(() => listItem(editor, 'Your mood?')!.textContent!.includes('Open'));

    const ana = await pollStore(as('ana'), room, relay.tokens.ana);
    const pollId = ana.$polls.get()[0].id;
    const refused = await ana.vote(pollId, { text: 'grumpy tiredness' }).catch((error) => error);
    expect(refused.code).to.equal('invalid');
    await ana.vote(pollId, { text: 'happy but grumpy' });
    const item = () => listItem(editor, 'Your mood?')!;
    await waitForResult(editor, 'happy', '100% · 1 vote', item);
    expect(item().textContent).not.to.include('grumpy');
  });

  it('puts a word cloud under review; the list counts entries waiting and points to the Review queue', async () => {
    const { editor, room } = await hostEditor();
    await typeInto(part(editor, 'question-input'), 'One word?');
    const kind = part<HTMLSelectElement>(editor, 'kind');
    kind.value = 'wordcloud';
    kind.dispatchEvent(new Event('change'));
    await editor.updateComplete;
    part<HTMLInputElement>(editor, 'review').click();
    await editor.updateComplete;
    const created = oneEvent(editor, 'live-poll-create');
    part(editor, 'create').click();
    expect((await created).detail).to.deep.equal({
      question: 'One word?',
      kind: 'wordcloud',
      options: [],
      review: true,
    });
    await waitUntil(() => listItem(editor, 'One word?'), 'not created');
    const item = () => listItem(editor, 'One word?')!;
    item().querySelector<HTMLButtonElement>('[part~="open"]')!.click();
    await waitForText(editor, '0 answers wait for review');

    const ana = await pollStore(as('ana'), room, relay.tokens.ana);
    await waitUntil(() => ana.$polls.get()[0]?.status === 'open', 'not open');
    await ana.vote(ana.$polls.get()[0].id, { text: 'splendid' });
    await waitForText(editor, '1 answer waits for review');
    expect(item().querySelector('[part~="queue"]')!.textContent).to.include('Review queue');
    expect(item().querySelector('[part~="approve"], [part~="reject"]')).to.equal(null);
  });

  it('opens and closes polls with status badges and live counts, hidden ones included', async () => {
    const { editor, room } = await hostEditor();
    const host = await pollStore(as('host'), room, relay.tokens.host);
    const pollId = await host.create({
      question: 'Hidden one',
      kind: 'single',
      options: ['Left', 'Right'],
      hideResults: true,
    });
    await waitUntil(() => listItem(editor, 'Hidden one'), 'not listed');
    const item = () => listItem(editor, 'Hidden one')!;
    const badge = () => item().querySelector('[part~="badge"]')!.textContent;
    expect(badge()).to.equal('Draft');
    expect(item().textContent).to.include('Results hidden from the audience');

    const opened = oneEvent(editor, 'live-poll-open');
    item().querySelector<HTMLButtonElement>('[part~="open"]')!.focus();
    await press('Enter');
    expect((await opened).detail).to.deep.equal({ pollId });
    await waitUntil(() => badge() === 'Open', 'not open');
    expect(focused(editor)?.textContent!.trim()).to.equal('Close'); // the same button, relabelled

    const ana = await pollStore(as('ana'), room, relay.tokens.ana);
    await ana.vote(pollId, { choice: 1 });
    await waitForResult(editor, 'Right', '100% · 1 vote', item);
    await waitUntil(() => item().querySelector('[part~="total"]')!.textContent === '1 voter');

    const closed = oneEvent(editor, 'live-poll-close');
    item().querySelector<HTMLButtonElement>('[part~="close"]')!.click();
    expect((await closed).detail).to.deep.equal({ pollId });
    await waitUntil(() => badge() === 'Closed', 'not closed');
    expect(item().querySelector('[part~="open"]')!.textContent!.trim()).to.equal('Reopen');
    expect(item().textContent).not.to.include('Results hidden from the audience');
    await waitForResult(editor, 'Right', '100% · 1 vote', item);
  });

  it('sends nothing when live-poll-create or live-poll-open is cancelled', async () => {
    const { editor, room, url } = await hostEditor();
    await typeInto(part(editor, 'question-input'), 'Cancelled?');
    const [first, second] = parts<HTMLInputElement>(editor, 'option-input');
    await fillField(editor, first, 'A');
    await fillField(editor, second, 'B');
    editor.addEventListener('live-poll-create', (event) => event.preventDefault(), { once: true });
    part(editor, 'create').click();
    await editor.updateComplete;
    expect(createOps(url)).to.have.length(0);
    expect(part<HTMLTextAreaElement>(editor, 'question-input').value).to.equal('Cancelled?');

    const host = await pollStore(as('host'), room, relay.tokens.host);
    await host.create({ question: 'Stays a draft', kind: 'single', options: ['A'] });
    await waitUntil(() => listItem(editor, 'Stays a draft'), 'not listed');
    editor.addEventListener('live-poll-open', (event) => event.preventDefault(), { once: true });
    listItem(editor, 'Stays a draft')!.querySelector<HTMLButtonElement>('[part~="open"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(host.$polls.get()[0].status).to.equal('draft');
  });

  it('shows user text literally, never as HTML', async () => {
    const { editor } = await hostEditor();
    const evil = '<img src=x onerror="window.hubbubEditorXss = 1"><b>bold</b>';
    await fillField(editor, part(editor, 'question-input'), evil);
    const [first, second] = parts<HTMLInputElement>(editor, 'option-input');
    await fillField(editor, first, evil);
    await fillField(editor, second, 'plain');
    part(editor, 'create').click();
    await waitUntil(() => listItem(editor, evil), 'not listed');
    expect(textIn(editor)).to.include(`${evil} 0% · 0 votes`);
    expect(editor.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect((window as { hubbubEditorXss?: number }).hubbubEditorXss).to.equal(undefined);
  });
});
