/**
 * `<live-host-console>` and its `<live-chat-moderation>` in a real browser against a real relay:
 * tabs driven by the keyboard, a note instead of controls for viewers, and what the host does in
 * the Chat and Polls tabs reaching an audience widget on the same page. Each user gets their own
 * URL to the same relay (`?as=NAME` is ignored by the relay), so each has their own connection.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  LiveHostTabChangeEvent,
  type LiveHostExportEvent,
  type LiveChat,
  type LiveChatModeration,
  type LiveHostConsole,
  type LivePoll,
  type LivePollEditor,
} from '../../src/index.js';
import {
  census,
  input,
  loaded,
  messageElement,
  openSockets,
  sendWithKeyboard,
  uniqueRoom,
  waitForMessage,
  waitForText,
  pageRelay,
} from './chat-helpers.js';
import { listItem, pollsLoaded } from './poll-helpers.js';
import { part, parts, rootOf, textIn, waitForTextIn, widgetsLoaded } from './room-helpers.js';

const { relay, as } = pageRelay();

const WAIT = { timeout: 10_000 };

/** A URL of the main relay for one user of the test. */

/** A host's console in `room`, once it shows its tabs. */
async function hostConsole(
  room: string,
  options: { tabs?: string; activeTab?: string; audience?: 'chat' | 'poll' } = {},
) {
  const page = await fixture<HTMLElement>(
    html`<div>
      <live-host-console
        server=${as('host')}
        room=${room}
        token=${relay.tokens.host}
        tabs=${ifDefined(options.tabs)}
        active-tab=${ifDefined(options.activeTab)}
      ></live-host-console>
      ${
        options.audience === 'chat'
          ? html`<live-chat server=${as('ana')} room=${room} token=${relay.tokens.ana}></live-chat>`
          : options.audience === 'poll'
            ? html`<live-poll
                server=${as('ana')}
                room=${room}
                token=${relay.tokens.ana}
              ></live-poll>`
            : ''
      }
    </div>`,
  );
  const hostView = page.querySelector<LiveHostConsole>('live-host-console')!;
  await waitUntil(() => part(hostView, 'tabs'), 'the host sees no tabs', WAIT);
  return { hostView, page };
}

/** The widget `selector` inside the console's panels. */
function inView<E extends Element>(hostView: LiveHostConsole, selector: string): E {
  const found = rootOf(hostView).querySelector<E>(selector);
  if (!found) throw new Error(`no ${selector} in the console`);
  return found;
}

/** The chat moderation panel, loaded and showing a host's controls. */
async function moderationIn(hostView: LiveHostConsole): Promise<LiveChatModeration> {
  const moderation = inView<LiveChatModeration>(hostView, '[part="chat-moderation"]');
  await widgetsLoaded(moderation);
  await waitUntil(() => part(moderation, 'terms-form'), 'no moderation controls', WAIT);
  return moderation;
}

const selectedTab = (hostView: LiveHostConsole) =>
  rootOf(hostView).querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim();

const visiblePanels = (hostView: LiveHostConsole) =>
  parts(hostView, 'panel')
    .filter((panel) => !panel.hidden)
    .map((panel) => panel.id);

/** Sets a field's value at once and lets its widget see the input event. */
async function fill(
  widget: { updateComplete: Promise<boolean> },
  field: HTMLInputElement | HTMLTextAreaElement,
  text: string,
) {
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await widget.updateComplete;
}

const focusedTab = (hostView: LiveHostConsole) => rootOf(hostView).activeElement?.id;

