/**
 * `<live-reactions>` in a real browser against a real relay (started by
 * web-test-runner.config.mjs). Each user gets its own relay URL (`?as=NAME`, ignored by the
 * relay), hence its own connection.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { defaultReactionsStrings, getConnection, type LiveReactions } from '../../src/index.js';
import { census, uniqueRoom, pageRelay } from './chat-helpers.js';
import {
  emojisError,
  floatsFor,
  parseEmojis,
} from '../../src/elements/live-reactions/live-reactions.parts.js';
import { LIVE_REACTIONS_DEFAULTS } from '../../src/elements/live-reactions/live-reactions.js';
import { part, parts, waitForTextIn, watchChildren, widgetsLoaded } from './room-helpers.js';

const { relay, as } = pageRelay();

/** A URL of a relay for one user of the test. */

const button = (element: LiveReactions, emoji: string) =>
  part<HTMLButtonElement>(element, 'buttons')!.querySelector<HTMLButtonElement>(
    `[data-emoji="${emoji}"]`,
  )!;

const overlay = (element: LiveReactions) => part(element, 'overlay')!;

/** A button that cannot react now (`aria-disabled`, so it keeps the keyboard focus). */
const unavailable = (b: HTMLButtonElement) => b.getAttribute('aria-disabled') === 'true';

/** Ana and Bo on one room, each with their own connection; `bo` may carry extra attributes. */
async function pair(boAttributes: { maxFloating?: number; reducedMotion?: boolean } = {}) {
  const room = uniqueRoom();
  const page = await fixture<HTMLElement>(
    html`<div style="padding-top: 16rem">
      <live-reactions id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
      </live-reactions>
      <live-reactions
        id="bo"
        server=${as('bo')}
        room=${room}
        token=${relay.tokens.bo}
        max-floating=${boAttributes.maxFloating ?? 40}
        ?reduced-motion=${boAttributes.reducedMotion ?? false}
      ></live-reactions>
    </div>`,
  );
  const ana = page.querySelector<LiveReactions>('#ana')!;
  const bo = page.querySelector<LiveReactions>('#bo')!;
  await widgetsLoaded(ana, bo);
  const ready = (element: LiveReactions) =>
    button(element, '❤️').getAttribute('aria-disabled') === 'false';
  await waitUntil(() => ready(ana) && ready(bo), 'unavailable');
  return { room, ana, bo };
}

