import type { StoryChecks } from './index.js';

/** The vote counts of the open questions, top to bottom (a JS expression run in the page). */
const counts = `[...root.querySelectorAll('[part~="list"] [part~="votes"]')].map((e) => Number(e.textContent))`;
/** The times of the open questions, top to bottom. */
const times = `[...root.querySelectorAll('[part~="list"] time')].map((e) => Date.parse(e.dateTime))`;
const descending = (list: string) => `${list}.every((n, i, all) => i === 0 || all[i - 1] >= n)`;

/** What a given `<live-qa>` story must show, beyond "rendered without errors". Runs in the page. */
export const liveQa: StoryChecks = {
  tag: 'live-qa',
  stories: {
    empty: `text.includes('No questions yet. Ask the first one!') && text.includes('0 / 300')`,
    busy: `${counts}.length === 40 && ${descending(counts)} &&
    root.querySelectorAll('[part~="upvote"][aria-pressed="true"]').length === 2 &&
    /^Upvote, \\d+ votes?$/.test(root.querySelector('[part~="upvote"]').getAttribute('aria-label')) &&
    text.includes('<b>Is this bold?</b>') && !root.querySelector('[part~="text"] b, [part~="text"] img')`,
    'sorted-by-time': `${times}.length === 12 && ${descending(times)} &&
    root.querySelector('[data-sort="time"]').getAttribute('aria-pressed') === 'true'`,
    'answering-now': `root.querySelector('[part~="now"]')?.textContent.includes('Answering now') &&
    root.querySelector('[part~="now"] [part~="text"]').textContent === 'Can I theme the widgets to match my site?' &&
    root.querySelectorAll('[part~="list"] [part~="question"]').length === 4 && !root.querySelector('[part~="answered"]').open`,
    'answered-section': `root.querySelector('[part~="answered"]').open && text.includes('Answered (2)') &&
    root.querySelectorAll('[part~="answered"] [part~="question"]').length === 2`,
    'my-pending-question': `text.includes('Awaiting approval') && text.includes('Not approved') &&
    root.querySelectorAll('[part~="list"] [part~="question"]').length === 5 && !root.querySelector('[part~="moderation"]')`,
    'host-view': `root.querySelector('[part~="hold"]') && root.querySelector('[data-action="pin"]') &&
    root.querySelector('[data-action="answer"]') && root.querySelector('[data-action="hide"]') &&
    root.querySelector('[part~="badge"].hidden')?.textContent === 'Hidden'`,
    'moderation-queue': `root.querySelector('[part~="hold"]').checked && text.includes('4 waiting for approval') &&
    root.querySelectorAll('[part~="queue"] [data-action="approve"]').length === 4 &&
    root.querySelectorAll('[part~="queue"] [data-action="reject"]').length === 4`,
    'anonymous-questions': `text.includes('Anonymous (you)') &&
    [...root.querySelectorAll('[part~="asker"]')].filter((e) => e.textContent === 'Anonymous').length === 2`,
    loading: `text.includes('Loading questions') && root.querySelector('[part~="loading"]').getAttribute('aria-busy') === 'true'`,
    offline: `text.includes('You are offline') && root.querySelector('[data-sending]')?.textContent.includes('Asked while offline') &&
    text.includes('sending…')`,
    refused: `root.querySelector('[part~="error"][role="alert"] [aria-hidden="true"]')?.textContent.includes('Try again in') &&
    root.querySelector('textarea').value === 'One question too many' && root.querySelector('[part~="ask"]').disabled`,
    'live-relay': `!root.querySelector('[part~="banner"]') && text.includes('No questions yet')`,
  },
};
