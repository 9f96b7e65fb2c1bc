import type { QaStrings } from '../../elements/live-qa/live-qa.strings.js';
import { ago, count } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

const n = (value: number) => count('ar', value);
const votes = (value: number) =>
  plural('ar', value, {
    zero: 'لا أصوات',
    one: 'صوت واحد',
    two: 'صوتان',
    few: `${n(value)} أصوات`,
    many: `${n(value)} صوتًا`,
    other: `${n(value)} صوت`,
  });

export default {
  list: 'الأسئلة',
  loading: 'جارٍ تحميل الأسئلة…',
  empty: 'لا أسئلة بعد. اطرح السؤال الأول!',
  offline: 'أنت غير متصل. سيتم إرسال الأسئلة عند عودة الاتصال.',
  inputLabel: 'سؤالك',
  placeholder: 'اطرح سؤالًا…',
  ask: 'اسأل',
  askAnonymously: 'اسأل دون ذكر اسمك',
  counter: (length, max) => `${n(length)} / ${n(max)}`,
  tooLong: (max) => `لا يمكن أن يتجاوز السؤال ${n(max)} حرف.`,
  sortLabel: 'ترتيب الأسئلة',
  top: 'الأعلى تصويتًا',
  recent: 'الأحدث',
  answeringNow: 'تجري الإجابة الآن',
  answered: (value) => `تمت الإجابة (${n(value)})`,
  showMore: (page, value) => `عرض ${n(page)} أخرى (${n(value)} غير معروضة)`,
  anonymous: 'مجهول',
  you: (name) => `${name} (أنت)`,
  votes: (value) => n(value),
  votesLabel: votes,
  upvote: (value) => `تصويت مؤيد، ${votes(value)}`,
  justNow: 'الآن',
  minutesAgo: (minutes) => ago('ar', minutes, 'minute'),
  hoursAgo: (hours) => ago('ar', hours, 'hour'),
  sending: 'جارٍ الإرسال…',
  awaitingApproval: 'بانتظار الموافقة',
  notApproved: 'لم تتم الموافقة',
  hidden: 'مخفي',
  pin: 'أجب الآن',
  markAnswered: 'تحديد كمُجاب',
  hide: 'إخفاء',
  approve: 'موافقة',
  reject: 'رفض',
  actionsFor: (asker) => `سؤال من ${asker}`,
  moderation: 'الإشراف',
  holdForApproval: 'تعليق الأسئلة حتى الموافقة',
  queue: (value) => `${n(value)} بانتظار الموافقة`,
  queueMore: (shown, value) => `يتم عرض أقدم ${n(shown)} من ${n(value)}.`,
  queueEmpty: 'لا أسئلة بانتظار الموافقة.',
  asked: 'تم إرسال السؤال.',
  askedPending: 'تم إرسال السؤال. سيظهر بعد موافقة المضيف.',
  rateLimited: (seconds) => `أنت تسأل بسرعة كبيرة. حاول مجددًا بعد ${n(seconds)} ث.`,
  invalid: (message) => `غير مقبول: ${message}`,
  notFound: 'هذا السؤال لم يعد متاحًا.',
  failed: (message) => `لم ينجح ذلك: ${message}`,
} satisfies LocaleBundle<QaStrings>;
