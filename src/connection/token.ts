/** Reading a JWT's claims on the client (`exp` to refresh in time, `sub` to compare users). Never verifies. */

interface ReadableClaims {
  exp?: number;
  sub?: string;
}

function readClaims(token: string): ReadableClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const claims: unknown = JSON.parse(globalThis.atob(padded));
    if (claims && typeof claims === 'object') return claims as ReadableClaims;
  } catch {
    // Not a JWT we can read: the relay will judge it.
  }
  return {};
}

/** When the token expires (ms since the epoch), or undefined if it carries no readable `exp`. */
export function tokenExpiresAt(token: string): number | undefined {
  const { exp } = readClaims(token);
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/** The token's user id (`sub`), or undefined if unreadable. */
export function tokenSubject(token: string): string | undefined {
  const { sub } = readClaims(token);
  return typeof sub === 'string' ? sub : undefined;
}