describe('<live-host-console>', () => {
  it('shows a host the tabs; arrow keys, Home and End move focus and selection', async () => {
    const { hostView } = await hostConsole(uniqueRoom());
    const tabs = parts(hostView, 'tab');
    expect(part(hostView, 'tabs')!.getAttribute('role')).to.equal('tablist');
    expect(tabs.map((tab) => tab.textContent!.trim())).to.deep.equal([
      'Polls',
      'Quiz',
      'Chat',
      'Q&A',
      'Review',
      'Reactions',
    ]);
    expect(tabs.map((tab) => tab.getAttribute('tabindex'))).to.deep.equal([
      '0',
      '-1',
      '-1',
      '-1',
      '-1',
      '-1',
    ]);
    for (const tab of tabs) {
      const panel = rootOf(hostView).getElementById(tab.getAttribute('aria-controls')!)!;
      expect(panel.getAttribute('role')).to.equal('tabpanel');
      expect(panel.getAttribute('aria-labelledby')).to.equal(tab.id);
    }
    expect(visiblePanels(hostView)).to.deep.equal(['panel-polls']);
    expect(inView(hostView, '#panel-polls live-poll-editor')).to.be.instanceOf(HTMLElement);
    expect(part(hostView, 'status')!.textContent!.trim()).to.equal('Connected');
    expect(inView(hostView, 'presence-bar').hasAttribute('no-enter')).to.equal(true);

    tabs[0].focus();
    const changed = oneEvent(hostView, 'live-host-tab-change');
    await sendKeys({ press: 'ArrowRight' });
    const event = await changed;
    expect(event).to.be.instanceOf(LiveHostTabChangeEvent);
    expect(event.detail).to.deep.equal({ tab: 'quiz', previous: 'polls' });
    expect(event.bubbles && event.composed).to.equal(true);
    await hostView.updateComplete;
    expect(focusedTab(hostView)).to.equal('tab-quiz');
    expect(selectedTab(hostView)).to.equal('Quiz');
    expect(visiblePanels(hostView)).to.deep.equal(['panel-quiz']);
    expect(hostView.activeTab).to.equal('quiz');

    await sendKeys({ press: 'End' });
    await hostView.updateComplete;
    expect(focusedTab(hostView)).to.equal('tab-reactions');
    expect(visiblePanels(hostView)).to.deep.equal(['panel-reactions']);
    expect(inView(hostView, '#panel-reactions live-reactions')).to.be.instanceOf(HTMLElement);

    await sendKeys({ press: 'ArrowRight' }); // wraps around
    await hostView.updateComplete;
    expect(focusedTab(hostView)).to.equal('tab-polls');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Home' });
    await hostView.updateComplete;
    expect(focusedTab(hostView)).to.equal('tab-polls');
    expect(selectedTab(hostView)).to.equal('Polls');
    expect(visiblePanels(hostView)).to.deep.equal(['panel-polls']);
    // A panel once shown stays in the page, hidden, so its drafts survive.
    expect(rootOf(hostView).querySelector('#panel-reactions live-reactions')).not.to.equal(null);
  });

  it('shows the tabs the `tabs` attribute names, in its order, and starts on `active-tab`', async () => {
    const { hostView } = await hostConsole(uniqueRoom(), {
      tabs: 'chat, polls nonsense chat',
      activeTab: 'polls',
    });
    expect(parts(hostView, 'tab').map((tab) => tab.textContent!.trim())).to.deep.equal([
      'Chat',
      'Polls',
    ]);
    expect(selectedTab(hostView)).to.equal('Polls');
    let fired = false;
    hostView.addEventListener('live-host-tab-change', () => (fired = true));
    hostView.activeTab = 'chat'; // set by the page: no event
    await hostView.updateComplete;
    expect(selectedTab(hostView)).to.equal('Chat');
    parts(hostView, 'tab')[1].click();
    await hostView.updateComplete;
    expect(selectedTab(hostView)).to.equal('Polls');
    expect(fired).to.equal(true);
  });

  it('shows viewers who are not hosts a note and no controls', async () => {
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(
      html`<div>
        <live-host-console server=${as('ana')} room=${room} token=${relay.tokens.ana}>
        </live-host-console>
        <live-host-console server=${as('anon')} room=${room} anon-name="Guest"></live-host-console>
      </div>`,
    );
    for (const hostView of page.querySelectorAll<LiveHostConsole>('live-host-console')) {
      await waitForTextIn(hostView, 'The host console is for hosts and moderators.');
      const root = rootOf(hostView);
      expect(root.querySelector('button, input, select, textarea, [role="tablist"]')).to.equal(
        null,
      );
      expect(
        [...root.querySelectorAll('*')].filter((el) => el.localName.includes('-')),
      ).to.deep.equal([]);
    }
  });

  it('takes the room of a surrounding <live-room> and shares its socket with the panels', async () => {
    const room = uniqueRoom();
    const url = as('host');
    const page = await fixture<HTMLElement>(
      html`<live-room server=${url} room=${room} token=${relay.tokens.host}>
        <live-host-console active-tab="chat"></live-host-console>
      </live-room>`,
    );
    const hostView = page.querySelector<LiveHostConsole>('live-host-console')!;
    await waitUntil(
      () => rootOf(hostView).querySelector('[part="chat-moderation"]'),
      'no chat tab',
      WAIT,
    );
    await moderationIn(hostView);
    const chat = inView<LiveChat>(hostView, 'live-chat');
    await loaded(chat);
    expect(chat.store!.channel).to.equal(`${room}/chat`);
    expect(openSockets(url)).to.have.length(1);
    expect(census.sockets.filter((socket) => socket.url === new URL(url).href)).to.have.length(1);
  });

  describe('Chat tab', () => {
    it('sets slow mode and blocked terms that an audience chat feels', async () => {
      const room = uniqueRoom();
      const { hostView, page } = await hostConsole(room, { activeTab: 'chat', audience: 'chat' });
      const audience = page.querySelector<LiveChat>(':scope > live-chat')!;
      const moderation = await moderationIn(hostView);
      await loaded(audience);
      expect(textIn(moderation)).to.include('No terms are blocked.');

      const select = part<HTMLSelectElement>(moderation, 'slow-mode')!;
      // One slow-mode select in the panel: the console's chat leaves it to the moderation tools.
      const panelChat = inView<LiveChat>(hostView, 'live-chat');
      await loaded(panelChat);
      await panelChat.updateComplete;
      // A boolean: chai's message for a failing element comparison can take minutes to build.
      expect(part(panelChat, 'slow-mode') === null, 'a second slow-mode select').to.equal(true);
      expect([...select.options].map((option) => option.textContent!.trim())).to.deep.equal([
        'Off',
        '5 s',
        '10 s',
        '30 s',
        '1 min',
        '5 min',
      ]);
      select.value = '5';
      select.dispatchEvent(new Event('change'));
      await waitForText(audience, 'Slow mode: one message every 5 s.');

      // Checked before sending: a term longer than the relay allows.
      const terms = part<HTMLTextAreaElement>(moderation, 'terms-input')!;
      await fill(moderation, terms, `Spam\n${'x'.repeat(41)}`);
      part(moderation, 'save')!.click();
      await waitForTextIn(moderation, `“${'x'.repeat(41)}” is longer than 40 characters.`);
      expect(terms.getAttribute('aria-invalid')).to.equal('true');
      expect(rootOf(moderation).activeElement).to.equal(terms);

      await fill(moderation, terms, ' Spam\n  scam, SPAM');
      part(moderation, 'save')!.click();
      await waitUntil(() => part(moderation, 'terms'), 'the terms never showed', WAIT);
      const shown = part(moderation, 'terms')!.querySelectorAll('li');
      expect([...shown].map((term) => term.textContent!.trim())).to.deep.equal(['spam', 'scam']);
      expect(terms.value).to.equal('spam\nscam');
      expect(terms.getAttribute('aria-invalid')).to.equal('false');
      await waitForTextIn(moderation, 'Blocked terms saved.');

      await sendWithKeyboard(audience, 'Cheap SCAMs here');
      await waitForText(audience, 'Not sent: the message contains a blocked term');
    });

    it('lists bans and timeouts; Unban lets the user write again', async () => {
      const room = uniqueRoom();
      const { hostView, page } = await hostConsole(room, { activeTab: 'chat', audience: 'chat' });
      const audience = page.querySelector<LiveChat>(':scope > live-chat')!;
      const moderation = await moderationIn(hostView);
      const hostChat = inView<LiveChat>(hostView, 'live-chat');
      await loaded(audience, hostChat);
      expect(textIn(moderation)).to.include('Nobody is banned.');

      await sendWithKeyboard(audience, 'Hello from Ana');
      await waitForMessage(hostChat, 'Hello from Ana');
      messageElement(hostChat, 'Hello from Ana')!
        .querySelector<HTMLButtonElement>('[data-action="ban"]')!
        .click();
      await moderation.store!.ban('user-bo', 10);
      await waitUntil(() => parts(moderation, 'ban').length === 2, 'the bans never showed', WAIT);
      await waitUntil(() => input(audience).disabled, 'Ana can still write', WAIT);
      const [ana, bo] = parts(moderation, 'ban');
      expect(part(moderation, 'bans')!.tagName).to.equal('UL');
      expect(ana.querySelector('[part~="ban-name"]')!.textContent).to.equal('Ana');
      expect(ana.querySelector('[part~="ban-until"]')!.textContent).to.equal(
        'banned until unbanned',
      );
      expect(bo.querySelector('[part~="ban-name"]')!.textContent).to.equal('user-bo');
      expect(bo.querySelector('[part~="ban-until"]')!.textContent).to.match(/^timed out until \S/);

      const unbanAna = ana.querySelector<HTMLButtonElement>('[part~="unban"]')!;
      expect(unbanAna.getAttribute('aria-label')).to.equal('Unban Ana');
      const lifted = oneEvent(moderation, 'live-user-ban');
      unbanAna.focus();
      await sendKeys({ press: 'Enter' });
      expect((await lifted).detail).to.deep.equal({ userId: 'user-ana', banned: false });
      await waitUntil(() => !input(audience).disabled, 'Ana still cannot write', WAIT);
      await waitUntil(() => parts(moderation, 'ban').length === 1, 'Ana is still listed', WAIT);
      // The focus moves on to the next Unban button rather than being lost.
      await waitUntil(
        () => rootOf(moderation).activeElement === part(moderation, 'unban'),
        'the focus was lost',
        WAIT,
      );
      await waitForTextIn(moderation, 'Ana can write again.');
    });
  });

  it('creates a poll from the Polls tab that reaches an audience <live-poll>', async () => {
    const room = uniqueRoom();
    const { hostView, page } = await hostConsole(room, { audience: 'poll' });
    const poll = page.querySelector<LivePoll>('live-poll')!;
    const editor = inView<LivePollEditor>(hostView, 'live-poll-editor');
    await pollsLoaded(editor, poll);
    await waitUntil(() => editor.shadowRoot!.querySelector('[part~="form"]'), 'no form', WAIT);
    const root = editor.shadowRoot!;
    await fill(editor, root.querySelector('textarea')!, 'Tea or coffee?');
    const [first, second] = root.querySelectorAll<HTMLInputElement>('[part~="option-input"]');
    await fill(editor, first, 'Tea');
    await fill(editor, second, 'Coffee');
    root.querySelector<HTMLButtonElement>('[part~="create"]')!.click();
    await waitUntil(() => listItem(editor, 'Tea or coffee?'), 'not created', WAIT);
    listItem(editor, 'Tea or coffee?')!.querySelector<HTMLButtonElement>('[part~="open"]')!.click();
    await waitUntil(
      () => textIn(poll).includes('Tea or coffee?'),
      'the audience never saw it',
      WAIT,
    );
    expect(textIn(poll)).to.include('Coffee');
  });

  it('downloads the chat transcript as CSV, the token in the Authorization header', async () => {
    const room = uniqueRoom();
    const { hostView, page } = await hostConsole(room, { activeTab: 'chat', audience: 'chat' });
    const audience = page.querySelector<LiveChat>(':scope > live-chat')!;
    const hostChat = inView<LiveChat>(hostView, 'live-chat');
    await loaded(audience, hostChat);
    await sendWithKeyboard(audience, '=cmd|"/c calc"!A1, from Ana');
    await waitForMessage(hostChat, '=cmd|"/c calc"!A1, from Ana');

    const menu = part(hostView, 'export') as HTMLDetailsElement;
    menu.open = true;
    const button = rootOf(hostView).querySelector<HTMLButtonElement>('[data-export="chat"]')!;
    expect(button.textContent!.trim()).to.equal('Chat transcript (CSV)');
    const saved = oneEvent(hostView, 'live-host-export');
    button.click();
    const { detail } = (await saved) as LiveHostExportEvent;
    expect(detail.export).to.equal('chat');
    expect(detail.file.name).to.equal(`hubbub-${room}-chat.csv`);
    const [header, row] = (await detail.file.text()).split('\r\n');
    expect(header).to.equal(
      'seq,at,id,userId,userName,role,text,replyTo,visibility,deleted,deletedAt',
    );
    expect(row).to.include(`,user-ana,Ana,audience,"'=cmd|""/c calc""!A1, from Ana",,all,false,`);
    expect(part(hostView, 'export-status')!.textContent).to.equal('');
  });

  it('exports with the token its <live-room> was given as a property, as the README shows', async () => {
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(
      html`<live-room server=${as('host')} room=${room} .token=${relay.tokens.host}>
        <live-host-console></live-host-console>
      </live-room>`,
    );
    const hostView = page.querySelector<LiveHostConsole>('live-host-console')!;
    await waitUntil(() => part(hostView, 'tabs'), 'the host sees no tabs', WAIT);
    (part(hostView, 'export') as HTMLDetailsElement).open = true;
    const saved = oneEvent(hostView, 'live-host-export');
    rootOf(hostView).querySelector<HTMLButtonElement>('[data-export="chat"]')!.click();
    await hostView.updateComplete;
    await waitUntil(
      () => part(hostView, 'export-status')!.textContent !== 'Preparing the download…',
      'the export never finished',
      WAIT,
    );
    expect(part(hostView, 'export-status')!.textContent).to.equal('');
    const { detail } = (await saved) as LiveHostExportEvent;
    expect(detail.file.name).to.equal(`hubbub-${room}-chat.csv`);
  });
});
