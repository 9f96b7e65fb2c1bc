import type { StoryChecks } from './index.js';

/** What a given `<live-reactions>` story must show, beyond "rendered without errors". */
export const liveReactions: StoryChecks = {
  tag: 'live-reactions',
  stories: {
    idle: `root.querySelectorAll('[part~="button"]').length === 6 &&
    root.querySelector('[part~="button"]').getAttribute('aria-label') === 'React with ❤️' &&
    root.querySelector('[part~="button"]').getAttribute('aria-disabled') === 'false' &&
    !root.querySelector('[part~="floating"]')`,
    'small-burst': `root.querySelectorAll('[part~="floating"]').length > 0`,
    'huge-burst': `(() => {
      const floating = root.querySelectorAll('[part~="floating"]').length;
      return floating >= 20 && floating <= 40;
    })()`,
    'reduced-motion': `root.querySelector('[part~="badge"]') && !root.querySelector('[part~="floating"]')`,
    'host-view': `root.querySelector('[part~="editor-input"]') &&
    root.querySelector('[part~="error"]').textContent.includes('🎉 is listed twice.')`,
    offline: `root.querySelector('[part~="status"]')?.textContent.includes('Offline') &&
    [...root.querySelectorAll('[part~="button"]')].every((button) => button.getAttribute('aria-disabled') === 'true')`,
    'live-relay': `root.querySelectorAll('[part~="button"]').length === 6 &&
    root.querySelector('[part~="button"]').getAttribute('aria-disabled') === 'false'`,
  },
};
