import type { ChatStrings } from '../../elements/live-chat/live-chat.strings.js';
import { clock, count } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

const n = (value: number) => count('ar', value);

export default {
  log: 'رسائل الدردشة',
  loading: 'جارٍ تحميل الرسائل…',
  empty: 'لا توجد رسائل بعد. قل مرحبًا!',
  offline: 'أنت غير متصل. سيتم إرسال الرسائل عند عودة الاتصال.',
  jumpToLatest: 'الانتقال إلى الأحدث',
  skipped: (value) =>
    plural('ar', value, {
      zero: 'لم يتم تخطي أي رسالة',
      one: 'تم تخطي رسالة سابقة واحدة',
      two: 'تم تخطي رسالتين سابقتين',
      few: `تم تخطي ${n(value)} رسائل سابقة`,
      many: `تم تخطي ${n(value)} رسالة سابقة`,
      other: `تم تخطي ${n(value)} رسالة سابقة`,
    }),
  showSkipped: (value) => (value === 1 ? 'عرضها' : `عرض ${n(value)}`),
  inputLabel: 'الرسالة',
  placeholder: 'اكتب شيئًا…',
  send: 'إرسال',
  wait: (seconds) => `انتظر ${n(seconds)} ث`,
  counter: (length, max) => `${n(length)} / ${n(max)}`,
  tooLong: (max) => `لا يمكن أن تتجاوز الرسالة ${n(max)} حرف.`,
  reply: 'رد',
  replyingTo: (name) => `الرد على ${name}`,
  cancelReply: 'إلغاء الرد',
  unknownParent: 'رسالة سابقة',
  delete: 'حذف',
  pin: 'تثبيت',
  unpin: 'إلغاء التثبيت',
  pinned: 'مثبتة',
  timeout: 'إيقاف 10 دقائق',
  ban: 'حظر',
  unban: 'إلغاء الحظر',
  sending: 'جارٍ الإرسال…',
  failed: (error) => `لم تُرسل: ${error}`,
  gated: (gate, seconds) => {
    if (gate === 'signedIn') return 'الدردشة للمشاهدين المسجلين فقط';
    if (gate === 'emoteOnly') return 'وضع الرموز التعبيرية فقط';
    if (gate === 'links') return 'الروابط غير مسموح بها';
    if (seconds <= 0) return gate === 'firstChat' ? 'يمكنك الدردشة الآن' : 'حسابك جديد جدًا';
    return gate === 'firstChat'
      ? `يمكنك الدردشة بعد ${clock(seconds)}`
      : `يمكن لحسابك الدردشة بعد ${clock(seconds)}`;
  },
  retry: 'إعادة المحاولة',
  dismiss: 'تجاهل',
  typingOne: (name) => `${name} يكتب…`,
  typingTwo: (first, second) => `${first} و${second} يكتبان…`,
  typingMany: 'عدة أشخاص يكتبون…',
  bannedForever: 'تم حظرك من هذه الدردشة. لا يزال بإمكانك قراءتها.',
  bannedUntil: (minutes) =>
    plural('ar', minutes, {
      zero: 'انتهى إيقافك المؤقت تقريبًا.',
      one: 'أنت موقوف مؤقتًا لدقيقة واحدة أخرى.',
      two: 'أنت موقوف مؤقتًا لدقيقتين أخريين.',
      few: `أنت موقوف مؤقتًا لـ${n(minutes)} دقائق أخرى.`,
      other: `أنت موقوف مؤقتًا لـ${n(minutes)} دقيقة أخرى.`,
    }),
  timedOut: (left, reason) => `موقوف مؤقتًا لمدة ${left}${reason ? ` — ${reason}` : ''}`,
  heldMarker: 'بانتظار المراجعة',
  report: 'إبلاغ',
  reported: 'تم الإبلاغ',
  hiddenMarker: 'مخفية',
  delayedMarker: 'مؤجلة',
  slowMode: 'الوضع البطيء',
  slowModeOff: 'متوقف',
  slowModeOption: (seconds) => (seconds < 60 ? `${n(seconds)} ث` : `${n(seconds / 60)} د`),
  slowModeNotice: (seconds) => `الوضع البطيء: رسالة واحدة كل ${n(seconds)} ث.`,
  role: { host: 'المضيف', moderator: 'مشرف', audience: '' },
  actionsFor: (name) => `رسالة من ${name}`,
  reportTitle: (name) => `الإبلاغ عن رسالة ${name}`,
  reportReason: 'لماذا؟',
  reportReasons: {
    spam: 'رسائل مزعجة أو احتيال',
    harassment: 'تحرش أو تنمر',
    hate: 'خطاب كراهية',
    sexual: 'محتوى جنسي',
    other: 'سبب آخر',
  },
  reportNote: 'أضف ملاحظة للمشرفين (اختياري)',
  reportSend: 'إرسال البلاغ',
  reportCancel: 'إلغاء',
  reportSent: 'شكرًا، سيراجعها المشرفون.',
  showAll: 'عرض الكل',
  showLess: 'عرض أقل',
  messageName: ({ author, role, time, text, replyTo }) =>
    [role ? `${author} (${role})` : author, replyTo === undefined ? '' : `ردًّا على ${replyTo}`, time]
      .filter(Boolean)
      .join('، ') + `: ${text}`,
} satisfies LocaleBundle<ChatStrings>;
