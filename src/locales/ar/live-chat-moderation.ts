/** Arabic texts of `<live-chat-moderation>`. */
import type { ChatModerationStrings } from '../../elements/live-chat-moderation/live-chat-moderation.strings.js';
import type { ChatHoldRule } from '../../protocol/index.js';
import { fillAction as fill, duration as lengthIn, inUnit as unitIn, tagFor } from '../format.js';
import { characters, counted, type ArabicNoun } from '../arabic.js';
import type { LocaleBundle } from '../types.js';

const lang = 'ar';

/** Units in full words: Intl gives Arabic's forms (`ثانيتان`, `3 ثوان`, `11 ثانية`). */
const inUnit = (unit: 'second' | 'minute' | 'hour' | 'day', value: number) =>
  unitIn(lang, unit, value, 'long');

/** A length in the largest whole unit: `10 ثوان`, `دقيقة`, `ساعة`, `14 يومًا`. */
const duration = (seconds: number) => lengthIn(lang, seconds, 'long');

const terms: ArabicNoun = {
  one: 'كلمة واحدة',
  two: 'كلمتان',
  few: 'كلمات',
  many: 'كلمة',
  other: 'كلمة',
};

/** The hold rules inside a preset's summary. */
const heldInSummary: Record<ChatHoldRule, string> = {
  all: 'كل الرسائل',
  firstTime: 'أول رسالة للمشارك',
  links: 'الرسائل التي فيها روابط',
  terms: 'الرسائل التي فيها كلمات المراجعة',
};

