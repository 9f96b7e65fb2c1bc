import type { StoryChecks } from './index.js';

/** What a given `<live-review-queue>` story must show, beyond "rendered without errors". */
export const liveReviewQueue: StoryChecks = {
  tag: 'live-review-queue',
  stories: {
    empty: `text.includes('Nothing waits for review.') && text.includes('Nothing to review')`,
    loading: `text.includes('Loading the review queue')`,
    'with-items': `root.querySelectorAll('[part~="item"]').length === 3 && text.includes('3 items to review') &&
    text.includes('Held: first-time chatter') && text.includes('Held: contains a link') && text.includes('Awaiting approval') &&
    root.querySelector('[part~="selected"]') !== null`,
    'with-poll-answers': `root.querySelectorAll('[part~="item"]').length === 3 && text.includes('3 items to review') &&
    text.includes('Open text') && text.includes('What should the next stream be about?') &&
    text.includes('Buy cheap followers at spam.example')`,
    'with-reports': `text.includes('Reported by 3 viewers: spam ×2, harassment') && text.includes('<b>not bold</b>') &&
    !root.querySelector('b')`,
    actions: `[...root.querySelectorAll('[part~="actions"] button')].map((b) => b.textContent.trim()).join() === 'Approve,Reject,Time out 10 min'`,
    offline: `text.includes('You are offline')`,
    'not-staff': `text.includes('The review queue is for hosts and moderators.')`,
  },
};
