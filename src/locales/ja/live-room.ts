import type { RoomStrings } from '../../elements/live-room/live-room.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  offline: 'オフラインです。ライブ更新は一時停止中です。',
  reconnecting: '接続が切れました。再接続中…',
  closed: '切断されました。',
} satisfies LocaleBundle<RoomStrings>;
