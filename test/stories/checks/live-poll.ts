import type { StoryChecks } from './index.js';

/** What a given `<live-poll>` story must show, beyond "rendered without errors". Runs in the page. */
export const livePoll: StoryChecks = {
  tag: 'live-poll',
  stories: {
    'no-poll': `text.includes('No poll right now')`,
    loading: `text.includes('Loading poll') && root.querySelector('[part~="loading"]').getAttribute('aria-busy') === 'true'`,
    'open-single': `root.querySelectorAll('[part~="choices"][role="radiogroup"] input[type="radio"]').length === 4 &&
    text.includes('Vote to see the results') && root.querySelector('[part~="vote"]').disabled`,
    'open-single-voted': `text.includes('Your answer: Scaling out with Redis') && root.querySelector('[part~="change"]') &&
    text.includes('53% · 30 votes') && text.includes('57 voters')`,
    multi: `text.includes('Your answer: React, <b>Not bold</b> & <i>not HTML</i>') && !root.querySelector('b, i') &&
    text.includes('42 votes') && text.includes('71 voters')`,
    rating: `root.querySelector('[part~="scale"][role="radiogroup"]') &&
    root.querySelectorAll('[part~="scale-option"][role="radio"]').length === 5 && text.includes('46% · 21 votes')`,
    'word-cloud': `root.querySelector('[part~="cloud"]') && root.querySelectorAll('[part~="word"]').length === 9 &&
    parseFloat(root.querySelector('[part~="word"]').style.fontSize) > parseFloat([...root.querySelectorAll('[part~="word"]')].at(-1).style.fontSize) &&
    text.includes('helpful: 29% · 14 votes')`,
    'pie-chart': `root.querySelector('svg[role="img"] title').textContent.includes('Scaling out with Redis: 53% · 30 votes') &&
    root.querySelectorAll('svg path').length === 4 && root.querySelector('[part~="legend"]')`,
    'results-hidden-audience': `text.includes('Results will be shown when the poll closes') && !root.querySelector('[part~="results"]')`,
    'results-hidden-host': `text.includes('Hidden from the audience') && text.includes('50% · 25 votes') && text.includes('50 voters')`,
    closed: `text.includes('Poll closed') && text.includes('Your answer: Maybe later') && !root.querySelector('[part~="change"]') &&
    !root.querySelector('[part~="vote-form"]') && text.includes('71% · 64 votes')`,
    'ten-thousand-voters': `text.includes('10.3K voters') && text.includes('4,312 votes')`,
    offline: `text.includes('You are offline') && root.querySelector('[part~="change"]').disabled && text.includes('57 voters')`,
    'vote-refused': `root.querySelector('[part~="error"][role="alert"]')?.textContent.includes('This poll is closed') &&
    root.querySelector('[part~="vote-form"]')`,
    themed: `root.querySelector('svg[role="img"]')`,
    'open-text-empty': `root.querySelector('[part~="text-input"]') && text.includes('Send an answer to see everyone’s')`,
    'open-text-with-answers': `text.includes('1 of 3 answers given') && !root.querySelector('b') &&
    root.querySelectorAll('[part~="answers"] [part~="result"]').length === 5 &&
    root.querySelector('[part~="top-answers"] [part~="option"]').textContent === 'Testing against real relays' &&
    text.includes('× 3') && text.includes('5 voters')`,
    'open-text-pending': `text.includes('Awaiting review') && text.includes('Testing against real relays') &&
    !text.includes('Buy cheap') && !text.includes('How do you size')`,
    'open-text-closed': `text.includes('Poll closed') && !text.includes('Scaling out') &&
    !root.querySelector('[part~="text-input"]') && text.includes('Offline-first outboxes')`,
    'ranking-voting': `root.querySelectorAll('[part~="rank-item"]').length === 4 &&
    root.querySelector('[part~="grab"][aria-pressed="true"]') && text.includes('Keynote moved to position 2 of 4')`,
    'ranking-voted': `text.includes('Your answer: 1. Redis at scale, 2. Live widgets, 3. Keynote, 4. Accessibility clinic') &&
    text.includes('Average position 1.6 · 12 points') && text.includes('5 voters')`,
    'ranking-results': `text.includes('Poll closed') && text.includes('Average position 1.5 · 10 points') &&
    text.includes('Average position 3.8 · 1 point') &&
    root.querySelector('[part~="result"] [part~="option"]').textContent === 'Live widgets'`,
    'live-relay': `!root.querySelector('[part~="banner"]') && text.includes('No poll right now')`,
  },
};