export default {
  hostsOnly: 'الإشراف على الدردشة للمضيفين والمشرفين فقط.',
  slowMode: 'الوضع البطيء',
  slowModeOff: 'متوقف',
  slowModeOption: (seconds) =>
    seconds < 60 ? inUnit('second', seconds) : inUnit('minute', seconds / 60),
  slowModeHint: 'المدة التي ينتظرها كل مشاهد بين رسالتين. المضيفون والمشرفون لا ينتظرون أبدًا.',
  blockedTerms: 'الكلمات الممنوعة',
  blockedTermsHint:
    'كلمة في كل سطر أو كلمات تفصل بينها فواصل. تُرفض رسائل المشاهدين التي تحتوي على إحداها.',
  blockedNow: 'الممنوعة الآن:',
  noBlockedTerms: 'لا توجد كلمات ممنوعة.',
  save: 'حفظ الكلمات',
  saved: 'حُفظت الكلمات الممنوعة.',
  termTooLong: (term, max) => `«${term}» أطول من الحد الأقصى وهو ${counted(max, characters)}.`,
  termsTooMany: (max) => `الحد الأقصى للكلمات الممنوعة ${counted(max, terms)}.`,
  bans: 'الحظر والإيقاف المؤقت',
  noBans: 'لا يوجد أحد محظور.',
  bannedForever: 'محظور حتى يُلغى الحظر',
  bannedUntil: (time) => `موقوف مؤقتًا حتى ${time}`,
  unban: 'إلغاء الحظر',
  unbanUser: (name) => `إلغاء حظر ${name}`,
  unbanned: (name) => `يمكن أن يكتب ${name} من جديد.`,
  failed: (message) => `لم يتم التنفيذ: ${message}`,
  userActions: 'إيقاف مستخدم مؤقتًا أو إخفاؤه',
  user: 'المستخدم',
  noUsers: 'لم يكتب أحد بعد.',
  length: 'المدة',
  lengthOption: (seconds) => (seconds === 86_400 ? inUnit('hour', 24) : duration(seconds)),
  lengthCustom: 'مدة مخصّصة…',
  customAmount: 'المدة المخصّصة',
  units: { seconds: 'ثوانٍ', minutes: 'دقائق', hours: 'ساعات', days: 'أيام' },
  lengthBounds: 'يستمر الإيقاف المؤقت من ثانية واحدة إلى 14 يومًا.',
  reason: 'السبب (اختياري، يظهر للمستخدم)',
  reasonHint: 'نص عادي، 200 حرف على الأكثر.',
  timeOut: 'إيقاف مؤقت',
  timedOut: (name, length) => `أُوقف ${name} مؤقتًا لمدة ${length}.`,
  hide: 'إخفاء',
  unhide: 'إلغاء الإخفاء',
  hideHint: 'الرسائل الجديدة للمستخدم المخفي لا يراها إلا هو وفريق الإشراف. ولا يُبلَّغ بذلك.',
  hidden: (name) => `أُخفي ${name}.`,
  unhidden: (name) => `لم يعد ${name} مخفيًا.`,
  hiddenUsers: 'المستخدمون المخفيون',
  unhideUser: (name) => `إلغاء إخفاء ${name}`,
  chatDelay: 'تأخير الدردشة',
  chatDelayOff: 'متوقف',
  chatDelayOption: (seconds) => inUnit('second', seconds),
  chatDelayHint:
    'تصل رسائل المشاهدين إلى المشاهدين الآخرين بعد هذا التأخير؛ ويراها المضيفون والمشرفون فورًا ويمكنهم حذفها قبل ذلك.',
  modLog: 'سجل الإشراف',
  modLogEmpty: 'لم يُتخذ أي إجراء إشرافي بعد.',
  modLogOlder: 'عرض الأقدم',
  modLogLine: ({ by, action, target, length, reason, settings }) =>
    `${by}: ${fill(action, target, length ? ` لمدة ${length}` : '')}${settings ? ` (${settings})` : ''}${reason ? ` — ${reason}` : ''}`,
  actions: {
    delete: 'حذف رسالة كتبها {target}',
    pin: 'تثبيت رسالة كتبها {target}',
    unpin: 'إلغاء تثبيت الرسالة',
    timeout: 'إيقاف {target} مؤقتًا{length}',
    ban: 'حظر {target}',
    unban: 'إلغاء حظر {target}',
    hide: 'إخفاء {target}',
    unhide: 'إلغاء إخفاء {target}',
    settings: 'تغيير الإعدادات',
    shield: 'تفعيل الدرع',
    shieldOff: 'إيقاف الدرع واستعادة الإعدادات السابقة',
    shieldPreset: 'تغيير ما يطبّقه الدرع',
    approve: 'قبول رسالة محتجزة كتبها {target}',
    reject: 'رفض رسالة محتجزة كتبها {target}',
    dismiss: 'تجاهل البلاغات عن رسالة كتبها {target}',
  },
  shield: 'الدرع',
  shieldOn: 'مفعّل',
  shieldOff: 'متوقف',
  shieldHintOff: (preset) => `تفعيله يطبّق فورًا: ${preset}.`,
  shieldHintOn: 'الدرع مفعّل. إيقافه يعيد الإعدادات السابقة.',
  shieldRaised: 'فُعّل الدرع.',
  shieldLifted: 'أُوقف الدرع؛ وعادت الإعدادات السابقة.',
  gates: 'من يمكنه الدردشة',
  shieldPreset: 'ما يطبّقه الدرع',
  presetSaved: 'حُفظت إعدادات الدرع.',
  signedInOnly: 'المشاهدون المسجَّل دخولهم فقط (يغادر المشاهدون المجهولون الغرفة)',
  minAccountAge: 'الحد الأدنى لعمر الحساب (بالدقائق)',
  minAccountAgeHint: '0 = متوقف. حسب تاريخ الحساب في الموقع.',
  firstChatDelay: 'انتظار من يكتب لأول مرة',
  emoteOnly: 'وضع الرموز التعبيرية فقط',
  linksStaffOnly: 'الروابط من المضيفين والمشرفين فقط',
  holdForReview: 'الاحتجاز للمراجعة',
  holdRules: {
    all: 'كل رسائل المشاهدين',
    firstTime: 'من يكتبون لأول مرة',
    links: 'الرسائل التي فيها روابط',
    terms: 'الرسائل التي فيها كلمات المراجعة',
  },
  presetSummary: (p) =>
    [
      p.signedInOnly ? 'المسجَّل دخولهم فقط' : '',
      p.minAccountAgeMinutes
        ? `حسابات عمرها أكثر من ${inUnit('minute', p.minAccountAgeMinutes)}`
        : '',
      p.firstChatDelaySeconds
        ? `انتظار ${inUnit('minute', Math.round(p.firstChatDelaySeconds / 60))} قبل أول رسالة`
        : '',
      p.slowModeSeconds ? `الوضع البطيء ${inUnit('second', p.slowModeSeconds)}` : '',
      p.chatDelaySeconds ? `تأخير الدردشة ${inUnit('second', p.chatDelaySeconds)}` : '',
      p.emoteOnly ? 'الرموز التعبيرية فقط' : '',
      p.links === 'staff' ? 'بلا روابط من المشاهدين' : '',
      p.hold?.length
        ? `احتجاز ${new Intl.ListFormat(tagFor(lang)).format(p.hold.map((rule) => heldInSummary[rule]))} قبل نشرها`
        : '',
    ]
      .filter(Boolean)
      .join('، ') || 'لا شيء',
  delayOption: (seconds) => (seconds === 0 ? 'متوقف' : inUnit('minute', seconds / 60)),
} satisfies LocaleBundle<ChatModerationStrings>;
