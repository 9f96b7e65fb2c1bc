import type { User } from '../../protocol.js';

const STAFF_ROLES = new Set(['host', 'moderator']);

/** The user may run the room: a host or a moderator (the relay grants the same roles). */
export const isStaff = (user: User | null | undefined): boolean =>
  STAFF_ROLES.has(user?.role ?? '');
