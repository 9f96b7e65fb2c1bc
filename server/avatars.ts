/**
 * Which avatar pictures viewers' browsers may load. Every viewer fetches every avatar shown, so
 * a picture URL chosen by a member would tell its owner each viewer's address: the relay keeps
 * token avatars (the site signed them) only over https, and avatars in presence data only from
 * the origins the operator listed (`--avatar-origins`).
 */

/** Longest avatar URL kept, in UTF-16 units. */
const AVATAR_URL_MAX = 2048;

/** The URL of `value` if it is an https URL of sensible length. */
function httpsUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > AVATAR_URL_MAX || !URL.canParse(value)) {
    return null;
  }
  const url = new URL(value);
  return url.protocol === 'https:' && !url.username && !url.password ? url : null;
}

/** A token's `avatar` claim, kept when it is an https URL. */
export function tokenAvatar(value: unknown): string | undefined {
  return httpsUrl(value)?.href;
}

/** A presence `data.avatar`, kept when it is an https URL of one of `origins`. */
export function listedAvatar(value: unknown, origins: readonly string[]): string | undefined {
  const url = httpsUrl(value);
  return url && origins.includes(url.origin) ? url.href : undefined;
}

/**
 * An origin as `--avatar-origins` takes it (`https://cdn.example`, a trailing slash allowed), in
 * the form URL.origin gives; null when it is not a bare https origin.
 */
export function httpsOrigin(entry: string): string | null {
  const url = httpsUrl(entry);
  return url && url.pathname === '/' && !url.search && !url.hash ? url.origin : null;
}
