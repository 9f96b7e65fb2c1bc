/** Who is on the other end: the user of PROTOCOL.md, and the one rule on roles both sides apply. */

export type Role = 'host' | 'moderator' | 'audience';
export const ROLES: readonly Role[] = ['host', 'moderator', 'audience'];

export interface User {
  id: string;
  name: string;
  role: Role;
  avatar?: string;
}

/** Roles that may do what PROTOCOL.md marks (host): hosts and moderators. */
export const STAFF_ROLES: readonly Role[] = ['host', 'moderator'];

/** Whether the user is a host or a moderator (no user: no). */
export function isStaff(user: Pick<User, 'role'> | null | undefined): boolean {
  return user?.role === 'host' || user?.role === 'moderator';
}