describe('<live-reactions>', () => {
  describe('scale', () => {
    it('floats about ln(count) emojis per burst', () => {
      expect([1, 10, 1_000, 10_000].map(floatsFor)).to.deep.equal([1, 4, 12, 15]);
      expect(floatsFor(0)).to.equal(0);
    });

    it('reads and checks the host’s comma-separated emojis', () => {
      const t = defaultReactionsStrings;
      expect(parseEmojis(' 🎉,🚀 , ,👍🏽，🇵🇹 ')).to.deep.equal(['🎉', '🚀', '👍🏽', '🇵🇹']);
      expect(emojisError([], t)).to.equal('Give at least one emoji.');
      expect(
        emojisError(
          Array.from({ length: 13 }, (_, i) => `e${i}`),
          t,
        ),
      ).to.equal('At most 12 emojis.');
      expect(emojisError(['👨‍👩‍👧‍👦'], t)).to.equal(''); // 7 code points
      expect(emojisError(['way too long here'], t)).to.include('too long');
    });
  });

  describe('reacting', () => {
    it('floats a click at once and in the other user’s overlay, without counting it twice', async () => {
      const { ana, bo } = await pair();
      expect(button(ana, '❤️').getAttribute('aria-label')).to.equal('React with ❤️');
      expect(part(ana, 'buttons')!.getAttribute('role')).to.equal('group');
      const mine = watchChildren(overlay(ana));
      const theirs = watchChildren(overlay(bo));

      const reacted = oneEvent(ana, 'live-react');
      button(ana, '❤️').click();
      expect((await reacted).detail).to.deep.equal({ emoji: '❤️' });
      expect(mine.added).to.equal(1); // optimistic, before any answer
      expect(overlay(ana).firstElementChild!.textContent).to.equal('❤️');

      await waitUntil(() => theirs.added > 0, 'Bo saw nothing float');
      expect(theirs.added).to.equal(1);
      expect(overlay(bo).getAttribute('aria-hidden')).to.equal('true');
      expect(getComputedStyle(overlay(bo)).pointerEvents).to.equal('none');
      // Ana's store has seen the burst with her own reaction in it: nothing more floated.
      await waitUntil(() => ana.store!.$totals.get()['❤️'] === 1);
      expect(mine.added).to.equal(1);
    });

    it('reacts with Enter and with Space on a focused button', async () => {
      const { ana, bo } = await pair();
      const seen: Record<string, number>[] = [];
      bo.store!.$bursts.listen((burst) => seen.push(burst!.counts));
      const theirs = watchChildren(overlay(bo));

      button(ana, '🔥').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => seen.some((counts) => counts['🔥']), 'Enter did not react');
      button(ana, '👏').focus();
      await sendKeys({ press: 'Space' });
      await waitUntil(() => seen.some((counts) => counts['👏']), 'Space did not react');
      await waitUntil(() => theirs.added >= 2);
      const floated = [...overlay(bo).children].map((node) => node.textContent);
      expect(floated).to.include.members(['🔥', '👏']);
    });

    it('never has more than max-floating emojis in the DOM under a flood', async () => {
      const { room, bo } = await pair({ maxFloating: 6 });
      const theirs = watchChildren(overlay(bo));
      const senders = (['host', 'ana', 'cy'] as const).map((user) =>
        getConnection(as(user), { token: relay.tokens[user] }),
      );
      const emojis = ['❤️', '🔥', '👏', '😂'];
      await Promise.all(
        senders.flatMap((connection) =>
          Array.from({ length: 40 }, (_, i) =>
            connection.op(`${room}/reactions`, 'react', { emoji: emojis[i % emojis.length] }),
          ),
        ),
      );
      await waitUntil(() => bo.store!.$totals.get()['❤️'] === 30, 'not every reaction arrived');
      expect(theirs.most).to.equal(6);
      expect(overlay(bo).childElementCount).to.be.at.most(6);
      theirs.stop();
    });

    it('keeps the default cap when max-floating is not a number, or is removed', async () => {
      const reactions = await fixture<LiveReactions>(
        html`<live-reactions
          server=${as('ana')}
          room=${uniqueRoom()}
          token=${relay.tokens.ana}
          max-floating="lots"
        ></live-reactions>`,
      );
      await widgetsLoaded(reactions);
      await waitUntil(() => button(reactions, '❤️').getAttribute('aria-disabled') === 'false');
      // The viewer's own clicks always float (the oldest make way): 60 at once, on a cap of 40.
      for (let i = 0; i < 60; i++) button(reactions, '❤️').click();
      expect(overlay(reactions).childElementCount).to.equal(LIVE_REACTIONS_DEFAULTS.maxFloating);

      reactions.maxFloating = 5;
      await reactions.updateComplete;
      reactions.removeAttribute('max-floating');
      await reactions.updateComplete;
      expect(reactions.maxFloating).to.equal(LIVE_REACTIONS_DEFAULTS.maxFloating);
    });

    it('shows no floating emojis with reduced motion, a count on the button instead', async () => {
      const { ana, bo } = await pair({ reducedMotion: true });
      const theirs = watchChildren(overlay(bo));
      button(ana, '😮').click();
      await waitUntil(() => part(bo, 'badge') !== null, 'no badge');
      expect(part(bo, 'badge')!.textContent).to.equal('+1');
      expect(part(bo, 'badge')!.closest('button')).to.equal(button(bo, '😮'));
      expect(button(bo, '😮').getAttribute('part')).to.equal('button pulse');

      button(bo, '😮').click(); // my own click: a badge too, never a floating emoji
      await bo.updateComplete;
      expect(part(bo, 'badge')!.textContent).to.equal('+2');
      expect(theirs.added).to.equal(0);
    });

    it('sends nothing when live-react is cancelled', async () => {
      const { ana, bo } = await pair();
      const mine = watchChildren(overlay(ana));
      const sentBefore = census.sent.length;
      ana.addEventListener('live-react', (event) => event.preventDefault(), { once: true });
      button(ana, '❤️').click();
      // A reaction that does go out afterwards shows that the cancelled one never did.
      button(ana, '👍').click();
      await waitUntil(() => bo.store!.$totals.get()['👍'] === 1);
      const reacts = census.sent
        .slice(sentBefore)
        .map((entry) => entry.frame as { type?: string; data?: { emoji?: string } })
        .filter((frame) => frame.type === 'react');
      expect(reacts.map((frame) => frame.data!.emoji)).to.deep.equal(['👍']);
      expect(bo.store!.$totals.get()['❤️']).to.equal(undefined);
      expect(mine.added).to.equal(1);
    });
  });

  describe('host', () => {
    it('edits the room’s emojis; the audience’s buttons change', async () => {
      const room = uniqueRoom();
      const page = await fixture<HTMLElement>(
        html`<div>
          <live-reactions id="host" server=${as('host')} room=${room} token=${relay.tokens.host}>
          </live-reactions>
          <live-reactions id="ana" server=${as('ana')} room=${room} token=${relay.tokens.ana}>
          </live-reactions>
        </div>`,
      );
      const host = page.querySelector<LiveReactions>('#host')!;
      const ana = page.querySelector<LiveReactions>('#ana')!;
      await widgetsLoaded(host, ana);
      expect(part(ana, 'edit')).to.equal(null);
      const edit = part<HTMLButtonElement>(host, 'edit')!;
      expect(edit.textContent!.trim()).to.equal('Edit emojis');

      edit.click();
      await host.updateComplete;
      const input = part<HTMLInputElement>(host, 'editor-input')!;
      expect(host.shadowRoot!.activeElement).to.equal(input);
      expect(input.value).to.equal('❤️, 👏, 😂, 😮, 🔥, 👍');

      // Refused before sending: shown, and nothing changes.
      input.select();
      await sendKeys({ type: '🎉, 🎉' });
      await sendKeys({ press: 'Enter' });
      await host.updateComplete;
      expect(part(host, 'error')!.textContent).to.equal('🎉 is listed twice.');
      expect(input.getAttribute('aria-invalid')).to.equal('true');

      input.select();
      await sendKeys({ type: '🎉, 🚀' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () =>
          parts(ana, 'button')
            .map((b) => b.dataset.emoji)
            .join() === '🎉,🚀',
        'the audience kept the old set',
      );
      await waitUntil(() => part(host, 'editor') === null, 'the editor stayed open');
      expect(host.shadowRoot!.activeElement).to.equal(edit);
      expect(parts(host, 'button').map((b) => b.getAttribute('aria-label'))).to.deep.equal([
        'React with 🎉',
        'React with 🚀',
      ]);
    });
  });

  describe('connection', () => {
    it('makes the buttons unavailable (aria-disabled) while the relay is away', async () => {
      const url = as('ana', relay.flakyUrl);
      getConnection(url, { token: relay.tokens.ana, minBackoffMs: 100, maxBackoffMs: 400 });
      const element = await fixture<LiveReactions>(
        html`<live-reactions server=${url} room=${uniqueRoom()}></live-reactions>`,
      );
      await widgetsLoaded(element);
      await waitUntil(() => !unavailable(button(element, '❤️')));

      await executeServerCommand('relay-stop');
      await waitForTextIn(element, 'Reconnecting…');
      expect(parts<HTMLButtonElement>(element, 'button').every(unavailable)).to.equal(true);

      await executeServerCommand('relay-start');
      await waitUntil(() => !unavailable(button(element, '❤️')), 'still unavailable', {
        timeout: 10_000,
      });
      expect(part(element, 'status')).to.equal(null);
    });
  });
});
