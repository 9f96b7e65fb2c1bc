import { refused } from '../format.js';
import type { ConnectionBundle } from '../types.js';

export default {
  loading: '読み込み中…',
  refused: refused('このルームへのアクセス権がありません。'),
  offline: 'オフラインです。接続が戻ると変更が送信されます。',
  reconnecting: '再接続中…',
  unreachable: '接続できません。再試行中…',
  closed: '切断されました。',
} satisfies ConnectionBundle;
