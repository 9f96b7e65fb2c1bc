import type { StoryChecks } from './index.js';

/** What a given `<live-quiz>` story must show, beyond "rendered without errors". Runs in the page. */
export const liveQuiz: StoryChecks = {
  tag: 'live-quiz',
  stories: {
    loading: `text.includes('Loading quiz') && root.querySelector('[part~="loading"]').getAttribute('aria-busy') === 'true'`,
    waiting: `text.includes('The quiz starts soon') && text.includes('10 questions') && root.querySelector('[aria-live="polite"]')`,
    'question-open': `root.querySelector('[part~="question"]').textContent === 'How many bits are in a byte?' &&
    text.includes('Question 3 of 10') && parseInt(root.querySelector('[part~="seconds"]').textContent) > 45 &&
    root.querySelector('[part~="timer"][role="timer"]') && root.querySelectorAll('[part~="option"]').length === 4 &&
    root.querySelector('[part~="option"]').getAttribute('aria-disabled') === 'false' &&
    text.includes('Answer fast') && text.includes('Up to 1,000 pts') && text.includes('You: 2,300 pts · #4')`,
    'lead-in': `text.includes('Get ready…') && text.includes('Answers open in') &&
    root.querySelector('[part~="option"]').getAttribute('aria-disabled') === 'true'`,
    'locked-in': `text.includes('Locked in: B') && text.includes('Waiting for the others') &&
    root.querySelector('[part~="option"][part~="mine"]').textContent.includes('Your answer') &&
    root.querySelector('[part~="option"]').getAttribute('aria-disabled') === 'true'`,
    'answer-by-keyboard': `text.includes('Locked in: B') && root.querySelector('[aria-live="polite"]').textContent.includes('Locked in: B, 8.')`,
    'reveal-right': `text.includes('Correct!') && root.querySelector('[part~="points-won"]').textContent === '+850' &&
    root.querySelector('[part~="option"][part~="correct"][part~="mine"]') && text.includes('41 answers') &&
    text.includes('You: 3,150 pts · #2')`,
    'reveal-streak': `text.includes('Correct!') && text.includes('You: 3,150 pts · #2') &&
    root.querySelector('[part~="standing"] [part~="streak"]').textContent === '3 in a row'`,
    'reveal-wrong': `text.includes('Wrong.') && text.includes('The answer was B: 8') &&
    root.querySelector('[part~="option"][part~="wrong"]').textContent.includes('Your answer') &&
    root.querySelector('[part~="option"][part~="correct"]').textContent.includes('Correct answer') &&
    text.includes('You: 2,300 pts · #4')`,
    podium: `text.includes('Final results') && root.querySelectorAll('[part~="step"]').length === 3 &&
    root.querySelector('[part~="podium"]').getAttribute('aria-label') === 'Top players' &&
    root.querySelector('[part~="step"]').textContent.includes('Ana') && text.includes('You: 2,300 pts · #4')`,
    'accessible-mode': `text.includes('Take your time.') && !text.includes('fast') && !text.includes('Up to') &&
    parseInt(root.querySelector('[part~="seconds"]').textContent) > 90 && !root.querySelector('.urgent')`,
    offline: `text.includes('You are offline. Answering is paused') &&
    [...root.querySelectorAll('[part~="option"]')].every((b) => b.getAttribute('aria-disabled') === 'true')`,
    'answer-refused': `root.querySelector('[part~="error"][role="alert"]').textContent.includes('Too late') &&
    !root.querySelector('[part~="locked-in"]') && !text.includes('Locked in')`,
    themed: `text.includes('Correct!')`,
    'live-relay': `!root.querySelector('[part~="banner"]') && text.includes('The quiz starts soon')`,
  },
};
