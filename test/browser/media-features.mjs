/**
 * `executeServerCommand('media-features', [{ name: 'forced-colors', value: 'active' }])`:
 * emulates CSS media features through the DevTools protocol (`Emulation.setEmulatedMedia`),
 * including those web-test-runner's own `emulateMedia` leaves out for Chromium, such as
 * `forced-colors`. An empty list ends the emulation. One DevTools session per test page, kept
 * open: closing it would end the emulation with it.
 */
export function mediaFeaturesPlugin() {
  /** @type {Map<string, Promise<import('puppeteer-core').CDPSession>>} */
  const sessions = new Map();
  return {
    name: 'hubbub-media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media-features') return undefined;
      if (!Array.isArray(payload)) throw new Error('media-features takes [{ name, value }]');
      if (session.browser.type !== 'puppeteer') throw new Error('media-features needs Chromium');
      if (!sessions.has(session.id)) {
        sessions.set(session.id, session.browser.getPage(session.id).createCDPSession());
      }
      const cdp = await sessions.get(session.id);
      await cdp.send('Emulation.setEmulatedMedia', { features: payload });
      return true;
    },
  };
}
