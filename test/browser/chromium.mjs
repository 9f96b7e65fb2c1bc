/**
 * How to run Debian's Chromium headless here (TOOLCHAIN.md), shared by web-test-runner and the
 * Storybook smoke test. Without the background-networking flags Chromium hammers the closed
 * network; as root it needs --no-sandbox.
 */
export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumFlags = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
