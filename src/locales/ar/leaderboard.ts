import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: 'جارٍ تحميل لوحة الصدارة…',
  title: 'لوحة الصدارة',
  finalTitle: 'الترتيب النهائي',
  empty: 'لا نتائج بعد',
  rank: 'الترتيب',
  player: 'اللاعب',
  points: 'النقاط',
  you: '(أنت)',
  tied: 'بالتساوي',
  players: (count, n) =>
    plural('ar', n, {
      zero: 'لا لاعبين',
      one: 'لاعب واحد',
      two: 'لاعبان',
      few: `${count} لاعبين`,
      other: `${count} لاعبًا`,
    }),
} satisfies LocaleBundle<LeaderboardStrings>;
