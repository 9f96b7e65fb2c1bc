import type { ReactionsStrings } from '../../elements/live-reactions/live-reactions.strings.js';
import { count } from '../format.js';
import type { LocaleBundle } from '../types.js';

export default {
  group: 'التفاعلات',
  reactWith: (emoji) => `تفاعل بـ ${emoji}`,
  offline: 'غير متصل: التفاعلات متوقفة مؤقتًا.',
  editEmojis: 'تعديل الرموز التعبيرية',
  editLabel: 'رموز تعبيرية مفصولة بفواصل',
  editHint: 'مثال: ❤️، 👏، 🔥',
  save: 'حفظ',
  cancel: 'إلغاء',
  editEmpty: 'أدخل رمزًا تعبيريًا واحدًا على الأقل.',
  editTooMany: (max) => `${count('ar', max)} رموز تعبيرية كحد أقصى.`,
  editDuplicate: (emoji) => `${emoji} مكرر في القائمة.`,
  editTooLong: (emoji) => `«${emoji}» أطول من أن يكون تفاعلًا واحدًا.`,
} satisfies LocaleBundle<ReactionsStrings>;
