import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  results: 'النتائج',
  result: (percent, votes, count) =>
    `${percent} · ${plural('ar', count, {
      zero: 'لا أصوات',
      one: 'صوت واحد',
      two: 'صوتان',
      few: `${votes} أصوات`,
      many: `${votes} صوتًا`,
      other: `${votes} صوت`,
    })}`,
  voters: (voters, count) =>
    plural('ar', count, {
      zero: 'لا مصوّتين',
      one: 'مصوّت واحد',
      two: 'مصوّتان',
      few: `${voters} مصوّتين`,
      many: `${voters} مصوّتًا`,
      other: `${voters} مصوّت`,
    }),
  mine: 'إجابتك',
  pie: 'مخطط النتائج',
  noVotes: 'لا أصوات بعد',
  rankResult: (position, points, count) =>
    `متوسط الترتيب ${position} · ${points} ${plural('ar', count, { few: 'نقاط', other: 'نقطة' })}`,
  answerCount: (count, value) => (value > 1 ? `× ${count}` : ''),
  newestAnswers: 'أحدث الإجابات',
  topAnswers: 'أكثر الإجابات تكرارًا',
  noAnswers: 'لا إجابات بعد',
} satisfies LocaleBundle<PollResultStrings>;
