/** Arabic texts of `<live-poll-editor>` (its results' come from the `poll-charts` bundle). */
import type { PollEditorStrings } from '../../elements/live-poll-editor/live-poll-editor.strings.js';
import { characters, counted, type ArabicNoun } from '../arabic.js';
import { plural } from '../plural.js';
import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'ar';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);
const options: ArabicNoun = {
  one: 'خيار واحد',
  two: 'خياران',
  few: 'خيارات',
  many: 'خيارًا',
  other: 'خيار',
};

export default {
  // The editor's own, not the results' (their bundle is loaded too).
  loading: 'جارٍ تحميل الاستطلاعات…',
  hostsOnly: 'إدارة الاستطلاعات للمضيفين فقط.',
  newPoll: 'استطلاع جديد',
  question: 'السؤال',
  counter: (length, max) => `${number(length)} / ${number(max)}`,
  kind: 'النوع',
  kinds: {
    single: 'اختيار واحد',
    multi: 'اختيار متعدد',
    rating: 'تقييم',
    wordcloud: 'سحابة كلمات',
    opentext: 'نص حر',
    ranking: 'ترتيب',
  },
  options: 'الخيارات',
  scale: 'المقياس، من الأدنى إلى الأعلى',
  option: (n) => `الخيار ${number(n)}`,
  removeOption: (n) => `إزالة الخيار ${number(n)}`,
  addOption: 'إضافة خيار',
  hideResults: 'إخفاء النتائج عن الجمهور حتى يُغلق الاستطلاع',
  blockedTerms: 'الكلمات الممنوعة',
  blockedTermsHint:
    'كلمة في كل سطر. الكلمات التي تحتوي على إحداها لا تظهر في السحابة؛ والإجابات التي تحتوي على إحداها تُرفض.',
  create: 'إنشاء الاستطلاع',
  created: 'أُنشئ الاستطلاع كمسودة. افتحه من القائمة.',
  questionRequired: 'اكتب سؤالًا.',
  questionTooLong: (max) => `الحد الأقصى لطول السؤال ${counted(max, characters)}.`,
  optionRequired: 'اكتب نصًا لهذا الخيار أو أزله.',
  optionTooLong: (max) => `الحد الأقصى لطول الخيار ${counted(max, characters)}.`,
  optionsTooMany: (max) => `الحد الأقصى لخيارات الاستطلاع ${counted(max, options)}.`,
  blockedTermTooLong: (max) => `الحد الأقصى لطول كل كلمة ممنوعة ${counted(max, characters)}.`,
  blockedTermsTooMany: (max) =>
    `الحد الأقصى للكلمات الممنوعة ${counted(max, { one: 'كلمة واحدة', two: 'كلمتان', few: 'كلمات', many: 'كلمة', other: 'كلمة' })}.`,
  polls: 'استطلاعات هذه الغرفة',
  noPolls: 'لا استطلاعات بعد.',
  status: { draft: 'مسودة', open: 'مفتوح', closed: 'مغلق' },
  hidden: 'النتائج مخفية عن الجمهور',
  open: 'فتح',
  reopen: 'إعادة الفتح',
  close: 'إغلاق',
  failed: (message) => `لم يتم التنفيذ: ${message}`,
  optionsTooFew: (min) => `الحد الأدنى لخيارات الترتيب ${counted(min, options)}.`,
  maxAnswers: 'عدد الإجابات لكل شخص',
  maxAnswersRange: (max) => `من ${number(1)} إلى ${number(max)}.`,
  review: 'مراجعة الإجابات قبل أن يراها الجمهور',
  reviewHint:
    'تنتظر الإجابات في قائمة المراجعة حتى يقبلها مضيف أو مشرف؛ ويراها أصحابها في أثناء ذلك.',
  reviewed: 'الإجابات تخضع للمراجعة',
  waiting: (count, value) =>
    plural(lang, value, {
      zero: 'لا إجابات تنتظر المراجعة',
      one: 'إجابة واحدة تنتظر المراجعة',
      two: 'إجابتان تنتظران المراجعة',
      few: `${count} إجابات تنتظر المراجعة`,
      many: `${count} إجابة تنتظر المراجعة`,
      other: `${count} إجابة تنتظر المراجعة`,
    }),
  decideInReview: 'اقبلها أو ارفضها في قائمة المراجعة.',
  hide: 'إخفاء',
  hideAnswer: (text) => `إخفاء «${text}»`,
} satisfies LocaleBundle<Omit<PollEditorStrings, Exclude<keyof PollResultStrings, SharedKey>>>;
