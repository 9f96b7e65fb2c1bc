import { refused } from '../format.js';
import type { ConnectionBundle } from '../types.js';

export default {
  loading: 'جارٍ التحميل…',
  refused: refused('ليس لديك صلاحية الدخول إلى هذه الغرفة.'),
  offline: 'أنت غير متصل. سيتم إرسال التغييرات عند عودة الاتصال.',
  reconnecting: 'جارٍ إعادة الاتصال…',
  unreachable: 'تعذّر الاتصال. جارٍ إعادة المحاولة…',
  closed: 'انقطع الاتصال.',
} satisfies ConnectionBundle;
