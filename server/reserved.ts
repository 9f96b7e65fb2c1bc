/**
 * User ids the relay itself acts as: no person signs in as them, and moderation never applies to
 * them. A ban of the system sender would silence every server-key call of the site's backend.
 */

/** Every call of the HTTP API with the server key (`api/auth.ts`), whatever name it gives. */
export const SYSTEM_USER_ID = 'hubbub-system';
/** The webhooks' reader of room state (`webhooks/start.ts`). */
export const WEBHOOKS_USER_ID = 'hubbub-webhooks';

const RESERVED: ReadonlySet<string> = new Set([SYSTEM_USER_ID, WEBHOOKS_USER_ID]);

/** Whether `userId` is one of the relay's own senders. */
export function isReservedUserId(userId: string): boolean {
  return RESERVED.has(userId);
}
