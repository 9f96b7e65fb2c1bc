/**
 * What users write, against a real relay (issue 9, items 12 and 13; protocol-notes.md: Names,
 * Presence, Chat blocked terms): names lose invisible and direction-changing characters and only
 * the relay's name is shown; avatars come from token claims over https or from the listed
 * origins; a room's blocked terms match however they are disguised and apply to chat, Q&A,
 * word clouds, names and presence data. Hosts and moderators are exempt.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Frame } from '../helpers/raw-client.js';
import { startRelay } from '../helpers/relay.js';
import { assertAck } from '../helpers/frames.js';
import { withRelay } from '../helpers/fresh-relay.js';

const CDN = 'https://cdn.example';

/** Ways to write `spam` that a reader still reads as spam. */
const DISGUISED_SPAM = {
  fullwidth: 'ＳＰＡＭ',
  'zero-width space': 'sp\u200Bam',
  'soft hyphen': 'sp\u00ADam',
  'combining mark': 's\u0308pam',
  'Cyrillic look-alikes': 'ѕрам',
};

const isPresence = (ch: string) => (f: Frame) => f.t === 'presence' && f.ch === ch;

/** A relay, and a fresh room per test with users that exist only in it. */
function relayWithRooms(args: string[] = []) {
  const ctx = withRelay({ args: ['--presence-interval-ms', '50', ...args] });

  function room() {
    const { roomId, join } = ctx.room('text', 'presence');
    /** The member list a fresh subscriber of the room's presence sees once `count` are in. */
    const members = async (count: number): Promise<Frame[]> => {
      const viewer = await join('viewer');
      const ch = `${roomId}/presence`;
      await viewer.sub(ch);
      const frame = await viewer.next((f) => isPresence(ch)(f) && f.members !== undefined);
      assert.equal(frame.count, count, JSON.stringify(frame));
      return frame.members;
    };
    return { roomId, join, members };
  }

  return { ctx, room };
}

/** Asserts that an answer is `invalid` because `field` holds a blocked term. */
function assertBlocked(answer: Frame, field: string, what: string) {
  assert.equal(answer.t, 'err', `${what}: ${JSON.stringify(answer)}`);
  assert.equal(answer.code, 'invalid', what);
  assert.deepEqual(answer.details, { field, reason: 'blocked' }, what);
}

function assertAcked(answer: Frame, what: string) {
  assert.ok(answer.t === 'ack' || answer.t === 'ok', `${what}: ${JSON.stringify(answer)}`);
}

/** Asserts an `invalid` answer about `field` that does not repeat what was sent. */
function assertInvalid(answer: Frame, field: string, sent: string, what: string) {
  assert.equal(answer.t, 'err', `${what}: ${JSON.stringify(answer)}`);
  assert.equal(answer.code, 'invalid', what);
  assert.equal(answer.details.field, field, what);
  assert.ok(!JSON.stringify(answer).includes(JSON.stringify(sent).slice(1, -1)), what);
}

