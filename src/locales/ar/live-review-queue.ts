/** Arabic texts of `<live-review-queue>`. */
import type { ReviewQueueStrings } from '../../elements/live-review-queue/live-review-queue.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'ar';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);

/** Why an item is held, by the relay's rule (a Map: the rule is the relay's text). */
const heldFor = new Map([
  ['all', 'محتجزة: كل الرسائل تخضع للمراجعة'],
  ['firstTime', 'محتجزة: أول رسالة للمشارك'],
  ['links', 'محتجزة: فيها رابط'],
  ['terms', 'محتجزة: فيها كلمة للمراجعة'],
  ['moderation', 'في انتظار القبول'],
  ['review', 'في انتظار القبول'],
]);

export default {
  title: 'المراجعة',
  empty: 'لا شيء ينتظر المراجعة.',
  hostsOnly: 'قائمة المراجعة للمضيفين والمشرفين.',
  count: (count) =>
    plural(lang, count, {
      zero: 'لا شيء للمراجعة',
      one: 'عنصر واحد للمراجعة',
      two: 'عنصران للمراجعة',
      few: `${number(count)} عناصر للمراجعة`,
      many: `${number(count)} عنصرًا للمراجعة`,
      other: `${number(count)} عنصر للمراجعة`,
    }),
  keys: '↑ ↓ التنقل · A قبول · R رفض · Enter إجراءات أخرى',
  feature: { chat: 'الدردشة', qa: 'الأسئلة', poll: 'استطلاع' },
  pollKind: { wordcloud: 'سحابة كلمات', opentext: 'نص حر' },
  held: (rule) => heldFor.get(rule) ?? `محتجزة: ${rule}`,
  reports: (count, reasons) =>
    `${plural(lang, count, {
      one: 'أبلغ عنه مشاهد واحد',
      two: 'أبلغ عنه مشاهدان',
      few: `أبلغ عنه ${number(count)} مشاهدين`,
      many: `أبلغ عنه ${number(count)} مشاهدًا`,
      other: `أبلغ عنه ${number(count)} مشاهد`,
    })}: ${reasons}`,
  reasons: {
    spam: 'رسائل مزعجة',
    harassment: 'مضايقة',
    hate: 'كراهية',
    sexual: 'محتوى جنسي',
    other: 'سبب آخر',
  },
  approve: 'قبول',
  reject: 'رفض',
  dismiss: 'إبقاء (تجاهل البلاغات)',
  remove: 'حذف الرسالة',
  timeout: 'إيقاف مؤقت 10 دقائق',
  decided: {
    approve: 'قُبلت.',
    reject: 'رُفضت.',
    dismiss: 'تم تجاهل البلاغات.',
    remove: 'حُذفت الرسالة.',
    timeout: 'أُوقف الكاتب مؤقتًا.',
  },
  actionsFor: (name) => `إجراءات ${name}`,
} satisfies LocaleBundle<ReviewQueueStrings>;
