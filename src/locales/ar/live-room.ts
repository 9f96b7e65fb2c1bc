import type { RoomStrings } from '../../elements/live-room/live-room.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  offline: 'أنت غير متصل. التحديثات المباشرة متوقفة مؤقتًا.',
  reconnecting: 'انقطع الاتصال. جارٍ إعادة الاتصال…',
  closed: 'انقطع الاتصال.',
} satisfies LocaleBundle<RoomStrings>;
