/**
 * The viewer's token. A real app asks its own backend, which signs it with `signToken` from
 * `hubbub-relay` for the signed-in user; here it is whatever the page was given in
 * sessionStorage (the browser test puts one there). Never put a token in a URL.
 */
export async function fetchToken(): Promise<string | undefined> {
  return sessionStorage.getItem('hubbub-token') ?? undefined;
}
