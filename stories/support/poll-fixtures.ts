/** Recorded polls for the stories: one of each kind and state, with their tallies. */
import type { Poll } from '../../src/features/poll.js';

type Counts = Poll['counts'];

function poll(id: string, fields: Partial<Poll> & Pick<Poll, 'question' | 'kind'>): Poll {
  const options = fields.options ?? [];
  return {
    id,
    options,
    status: 'open',
    hideResults: false,
    counts: (fields.kind === 'wordcloud' ? {} : options.map(() => 0)) as Counts,
    total: 0,
    ...fields,
  };
}

export const single = poll('single01', {
  question: 'Which topic should we cover next?',
  kind: 'single',
  options: ['Caching', 'Scaling out with Redis', 'Testing against a real relay', 'Accessibility'],
  counts: [12, 30, 9, 6],
  total: 57,
});

export const multi = poll('multi001', {
  question: 'Which frameworks do you embed widgets in?',
  kind: 'multi',
  options: ['React', 'Vue', 'Svelte', 'Angular', 'Plain HTML', '<b>Not bold</b> & <i>not HTML</i>'],
  counts: [41, 22, 13, 9, 27, 3],
  total: 70,
});

export const rating = poll('rating01', {
  question: 'How would you rate this talk?',
  kind: 'rating',
  options: ['1', '2', '3', '4', '5'],
  counts: [1, 2, 8, 21, 14],
  total: 46,
});

export const wordcloud = poll('words001', {
  question: 'Describe this stream in one word',
  kind: 'wordcloud',
  counts: {
    helpful: 14,
    inspiring: 11,
    practical: 9,
    fun: 8,
    clear: 6,
    deep: 5,
    fast: 4,
    nerdy: 3,
    cozy: 2,
  },
  total: 48,
});

export const hidden = poll('hidden01', {
  question: 'Who will win the demo contest?',
  kind: 'single',
  options: ['Team Aurora', 'Team Basalt', 'Team Cobalt'],
  hideResults: true,
  counts: [17, 25, 8],
  total: 50,
});

export const closed = poll('closed01', {
  question: 'Should we run a second session next week?',
  kind: 'single',
  options: ['Yes', 'No', 'Maybe later'],
  status: 'closed',
  counts: [64, 7, 19],
  total: 90,
});

export const big = poll('big00001', {
  question: 'Where are you watching from?',
  kind: 'single',
  options: ['Europe', 'North America', 'Asia', 'Elsewhere'],
  counts: [4312, 2875, 1960, 1187],
  total: 10_334,
});

export const draft = poll('draft001', {
  question: 'Coffee or tea?',
  kind: 'single',
  options: ['Coffee', 'Tea'],
  status: 'draft',
});
