/**
 * Who may restrict whom (protocol-notes.md, Chat: who may act on whom): a host outranks a
 * moderator, who outranks the audience; a ban, timeout or hide needs a target of lower rank.
 */
import type { Role } from '../src/protocol/index.js';

const RANK: Readonly<Record<Role, number>> = { audience: 0, moderator: 1, host: 2 };

/** A role's rank: audience 0, moderator 1, host 2. */
export function roleRank(role: Role): number {
  return RANK[role];
}
