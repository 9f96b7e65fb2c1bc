/**
 * The theme as people see it (issue 16, items 3 and 8), measured from computed styles in real
 * widgets on a real relay: the pairs the audit found failing reach WCAG's ratios in the light and
 * the dark theme, and under forced colours (Windows high contrast) a button's edge and the focus
 * ring still show.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  getConnection,
  type LiveChat,
  type LivePoll,
  type LiveRoom,
  type PresenceBar,
} from '../../src/index.js';
import { pageRelay, uniqueRoom } from './chat-helpers.js';
import {
  openPoll,
  pollStore,
  pollsLoaded,
  releasePollStores,
  waitForText,
} from './poll-helpers.js';
import { part, widgetsLoaded } from './room-helpers.js';

const { relay, as } = pageRelay();

type Rgba = [number, number, number, number];

/** `rgb(…)` / `rgba(…)`, as getComputedStyle gives colours. */
function parse(color: string): Rgba {
  const match = /rgba?\(([^)]+)\)/.exec(color);
  if (!match) throw new Error(`not an rgb() colour: ${color}`);
  const [r, g, b, a = 1] = match[1]!
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  return [r!, g!, b!, a];
}

function linear(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance([r, g, b]: Rgba): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** `color` painted over the opaque `behind`. */
function over(color: Rgba, behind: Rgba): Rgba {
  const [r, g, b, a] = color;
  const mix = (top: number, bottom: number) => top * a + bottom * (1 - a);
  return [mix(r, behind[0]), mix(g, behind[1]), mix(b, behind[2]), 1];
}

/** The first opaque background behind `element`, through slots and shadow roots. */
function backgroundOf(element: Element): Rgba {
  for (let node: Element | null = element; node;) {
    const color = parse(getComputedStyle(node).backgroundColor);
    if (color[3] === 1) return color;
    if (color[3] !== 0) throw new Error(`translucent background on ${node.localName}`);
    const root = node.getRootNode();
    node =
      node.assignedSlot ?? node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  throw new Error('no background behind the element');
}

function textContrast(element: Element): number {
  return contrast(parse(getComputedStyle(element).color), backgroundOf(element));
}

/** The page around the widgets, in `scheme`, as an embedding site sets it. */
function setPage(page: HTMLElement, room: LiveRoom, scheme: 'light' | 'dark'): Promise<unknown> {
  page.style.colorScheme = scheme;
  room.setAttribute('theme', scheme);
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

describe('theme', () => {
  it('reaches 4.5:1 for banner, danger and stale text and 3:1 for input borders, light and dark', async () => {
    const url = as('ana', relay.flakyUrl);
    getConnection(url, { token: relay.tokens.ana });
    const page = await fixture<HTMLElement>(
      html`<div style="background: light-dark(#ffffff, #0f1115)">
        <live-room server=${url} room=${uniqueRoom()}>
          <presence-bar></presence-bar>
          <live-chat></live-chat>
        </live-room>
      </div>`,
    );
    const room = page.querySelector('live-room')!;
    const chat = page.querySelector<LiveChat>('live-chat')!;
    const bar = page.querySelector<PresenceBar>('presence-bar')!;
    await widgetsLoaded(chat);

    // Over the length limit: the counter turns to the danger colour.
    const input = part<HTMLTextAreaElement>(chat, 'input')!;
    input.value = 'x'.repeat(501);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitUntil(() => part(chat, 'counter')?.classList.contains('over'), 'not over');

    // Offline: the banner in the chat, a stale count in the presence bar.
    await executeServerCommand('relay-pause');
    const ratios: Record<string, number> = {};
    const backgrounds: Record<string, number> = {};
    try {
      window.dispatchEvent(new Event('offline'));
      await waitUntil(() => part(chat, 'banner') && part(bar, 'count'), 'no offline banner', {
        timeout: 10_000,
      });
      await waitUntil(() => part(bar, 'bar')?.classList.contains('stale'), 'count not stale');
      for (const scheme of ['light', 'dark'] as const) {
        await setPage(page, room, scheme);
        const textarea = part(chat, 'input')!;
        ratios[`${scheme} banner`] = textContrast(part(chat, 'banner')!);
        ratios[`${scheme} danger`] = textContrast(part(chat, 'counter')!);
        ratios[`${scheme} stale count`] = textContrast(part(bar, 'count')!);
        ratios[`${scheme} input border`] = contrast(
          parse(getComputedStyle(textarea).borderTopColor),
          backgroundOf(textarea),
        );
        backgrounds[scheme] = luminance(backgroundOf(textarea));
      }
    } finally {
      await executeServerCommand('relay-resume');
    }
    for (const [pair, ratio] of Object.entries(ratios)) {
      expect(ratio, pair).to.be.at.least(pair.endsWith('border') ? 3 : 4.5);
    }
    // The dark theme is its own palette: a dark widget, not the light one with other text.
    expect(backgrounds['light']).to.be.above(0.9);
    expect(backgrounds['dark']).to.be.below(0.02);
  });

  describe('forced colors', () => {
    afterEach(async () => {
      await executeServerCommand('media-features', []);
      releasePollStores();
    });

    it("keeps a poll's result bars: a system-colour fill in an outlined track", async () => {
      await executeServerCommand('media-features', [{ name: 'forced-colors', value: 'active' }]);
      const room = uniqueRoom();
      const host = await pollStore(as('host'), room, relay.tokens.host);
      const pollId = await openPoll(host, {
        question: 'Tea?',
        kind: 'single',
        options: ['Yes', 'No'],
      });
      await host.vote(pollId, { choice: 0 });
      const poll = await fixture<LivePoll>(
        html`<live-poll server=${as('ana')} room=${room} show-results-before-vote></live-poll>`,
      );
      await pollsLoaded(poll);
      await waitForText(poll, '100%');
      const track = poll.shadowRoot!.querySelector<HTMLElement>('[part~="bar"]')!;
      const fill = track.querySelector<HTMLElement>('.fill')!;
      // Backgrounds are dropped under forced colours unless the chart says otherwise.
      const painted = parse(getComputedStyle(fill).backgroundColor);
      expect(painted[3], 'fill alpha').to.equal(1);
      expect(contrast(painted, backgroundOf(track)), 'fill on its track').to.be.at.least(3);
      expect(getComputedStyle(track).borderTopStyle, 'track edge').to.equal('solid');
    });

    it("draws the send button's edge and the focus ring in system colours", async () => {
      await executeServerCommand('media-features', [{ name: 'forced-colors', value: 'active' }]);
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const chat = await fixture<LiveChat>(
        html`<live-chat server=${as('ana')} room=${uniqueRoom()}></live-chat>`,
      );
      await widgetsLoaded(chat);
      const input = part<HTMLTextAreaElement>(chat, 'input')!;
      input.value = 'hello';
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      const send = part<HTMLButtonElement>(chat, 'send')!;
      await waitUntil(() => !send.disabled, 'send stayed disabled');

      // The send button's edge is transparent in the normal theme: here it is all that shows it.
      const button = getComputedStyle(send);
      expect(button.borderTopStyle).to.equal('solid');
      expect(parseFloat(button.borderTopWidth)).to.be.at.least(1);
      const edge = parse(button.borderTopColor);
      expect(edge[3], 'edge alpha').to.equal(1);
      expect(contrast(edge, backgroundOf(send)), 'edge on its background').to.be.at.least(3);

      input.focus();
      expect(input.matches(':focus-visible')).to.equal(true);
      const ring = getComputedStyle(input);
      expect(ring.outlineStyle).to.equal('solid');
      expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
      // System colours may be translucent (Chromium's Highlight is 80 %): as painted, it counts.
      const behind = backgroundOf(chat);
      const outline = over(parse(ring.outlineColor), behind);
      expect(contrast(outline, behind), 'ring on the widget').to.be.at.least(3);
    });
  });
});
