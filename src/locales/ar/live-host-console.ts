/** Arabic texts of `<live-host-console>` (its panels have their own bundles). */
import type { HostConsoleStrings } from '../../elements/live-host-console/live-host-console.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  console: 'لوحة المضيف',
  tabs: {
    polls: 'الاستطلاعات',
    quiz: 'المسابقة',
    chat: 'الدردشة',
    qa: 'الأسئلة',
    reactions: 'التفاعلات',
    review: 'المراجعة',
  },
  hostsOnly: 'لوحة المضيف للمضيفين والمشرفين.',
  status: {
    idle: 'غير متصل',
    connecting: 'جارٍ الاتصال…',
    open: 'متصل',
    reconnecting: 'جارٍ إعادة الاتصال…',
    offline: 'بلا اتصال بالإنترنت',
    closed: 'انقطع الاتصال',
  },
  exportMenu: 'تصدير',
  exports: {
    chat: 'نص الدردشة (CSV)',
    polls: 'نتائج الاستطلاعات (CSV)',
    quiz: 'نتائج المسابقة (CSV)',
    qa: 'الأسئلة والأجوبة (CSV)',
    modlog: 'سجل الإشراف (CSV)',
    all: 'كل شيء (JSON)',
  },
  exporting: 'جارٍ تجهيز التنزيل…',
  exportFailed: 'تعذّر التصدير: {reason}',
  exportNoToken: 'يحتاج التصدير إلى رمز مضيف.',
} satisfies LocaleBundle<HostConsoleStrings>;
