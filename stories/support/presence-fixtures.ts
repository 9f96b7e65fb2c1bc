/** Recorded presence traffic for the stories: members, big rooms, typing. */
import type { PresenceMember, User } from '../../src/protocol/index.js';
import { people } from './chat-fixtures.js';
import type { RecordedChannel, RecordedFrame } from './recorded-socket.js';

/** A picture avatar that needs no network: a data URL. */
const picture = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#f0a020"/><circle cx="20" cy="16" r="7" fill="#fff"/><rect x="9" y="26" width="22" height="14" rx="7" fill="#fff"/></svg>',
)}`;

export const member = (user: User, data: Record<string, unknown> = {}): PresenceMember => ({
  ...user,
  data,
});

/** A small room: the host (with a picture), a moderator and three viewers, one with a status. */
export const fewMembers: PresenceMember[] = [
  member({ ...people.host, avatar: picture }, { status: 'On stage' }),
  member(people.mod),
  member(people.ana, { status: 'Lisbon' }),
  member(people.bo),
  member(people.chen),
];

const firstNames = ['Ada', 'Bruno', 'Chloé', 'Dmitri', 'Eun-ji', 'Farid', 'Grace', 'Hiro', 'Ines'];

/** The first `count` members of a big room, as the relay lists them: hosts first. */
export function crowd(count: number): PresenceMember[] {
  const list = [member({ ...people.host, avatar: picture }, { status: 'On stage' })];
  for (let i = 1; i < count; i++) {
    const name = `${firstNames[i % firstNames.length]} ${String.fromCharCode(65 + (i % 26))}.`;
    list.push(member({ id: `anon-crowd-${i}`, name, role: 'audience' }));
  }
  return list;
}

/** The presence channel of a room with `members` and `count` people (more than listed: big). */
export function presenceChannel(
  members: PresenceMember[],
  count = members.length,
  repeat?: RecordedChannel['repeat'],
): RecordedChannel {
  return { afterJoin: [{ t: 'presence', count, members }], repeat };
}

/** Chat frames that keep `users` typing (a typing signal lasts 4 s; these come every 2 s). */
export function keepTyping(...users: User[]): { everyMs: number; frames: () => RecordedFrame[] } {
  return {
    everyMs: 2_000,
    frames: () => users.map((from) => ({ t: 'signal', type: 'typing', from })),
  };
}
