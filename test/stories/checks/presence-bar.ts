import type { StoryChecks } from './index.js';

/** What a given `<presence-bar>` story must show, beyond "rendered without errors". */
export const presenceBar: StoryChecks = {
  tag: 'presence-bar',
  stories: {
    empty: `text.includes('Nobody here yet') && !root.querySelector('[part~="toggle"]')`,
    'few-members': `root.querySelectorAll('[part~="avatars"] [part~="avatar"]').length === 5 &&
    root.querySelector('img[part~="avatar"]')?.alt === 'Hana (host)' &&
    text.includes('+1 watching') && text.includes('6 people watching') &&
    root.querySelector('[part~="toggle"]')?.getAttribute('aria-expanded') === 'false'`,
    'big-room': `root.querySelectorAll('[part~="avatars"] [part~="avatar"]').length === 5 &&
    text.includes('+10K watching') && text.includes('10,000 people watching') &&
    !root.querySelector('[part~="toggle"]')`,
    typing: `root.querySelector('[part~="typing"]')?.textContent.includes('Ana and Bo are typing…')`,
    'member-list': `root.querySelector('[part~="toggle"]').getAttribute('aria-expanded') === 'true' &&
    root.querySelectorAll('[part~="member"]').length === 6 &&
    root.activeElement === root.querySelector('[part~="member"]') && text.includes('(you)') &&
    text.includes('On stage')`,
    offline: `root.querySelector('[part~="status"]')?.textContent.includes('Offline') &&
    root.querySelectorAll('[part~="avatar"]').length === 5`,
    loading: `text.includes('Loading who is here…') &&
    root.querySelector('[part~="bar"]').getAttribute('aria-busy') === 'true'`,
    'live-relay': `text.includes('1 watching') && root.querySelector('[part~="avatar"]')?.textContent.includes('SV')`,
  },
};
