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

/** Demo mode only: the relay issues dev tokens so the host console can be tried. */
export async function devToken(role, name) {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, name }),
  });
  if (!response.ok) throw new Error(`the relay refused a dev token (${response.status})`);
  return (await response.json()).token;
}