describe('text safety', () => {
  describe('names', () => {
    const { ctx, room } = relayWithRooms();

    test('a name with bidi overrides and zero-width characters comes out clean in welcome and presence', async () => {
      const { roomId, join, members } = room();
      const ch = `${roomId}/presence`;
      const host = await join('host', 'host', { name: '\u202EHost\u200B Alice\u202C\u2066' });
      assert.equal(host.welcome.user.name, 'Host Alice');
      const guest = await ctx.clients.join({
        anon: { key: 'k'.repeat(32), name: '\u2067 Bo\u00AD\u200D \n Lima\u0007 \u2069' },
      });
      assert.equal(guest.welcome.user.name, 'Bo Lima');
      const blank = await ctx.clients.join({ anon: { key: 'b'.repeat(32), name: '\u200B\u202E' } });
      assert.equal(blank.welcome.user.name, 'Guest');
      for (const member of [host, guest, blank]) {
        assertAcked(await member.presence(ch, 'enter'), 'enter');
      }
      const names = (await members(3)).map((m: Frame) => m.name);
      assert.deepEqual(names, ['Host Alice', 'Bo Lima', 'Guest']);
    });

    test('presence shows the relay’s name: a name in data is dropped, on enter and on update', async () => {
      const { roomId, join, members } = room();
      const ch = `${roomId}/presence`;
      const mallory = await join('Mallory');
      assertAcked(
        await mallory.presence(ch, 'enter', { name: 'Host Alice', status: 'here' }),
        'enter',
      );
      const [entered] = await members(1);
      assert.equal(entered.name, 'Mallory');
      assert.deepEqual(entered.data, { status: 'here' });

      const watcher = await join('watcher');
      await watcher.sub(ch);
      await watcher.next((f) => isPresence(ch)(f) && f.members !== undefined);
      assertAcked(
        await mallory.presence(ch, 'update', { name: 'Host Alice', status: 'back' }),
        'update',
      );
      const update = await watcher.next((f) => isPresence(ch)(f) && f.update !== undefined);
      assert.deepEqual(
        update.update.map((m: Frame) => [m.name, m.data]),
        [['Mallory', { status: 'back' }]],
      );
    });
  });

  describe('avatars', () => {
    const { room } = relayWithRooms(['--avatar-origins', `${CDN}, https://img.example`]);

    test('presence keeps data.avatar only over https from a listed origin', async () => {
      const { roomId, join, members } = room();
      const ch = `${roomId}/presence`;
      const avatars = {
        listed: `${CDN}/u/ana.png`,
        second: 'https://img.example/bo.png',
        foreign: 'https://tracker.example/pixel.png',
        'listed host over http': 'http://cdn.example/u/ana.png',
        'listed host, other port': 'https://cdn.example:8443/u/ana.png',
        'not a URL': 'ana.png',
      };
      for (const [who, avatar] of Object.entries(avatars)) {
        const member = await join(who);
        assertAcked(await member.presence(ch, 'enter', { avatar, status: who }), who);
      }
      const shown = Object.fromEntries(
        (await members(Object.keys(avatars).length)).map((m: Frame) => [m.name, m.data]),
      );
      assert.deepEqual(shown, {
        listed: { avatar: avatars.listed, status: 'listed' },
        second: { avatar: avatars.second, status: 'second' },
        foreign: { status: 'foreign' },
        'listed host over http': { status: 'listed host over http' },
        'listed host, other port': { status: 'listed host, other port' },
        'not a URL': { status: 'not a URL' },
      });
    });

    test('a token’s avatar claim is kept over https from any origin, and dropped otherwise', async () => {
      const { roomId, join, members } = room();
      const site = await join('site', 'audience', { avatar: 'https://site.example/ana.png' });
      assert.equal(site.welcome.user.avatar, 'https://site.example/ana.png');
      const plain = await join('plain', 'audience', { avatar: 'http://site.example/bo.png' });
      assert.equal('avatar' in plain.welcome.user, false);
      const script = await join('script', 'audience', { avatar: 'javascript:alert(1)' });
      assert.equal('avatar' in script.welcome.user, false);
      await site.presence(`${roomId}/presence`, 'enter');
      const [member] = await members(1);
      assert.equal(member.avatar, 'https://site.example/ana.png');
    });
  });

  describe('avatar origins setting', () => {
    const { room } = relayWithRooms();

    test('by default no presence avatar is kept', async () => {
      const { roomId, join, members } = room();
      const ana = await join('ana');
      assertAcked(
        await ana.presence(`${roomId}/presence`, 'enter', { avatar: `${CDN}/a.png` }),
        'enter',
      );
      const [member] = await members(1);
      assert.deepEqual(member.data, {});
    });

    test('an origin that is not https, from the flag or the environment, stops the relay', async () => {
      await assert.rejects(
        startRelay({ memory: true, args: ['--avatar-origins', 'http://cdn.example'] }),
        /exited with 2[^]*--avatar-origins: http:\/\/cdn.example is not an https origin/,
      );
      await assert.rejects(
        startRelay({ memory: true, env: { HUBBUB_AVATAR_ORIGINS: `${CDN}/avatars/` } }),
        /exited with 2[^]*is not an https origin/,
      );
    });
  });

  describe('blocked terms', () => {
    const { ctx, room } = relayWithRooms();

    /** A room whose host blocked `terms` on its chat. */
    async function blockedRoom(terms: string[] = ['spam']) {
      const r = room();
      const host = await r.join('host', 'host');
      const ack = await host.op(`${r.roomId}/chat`, 'settings', { blockedTerms: terms });
      assertAck(ack);
      return { ...r, host };
    }

    test('every disguise of a blocked term is refused in chat; hosts are exempt', async () => {
      const { roomId, join, host } = await blockedRoom();
      const ch = `${roomId}/chat`;
      const ann = await join('ann');
      for (const [disguise, spam] of Object.entries(DISGUISED_SPAM)) {
        assertBlocked(await ann.op(ch, 'send', { text: `cheap ${spam} here` }), 'text', disguise);
        assertAcked(await host.op(ch, 'send', { text: `hosts may write ${spam}` }), disguise);
      }
      assertAcked(await ann.op(ch, 'send', { text: 'a spa and a pam' }), 'near misses pass');
    });

    test('terms are kept as typed, one per way of matching', async () => {
      const { roomId, host } = await blockedRoom();
      const ch = `${roomId}/chat`;
      await host.sub(ch);
      await host.op(ch, 'settings', { blockedTerms: [' Spoiler ', 'ＳＰＯＩＬＥＲ', 'Crypto'] });
      const me = await host.next((f) => f.t === 'me' && f.ch === ch && 'blockedTerms' in f.data);
      assert.deepEqual(me.data.blockedTerms, ['Spoiler', 'Crypto']);
      const refused = await host.op(ch, 'settings', { blockedTerms: ['ok', '\u200B\u0301'] });
      assert.equal(refused.code, 'invalid', JSON.stringify(refused));
      assert.equal(refused.details.field, 'blockedTerms');
    });

    test('the room’s terms refuse a Q&A question', async () => {
      const { roomId, join, host } = await blockedRoom();
      const ch = `${roomId}/qa`;
      const ann = await join('ann');
      assertBlocked(await ann.op(ch, 'ask', { text: 'Where is the ѕрам?' }), 'text', 'ask');
      const anonymous = await ann.op(ch, 'ask', { text: 'sp\u200Bam?', anonymous: true });
      assertBlocked(anonymous, 'text', 'anonymous ask');
      assertAcked(await ann.op(ch, 'ask', { text: 'Where is the exit?' }), 'ordinary ask');
      assertAcked(await host.op(ch, 'ask', { text: 'Who sent spam?' }), 'host ask');
    });

    test('the room’s terms refuse a word-cloud answer', async () => {
      const { roomId, join, host } = await blockedRoom();
      const ch = `${roomId}/poll`;
      const created = await host.op(ch, 'create', { question: 'Mood?', kind: 'wordcloud' });
      const pollId = created.data.pollId;
      assertAcked(await host.op(ch, 'open', { pollId }), 'open');
      const ann = await join('ann');
      for (const [disguise, spam] of Object.entries(DISGUISED_SPAM)) {
        assertBlocked(await ann.op(ch, 'vote', { pollId, text: `${spam} cats` }), 'text', disguise);
      }
      assertAcked(await ann.op(ch, 'vote', { pollId, text: 'happy cats' }), 'ordinary vote');
      assertAcked(await host.op(ch, 'vote', { pollId, text: 'spam' }), 'host vote');
    });

    test('a poll’s own blocked terms drop words in disguise', async () => {
      const { roomId, join, host } = await blockedRoom();
      const ch = `${roomId}/poll`;
      await host.sub(ch);
      const created = await host.op(ch, 'create', {
        question: 'Mood?',
        kind: 'wordcloud',
        blockedTerms: ['Darn'],
      });
      const pollId = created.data.pollId;
      await host.op(ch, 'open', { pollId });
      const ann = await join('ann');
      assertAcked(await ann.op(ch, 'vote', { pollId, text: 'dаrned good ｄａｒｎ cats' }), 'vote');
      const tally = await host.next((f) => f.t === 'ev' && f.ch === ch && f.type === 'tally');
      assert.deepEqual(tally.data.counts, { good: 1, cats: 1 });
    });

    test('an audience member whose name holds a blocked term may not chat, ask or enter presence', async () => {
      const { roomId, join } = await blockedRoom();
      const troll = await join('Ѕрам King');
      const text = { text: 'an ordinary text' };
      assertBlocked(await troll.op(`${roomId}/chat`, 'send', text), 'name', 'chat send');
      assertBlocked(await troll.op(`${roomId}/qa`, 'ask', text), 'name', 'ask');
      assertBlocked(await troll.presence(`${roomId}/presence`, 'enter'), 'name', 'presence enter');
      const anon = await ctx.clients.join({
        anon: { key: 's'.repeat(32), name: 'sp\u200Bam bot' },
      });
      assertBlocked(await anon.op(`${roomId}/chat`, 'send', text), 'name', 'anonymous send');

      const moderator = await join('Spam Patrol', 'moderator');
      assertAcked(await moderator.op(`${roomId}/chat`, 'send', text), 'moderator send');
      assertAcked(await moderator.op(`${roomId}/qa`, 'ask', text), 'moderator ask');
      assertAcked(await moderator.presence(`${roomId}/presence`, 'enter'), 'moderator enter');
    });

    test('presence data with a blocked term is refused', async () => {
      const { roomId, join } = await blockedRoom();
      const ch = `${roomId}/presence`;
      const ann = await join('ann');
      assertBlocked(
        await ann.presence(ch, 'enter', { status: 'selling ѕрам' }),
        'data.status',
        'enter',
      );
      assertAcked(await ann.presence(ch, 'enter', { status: 'listening' }), 'enter');
      assertBlocked(
        await ann.presence(ch, 'update', { status: 'ＳＰＡＭ' }),
        'data.status',
        'update',
      );
    });

    test('a refusal of presence data never repeats a key that is not a plain name', async () => {
      const { roomId, join } = await blockedRoom();
      const ann = await join('ann');
      const key = `${'\u202E'.repeat(3)}${'k'.repeat(600)}`;
      const answer = await ann.presence(`${roomId}/presence`, 'enter', { [key]: 'ѕрам' });
      assert.equal(answer.code, 'invalid', JSON.stringify(answer).slice(0, 200));
      assert.equal(answer.details.field, 'data');
      assert.ok(!JSON.stringify(answer).includes('kkkk'), 'the key is not repeated');
    });

    test('after a restart, the first presence frame of a room already knows its terms', async () => {
      const { roomId, join } = await blockedRoom();
      ctx.clients.closeAll();
      await ctx.relay.restart();
      // Nothing of the room is loaded now: the presence frame must load the chat's terms itself.
      const troll = await join('Ѕрам King');
      assertBlocked(await troll.presence(`${roomId}/presence`, 'enter'), 'name', 'presence enter');
    });
  });

  describe('user text', () => {
    const { room } = relayWithRooms();
    /** Controls, bidi overrides and isolates, zero-width and other invisible formatting. */
    const DIRT = '\u0000\u0007\u001B\u007F\u009B\u202E\u202A\u2066\u2069\u200B\u2060\uFEFF\u00AD';
    const dirty = (clean: string) => `${DIRT}${[...clean].join('\u202E\u0001')}\u2067${DIRT}`;
    const LONE = 'ok \uD800 then';

    test('a chat message is stored and sent without controls or invisible formatting', async () => {
      const { roomId, join } = room();
      const ch = `${roomId}/chat`;
      const ann = await join('ann');
      await ann.sub(ch);
      assertAcked(
        await ann.op(ch, 'send', { text: dirty('hi\tthere') + '\r\nnext\u2028line' }),
        'send',
      );
      const message = await ann.next((f) => f.t === 'ev' && f.ch === ch && f.type === 'message');
      assert.equal(message.data.text, 'hi\tthere\nnext\nline');
      // Kept: emoji joiners and variation selectors, flags, the marks right-to-left text needs.
      const kept =
        '👩\u200D💻 ❤\uFE0F 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} \u05E9\u200F!';
      assertAcked(await ann.op(ch, 'send', { text: kept }), 'send kept');
      const second = await ann.next(
        (f) => f.t === 'ev' && f.ch === ch && f.type === 'message' && f.seq === message.seq + 1,
      );
      assert.equal(second.data.text, kept);
    });

    test('lengths count after cleaning; a text with nothing visible left is invalid', async () => {
      const { roomId, join } = room();
      const ch = `${roomId}/chat`;
      const ann = await join('ann');
      assertAcked(await ann.op(ch, 'send', { text: 'a'.repeat(500) + '\u200B'.repeat(20) }), '500');
      for (const blank of ['\u200B\u202E\u2066', '\u0007\u007F\u0085', '\u3164\u200D\uFE0F']) {
        const answer = await ann.op(ch, 'send', { text: blank });
        assertInvalid(answer, 'text', blank, JSON.stringify(blank));
        assert.equal(answer.details.length, 0);
      }
    });

    test('a lone surrogate is invalid in every field, and the error does not repeat it', async () => {
      const { roomId, join } = room();
      const host = await join('host', 'host');
      const ann = await join('ann');
      const poll = `${roomId}/poll`;
      const asked = await ann.op(`${roomId}/qa`, 'ask', { text: LONE });
      assertInvalid(asked, 'text', LONE, 'ask');
      assert.equal(asked.details.reason, 'lone_surrogate');
      assertInvalid(await ann.op(`${roomId}/chat`, 'send', { text: LONE }), 'text', LONE, 'send');
      const question = { question: LONE, options: ['a', 'b'], kind: 'single' };
      assertInvalid(await host.op(poll, 'create', question), 'question', LONE, 'question');
      const option = { question: 'Q?', options: ['a', LONE], kind: 'single' };
      assertInvalid(await host.op(poll, 'create', option), '1', LONE, 'option');
      const cloud = await host.op(poll, 'create', { question: 'Mood?', kind: 'wordcloud' });
      assertAck(await host.op(poll, 'open', { pollId: cloud.data.pollId }));
      const vote = { pollId: cloud.data.pollId, text: LONE };
      assertInvalid(await ann.op(poll, 'vote', vote), 'text', LONE, 'word cloud');
      const status = { status: LONE };
      const entered = await ann.presence(`${roomId}/presence`, 'enter', status);
      assertInvalid(entered, 'data.status', LONE, 'presence');
    });

    test('Q&A questions, polls, word-cloud answers and presence data are cleaned alike', async () => {
      const { roomId, join, members } = room();
      const host = await join('host', 'host');
      const ann = await join('ann');
      const qa = `${roomId}/qa`;
      await host.sub(qa);
      assertAcked(await ann.op(qa, 'ask', { text: dirty('Why?') + '\nReally?' }), 'ask');
      const asked = await host.next((f) => f.t === 'ev' && f.ch === qa && f.type === 'question');
      assert.equal(asked.data.text, 'Why?\nReally?');

      const poll = `${roomId}/poll`;
      await host.sub(poll);
      const options = [dirty('Red'), 'Green\r\nlight', '\u202EBlue\t'];
      const created = await host.op(poll, 'create', {
        question: dirty('Pick?'),
        options,
        kind: 'single',
      });
      assertAck(created);
      const ev = await host.next((f) => f.t === 'ev' && f.ch === poll && f.type === 'poll');
      assert.equal(ev.data.poll.question, 'Pick?');
      assert.deepEqual(ev.data.poll.options, ['Red', 'Green light', 'Blue']);
      const blankOption = { question: 'Q?', options: ['a', '\u200B\u2066'], kind: 'single' };
      assertInvalid(
        await host.op(poll, 'create', blankOption),
        '1',
        '\u200B\u2066',
        'blank option',
      );

      const cloud = await host.op(poll, 'create', { question: 'Mood?', kind: 'wordcloud' });
      const pollId = cloud.data.pollId;
      assertAck(await host.op(poll, 'open', { pollId }));
      assertAcked(await ann.op(poll, 'vote', { pollId, text: dirty('happy') + '\ncats' }), 'vote');
      const me = await ann.op(poll, 'vote', { pollId, text: '\u202E\u200B' });
      assertInvalid(me, 'text', '\u202E\u200B', 'blank answer');

      const presence = `${roomId}/presence`;
      assertAcked(
        await ann.presence(presence, 'enter', { status: dirty('away') + '\nnow' }),
        'enter',
      );
      const [member] = await members(1);
      assert.deepEqual(member.data, { status: 'away now' });
    });
  });
});
