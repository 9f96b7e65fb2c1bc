import type { PresenceStrings } from '../../elements/presence-bar/presence-bar.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: 'جارٍ تحميل الحاضرين…',
  empty: 'لا أحد هنا بعد',
  watching: (count, n) =>
    plural('ar', n, {
      one: 'مشاهد واحد',
      two: 'مشاهدان',
      few: `${count} مشاهدين`,
      other: `${count} مشاهد`,
    }),
  watchingMore: (others) => `+${others} يشاهدون`,
  countLabel: (count, n) =>
    plural('ar', n, {
      zero: 'لا أحد يشاهد',
      one: 'شخص واحد يشاهد',
      two: 'شخصان يشاهدان',
      few: `${count} أشخاص يشاهدون`,
      other: `${count} شخص يشاهدون`,
    }),
  showEveryone: 'عرض الجميع',
  listLabel: 'كل الحاضرين',
  showingFirst: (shown) => `يتم عرض أول ${shown}`,
  you: '(أنت)',
  role: { host: 'المضيف', moderator: 'مشرف', audience: '' },
  typingOne: (name) => `${name} يكتب…`,
  typingTwo: (first, second) => `${first} و${second} يكتبان…`,
  typingMany: 'عدة أشخاص يكتبون…',
} satisfies LocaleBundle<PresenceStrings>;
