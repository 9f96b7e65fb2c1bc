import type { StoryChecks } from './index.js';

/** What a given `<live-leaderboard>` story must show, beyond "rendered without errors". */
export const liveLeaderboard: StoryChecks = {
  tag: 'live-leaderboard',
  stories: {
    empty: `text.includes('No scores yet') && !root.querySelector('table')`,
    loading: `text.includes('Loading leaderboard') && root.querySelector('[aria-busy="true"]')`,
    standings: `root.querySelectorAll('[part~="row"]').length === 6 && text.includes('3,650') && text.includes('6 players') &&
    root.querySelector('[part~="row"][part~="you"]').textContent.includes('(you)')`,
    ties: `[...root.querySelectorAll('td[part~="rank"]')].map((c) => parseInt(c.textContent.trim())).join() === '1,1,3,3,5' &&
    root.querySelectorAll('td[part~="rank"] .visually-hidden').length === 4`,
    final: `text.includes('Final leaderboard') && root.querySelector('[part~="board"][part~="final"]')`,
    offline: `text.includes('The leaderboard may be out of date') && root.querySelector('[part~="banner"]') &&
    root.querySelectorAll('[part~="row"]').length === 6`,
    'ten-thousand-players': `text.includes('10,000 players') && root.querySelectorAll('[part~="row"]').length === 11 &&
    root.querySelector('[part~="row"][part~="you"]').textContent.includes('4,212') && text.includes('12,480')`,
    'top-three': `root.querySelectorAll('[part~="row"]').length === 4 && root.querySelector('[part~="row"][part~="you"]')`,
    'live-relay': `text.includes('No scores yet')`,
  },
};
