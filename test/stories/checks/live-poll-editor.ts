import type { StoryChecks } from './index.js';

/** What a given `<live-poll-editor>` story must show, beyond "rendered without errors". */
export const livePollEditor: StoryChecks = {
  tag: 'live-poll-editor',
  stories: {
    empty: `text.includes('No polls yet') && root.querySelectorAll('[part~="option-input"]').length === 2`,
    'with-polls': `root.querySelectorAll('[part~="item"]').length === 5 &&
    root.querySelectorAll('[part~="close"]').length === 3 && text.includes('Reopen') &&
    text.includes('Results hidden from the audience') && text.includes('50 voters') && text.includes('Draft')`,
    'validation-errors': `text.includes('Enter a question.') && text.includes('An option can be at most 100 characters.') &&
    root.querySelectorAll('[aria-invalid="true"]').length === 3`,
    'word-cloud-form': `root.querySelector('[part~="blocked-terms"]') && !root.querySelector('[part~="option-input"]')`,
    'open-text-and-ranking': `root.querySelectorAll('[part~="approve"]').length === 0 &&
    root.querySelectorAll('[part~="hide"]').length === 6 && text.includes('3 answers wait for review') &&
    text.includes('Review queue') &&
    text.includes('Average position')`,
    'open-text-form': `root.querySelector('[part~="max-answers"]').value === '2' &&
    root.querySelector('[part~="review"]').checked && !root.querySelector('[part~="option-input"]')`,
    'non-host': `text.includes('Only hosts can run polls') && !root.querySelector('form')`,
  },
};
