// Shared by the demo pages: the relay address is the page's own host, the room comes from
// `?room=` (a room id is not a secret; tokens never go in a URL).
const params = new URLSearchParams(location.search);
export const room = /^[A-Za-z0-9_-]{1,64}$/.test(params.get('room') ?? '')
  ? params.get('room')
  : 'demo';
export const server = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live`;

/**
 * Every relay of the demo: this one, and in a cluster (`npm run cluster`) the others too, so the
 * page moves to another relay when one is killed.
 */
async function relays() {
  try {
    const response = await fetch('/dev/relays');
    const { relays: list } = await response.json();
    return list.length > 0 ? list.join(' ') : server;
  } catch {
    return server;
  }
}

/** Points every `<live-room>` of the page at the demo's relays and room. */
export async function connectRooms(options = {}) {
  const servers = await relays();
  for (const el of document.querySelectorAll('live-room')) {
    el.setAttribute('room', room);
    if (options.anonName) el.setAttribute('anon-name', options.anonName);
    if (options.token) el.token = options.token;
    el.setAttribute('server', servers);
  }
  for (const link of document.querySelectorAll('a[data-keep-room]')) {
    link.search = `?room=${room}`;
  }
}

/**
 * How the host console asks again for its dev token: after 0.5 s, then twice as long each time,
 * at most 10 s apart, with jitter, so that a console opened before its relay signs in soon after
 * the relay is up.
 */
export const TOKEN_RETRY = { firstMs: 500, maxMs: 10_000 };

/** Demo mode only: the relay issues dev tokens so the host console can be tried. */
export async function devToken(role, name) {
  let response;
  try {
    response = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, name }),
    });
  } catch {
    // The browser's own words ("Failed to fetch") say nothing to a reader.
    throw new Error('the relay does not answer');
  }
  if (!response.ok) {
    const hint = response.status === 404 ? ': is it running with --demo?' : '';
    throw new Error(`the relay refused it (${response.status})${hint}`);
  }
  const { token } = await response.json().catch(() => ({}));
  if (typeof token !== 'string') throw new Error('the relay sent no token');
  return token;
}

/**
 * A dev token, asked for again with backoff until the relay gives one: the relay may not be up
 * yet, or be restarting. `waiting(reason)` hears of each failure, to say what the page waits for.
 */
export async function devTokenWhenReady(role, name, waiting) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await devToken(role, name);
    } catch (error) {
      waiting(error.message);
      const cap = Math.min(TOKEN_RETRY.maxMs, TOKEN_RETRY.firstMs * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, cap / 2 + Math.random() * (cap / 2)));
    }
  }
}
