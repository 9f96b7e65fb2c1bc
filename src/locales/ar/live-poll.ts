import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { PollStrings } from '../../elements/live-poll/live-poll.strings.js';
import { count } from '../format.js';
import type { LocaleBundle } from '../types.js';

/** The results' texts come from the `poll-charts` bundle. */
type Own = Omit<PollStrings, keyof PollResultStrings>;

const n = (value: number) => count('ar', value);

export default {
  loading: 'جارٍ تحميل الاستطلاع…',
  empty: 'لا يوجد استطلاع الآن',
  live: 'استطلاع مباشر',
  newPoll: (question) => `استطلاع جديد: ${question}`,
  closed: 'أُغلق الاستطلاع',
  offline: 'أنت غير متصل. التصويت متوقف مؤقتًا وقد لا تكون النتائج محدّثة.',
  reconnecting: 'جارٍ إعادة الاتصال… التصويت متوقف مؤقتًا.',
  disconnected: 'انقطع الاتصال. التصويت غير متاح.',
  vote: 'صوّت',
  update: 'تعديل التصويت',
  cancel: 'إلغاء',
  wordPlaceholder: 'كلمة أو بضع كلمات…',
  counter: (length, max) => `${n(length)} / ${n(max)}`,
  tooLong: (max) => `${n(max)} حرف كحد أقصى.`,
  pickAny: 'اختر خيارًا واحدًا أو أكثر.',
  yourAnswer: 'إجابتك:',
  change: 'تغيير',
  hiddenUntilClose: 'ستظهر النتائج عند إغلاق الاستطلاع.',
  hiddenFromAudience: 'مخفية عن الجمهور حتى يُغلق الاستطلاع.',
  voteToSee: 'صوّت لترى النتائج.',
  errorClosed: 'هذا الاستطلاع مغلق: لم يُحتسب صوتك.',
  errorNoWords: 'استخدم كلمة واحدة على الأقل من ٣ أحرف أو أكثر (الكلمات الشائعة جدًا لا تُحتسب).',
  voteFailed: (message) => `لم يُحتسب صوتك: ${message}`,
  answerPlaceholder: 'إجابتك…',
  send: 'إرسال',
  answerToSee: 'أرسل إجابة لترى إجابات الجميع.',
  yourAnswers: 'إجاباتك',
  answersGiven: (given, max) => `${n(given)} من ${n(max)} إجابات مرسلة`,
  answerStatus: { pending: 'بانتظار المراجعة', hidden: 'أخفاها المضيف', shown: '' },
  answerSent: 'تم إرسال الإجابة.',
  rankHelp:
    'اسحب الخيارات لترتيبها، أو استخدم زرَّي الأعلى والأسفل. بلوحة المفاتيح: المسافة تلتقط ' +
    'الخيار، والأسهم تحركه، والمسافة تفلته، وEscape يلغي.',
  rankHandle: 'خيار قابل للترتيب',
  rankItem: (option, position, total) => `${option}، المركز ${n(position)} من ${n(total)}`,
  rankGrabbed: (option, position, total) =>
    `تم التقاط ${option}، المركز ${n(position)} من ${n(total)}. استخدم الأسهم لتحريكه.`,
  rankMoved: (option, position, total) => `نُقل ${option} إلى المركز ${n(position)} من ${n(total)}.`,
  rankDropped: (option, position, total) =>
    `أُفلت ${option} في المركز ${n(position)} من ${n(total)}.`,
  rankCancelled: (option, position) => `أُلغي النقل. عاد ${option} إلى المركز ${n(position)}.`,
  moveUp: (option) => `نقل ${option} لأعلى`,
  moveDown: (option) => `نقل ${option} لأسفل`,
} satisfies LocaleBundle<Own>;
