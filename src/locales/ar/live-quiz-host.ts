/** Arabic texts of `<live-quiz-host>` (its leaderboard's come from the `leaderboard` bundle). */
import type { QuizHostStrings } from '../../elements/live-quiz-host/live-quiz-host.strings.js';
import { characters, counted, type ArabicNoun } from '../arabic.js';
import { plural } from '../plural.js';
import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'ar';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);

/** Questions as the subject of a sentence (two: `سؤالان`). */
const questions: ArabicNoun = {
  one: 'سؤال واحد',
  two: 'سؤالان',
  few: 'أسئلة',
  many: 'سؤالًا',
  other: 'سؤال',
};
export default {
  // The quiz host's own, not the leaderboard's (its bundle is loaded too).
  loading: 'جارٍ تحميل المسابقة…',
  hostsOnly: 'إدارة المسابقة للمضيفين فقط',
  run: 'إدارة المسابقة',
  phase: {
    idle: 'في انتظار البدء',
    question: 'السؤال مفتوح',
    revealed: 'كُشفت الإجابة',
    ended: 'انتهت المسابقة',
  },
  noQuiz: 'لم تُحمَّل أي مسابقة',
  loadedCount: (n) => `حُمِّل ${counted(n, questions)}`,
  progress: (current, count) => `السؤال ${number(current)} من ${number(count)}`,
  answered: (count, n) =>
    plural(lang, n, {
      zero: 'لم يُجب أحد',
      one: 'أجاب شخص واحد',
      two: 'أجاب شخصان',
      few: `أجاب ${count} أشخاص`,
      many: `أجاب ${count} شخصًا`,
      other: `أجاب ${count} شخص`,
    }),
  secondsLeft: (seconds) =>
    `بقي ${new Intl.NumberFormat(tagFor(lang), { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(seconds)}`,
  answerIs: (letter, option) => `الإجابة: ${letter} · ${option}`,
  letter: (index) => String.fromCharCode(65 + index),
  accessible: 'وضع إمكانية الوصول',
  accessibleHint: 'يضاعف كل مهلة زمنية؛ ولا نقاط على السرعة.',
  leadIn: 'العد التنازلي قبل البدء (بالثواني)',
  start: 'بدء المسابقة',
  next: 'السؤال التالي',
  finish: 'عرض النتائج النهائية',
  reveal: 'كشف الإجابة',
  end: 'إنهاء المسابقة',
  prepare: 'الأسئلة',
  file: 'ملف المسابقة (JSON)',
  fileHint: 'مصفوفة من {text, options, correct, timeLimitMs, points?}؛ ويُعدّ correct من 0.',
  fileRead: (n, name) => `قُرئ ${counted(n, questions)} من ${name}.`,
  fileErrors: (name) => `تعذّر تحميل ${name}:`,
  noDrafts: 'لا أسئلة بعد: اختر ملفًا أو أضفها أدناه.',
  drafts: 'الأسئلة المراد تحميلها',
  summary: (options, seconds, points) =>
    `${counted(options, { one: 'إجابة واحدة', two: 'إجابتان', few: 'إجابات', many: 'إجابة', other: 'إجابة' })} · ${new Intl.NumberFormat(tagFor(lang), { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(seconds)} · النقاط: ${points}`,
  edit: 'تعديل',
  remove: 'إزالة',
  clear: 'إزالة الكل',
  loadQuiz: (n) => `تحميل المسابقة (${counted(n, questions)})`,
  loadHint: 'التحميل يبدأ جولة جديدة: تُمسح النقاط.',
  newQuestion: 'سؤال جديد',
  editQuestion: (current) => `السؤال ${number(current)}`,
  questionText: 'السؤال',
  answers: 'الإجابات (حدّد الصحيحة)',
  optionLabel: (letter) => `الإجابة ${letter}`,
  correct: 'صحيحة',
  addOption: 'إضافة إجابة',
  removeOption: (letter) => `إزالة الإجابة ${letter}`,
  seconds: 'المهلة (بالثواني)',
  addQuestion: 'إضافة السؤال',
  saveQuestion: 'حفظ السؤال',
  cancel: 'إلغاء',
  textRequired: 'اكتب السؤال.',
  textTooLong: (max) => `الحد الأقصى لطول السؤال ${counted(max, characters)}.`,
  optionRequired: 'اكتب هذه الإجابة.',
  optionTooLong: (max) => `الحد الأقصى لطول الإجابة ${counted(max, characters)}.`,
  correctRequired: 'حدّد الإجابة الصحيحة.',
  secondsRange: (min, max) => `من ${number(min)} إلى ${number(max)} ثانية.`,
  pointsRange: (min, max) => `عدد صحيح من ${number(min)} إلى ${number(max)}.`,
  failed: (message) => `لم يتم التنفيذ: ${message}`,
  tooLarge: 'هذا الاختبار أكبر من أن يُحمَّل دفعة واحدة. احذف بعض الأسئلة أو اختصرها.',
} satisfies LocaleBundle<Omit<QuizHostStrings, Exclude<keyof LeaderboardStrings, SharedKey>>>;
