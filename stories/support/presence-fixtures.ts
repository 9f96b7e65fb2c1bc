/** Presence for the stories: members and big rooms, stored in the in-page relay. */
import type { PresenceMember, User } from '../../src/protocol/index.js';
import { people } from './chat-fixtures.js';
import type { LoopbackRelay } from './loopback-relay.js';

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

/** Who is in the room: `members` first, and `count` people in all (more than listed: big). */
export interface PresenceSeed {
  members: PresenceMember[];
  count?: number;
}

/**
 * Stores the members in `relay`'s `ROOM/presence` as the relay keeps them, in order of arrival.
 * Up to `count`, others join after them, the viewer last (so entering counts nobody twice).
 */
export function seedPresence(
  relay: LoopbackRelay,
  { members, count = members.length }: PresenceSeed,
  viewer: User,
  ch = 'demo/presence',
): LoopbackRelay {
  const records: Record<string, unknown> = {};
  const store = ({ data, ...user }: PresenceMember, since: number) =>
    (records[`m:${user.id}`] = { user, data, since });
  members.forEach((listed, i) => store(listed, i));
  for (let i = members.length; i < count; i++) {
    const other =
      i === count - 1 ? viewer : { id: `anon-many-${i}`, name: 'Guest', role: 'audience' };
    store({ ...(other as User), data: {} }, i);
  }
  return relay.seed(ch, records);
}
