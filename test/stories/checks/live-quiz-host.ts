import type { StoryChecks } from './index.js';

/** What a given `<live-quiz-host>` story must show, beyond "rendered without errors". */
export const liveQuizHost: StoryChecks = {
  tag: 'live-quiz-host',
  stories: {
    empty: `text.includes('No quiz loaded') && text.includes('No questions yet') && root.querySelector('[part~="next"]').disabled`,
    loaded: `text.includes('Waiting to start') && text.includes('10 questions loaded') &&
    root.querySelector('[part~="next"]').textContent.trim() === 'Start quiz' && !root.querySelector('[part~="next"]').disabled &&
    root.querySelector('[part~="reveal"]').disabled`,
    running: `text.includes('Question open') && text.includes('Question 3 of 10') && text.includes('Answer: B · 8') &&
    text.includes('37 answered') && text.includes('s left') && !root.querySelector('[part~="reveal"]').disabled &&
    root.querySelector('[part~="accessible"]').disabled && root.querySelectorAll('[part~="row"]').length === 6`,
    revealed: `text.includes('Answer revealed') && text.includes('52 answered')`,
    ended: `text.includes('Quiz ended') && text.includes('Final leaderboard') && root.querySelector('[part~="next"]').disabled`,
    'file-errors': `root.querySelector('[part~="file-errors"][role="alert"]') && text.includes('quiz.json cannot be loaded') &&
    text.includes('Question 1: "text" is empty.') && text.includes('Question 2: "points"') && !root.querySelector('[part~="load"]')`,
    'file-read': `text.includes('3 questions read from trivia.json.') && root.querySelectorAll('[part~="draft"]').length === 3 &&
    root.querySelector('[part~="load"]').textContent.includes('Load quiz (3 questions)')`,
    'editor-errors': `text.includes('Enter the question.') && text.includes('Mark the correct answer.') &&
    root.querySelectorAll('[aria-invalid="true"]').length === 3`,
    offline: `text.includes('Offline: the controls are paused') && root.querySelector('[part~="reveal"]').disabled`,
    'non-host': `text.includes('Only hosts can run the quiz') && !root.querySelector('button')`,
  },
};
