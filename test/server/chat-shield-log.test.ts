/**
 * Gates and the shield meeting the moderation tools (issue 14): one `settings` op for every
 * field, every change and every shield raise, lift and preset edit written to the moderation
 * log, a preset that adds the audience's chat delay, and a host's snapshot with both the hidden
 * users and the shield's preset. Against a real relay process.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Frame } from '../helpers/raw-client.js';
import { assertAck, assertErr, isEv } from '../helpers/frames.js';
import { withRelay } from '../helpers/fresh-relay.js';

describe('shield and moderation log', () => {
  const { room: newRoom } = withRelay();

  async function room() {
    const r = newRoom('shieldlog', 'chat');
    const host = await r.member('host', 'host');
    const watcher = await r.member('watcher');
    return { ...r, host, watcher };
  }

  test('one settings op sets gates, slow mode and the chat delay together, and the log says so', async () => {
    const { ch, host, watcher } = await room();
    assertAck(
      await host.op(ch, 'settings', {
        slowModeSeconds: 5,
        chatDelaySeconds: 3,
        emoteOnly: true,
        links: 'staff',
        blockedTerms: ['spam', 'scam'],
      }),
    );
    const ev = await watcher.next(isEv(ch, 'settings'));
    assert.deepEqual(ev.data, {
      slowModeSeconds: 5,
      chatDelaySeconds: 3,
      emoteOnly: true,
      links: 'staff',
    });
    assertErr(await host.op(ch, 'settings', { chatDelaySeconds: 11 }), 'invalid');
    const log = await host.op(ch, 'log', {});
    assertAck(log);
    assert.deepEqual(
      log.data.entries.map((e: Frame) => [e.action, e.settings]),
      [
        [
          'settings',
          {
            slowModeSeconds: 5,
            chatDelaySeconds: 3,
            emoteOnly: true,
            links: 'staff',
            blockedTerms: 2,
          },
        ],
      ],
    );
  });

  test('a preset with a chat delay applies it and lifting restores none; edit, raise and lift are logged', async () => {
    const { ch, host, watcher, member } = await room();
    const author = await member('author');
    assertAck(await host.op(ch, 'shieldPreset', { slowModeSeconds: 10, chatDelaySeconds: 5 }));
    assertAck(await host.op(ch, 'shield', { on: true }));
    assert.deepEqual((await watcher.next(isEv(ch, 'settings'))).data, {
      slowModeSeconds: 10,
      chatDelaySeconds: 5,
      shield: true,
    });
    // The chat delay is in force: the audience's message reaches other viewers as withheld.
    const sent = await author.op(ch, 'send', { text: 'first!' });
    assertAck(sent);
    const seen = await watcher.next((f) => f.t === 'ev' && f.ch === ch && f.seq === sent.seq);
    assert.equal(seen.type, 'withheld');
    const staff = await host.next((f) => f.t === 'ev' && f.ch === ch && f.seq === sent.seq);
    assert.equal(typeof staff.data.delayedUntil, 'number');

    assertAck(await host.op(ch, 'shield', { on: false }));
    assert.deepEqual((await watcher.next(isEv(ch, 'settings'))).data, { slowModeSeconds: 0 });

    const log = await host.op(ch, 'log', {});
    const entries = log.data.entries.map((e: Frame) => ({
      action: e.action,
      on: e.on,
      settings: e.settings,
    }));
    assert.deepEqual(entries, [
      {
        action: 'shield',
        on: false,
        settings: {
          signedInOnly: false,
          slowModeSeconds: 0,
          chatDelaySeconds: 0,
          minAccountAgeMinutes: 0,
          firstChatDelaySeconds: 0,
          emoteOnly: false,
          links: 'all',
        },
      },
      { action: 'shield', on: true, settings: { slowModeSeconds: 10, chatDelaySeconds: 5 } },
      {
        action: 'shieldPreset',
        on: undefined,
        settings: { slowModeSeconds: 10, chatDelaySeconds: 5 },
      },
    ]);
    assert.ok(host.frames.some((f) => f.t === 'me' && f.data.log?.action === 'shield'));
    assert.ok(!watcher.frames.some((f) => f.t === 'me' && 'log' in f.data));
  });

  test("a host's snapshot carries both the hidden users and the shield's preset; a viewer's neither", async () => {
    const { ch, host, member } = await room();
    const shadow = await member('shadow');
    assertAck(await host.op(ch, 'hide', { userId: shadow.welcome.user.id }));
    const mod = await member('mod', 'moderator');
    assert.deepEqual(mod.ok.snapshot.hiddenUsers, [shadow.welcome.user.id]);
    assert.deepEqual(mod.ok.snapshot.shieldPreset, {
      signedInOnly: true,
      firstChatDelaySeconds: 300,
      slowModeSeconds: 10,
      links: 'staff',
    });
    const late = await member('late');
    assert.equal('hiddenUsers' in late.ok.snapshot, false);
    assert.equal('shieldPreset' in late.ok.snapshot, false);
  });
});
