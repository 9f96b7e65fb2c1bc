/** Japanese texts of `<live-host-console>` (its panels have their own bundles). */
import type { HostConsoleStrings } from '../../elements/live-host-console/live-host-console.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  console: 'ホストコンソール',
  tabs: {
    polls: 'アンケート',
    quiz: 'クイズ',
    chat: 'チャット',
    qa: 'Q&A',
    reactions: 'リアクション',
    review: 'レビュー',
  },
  hostsOnly: 'ホストコンソールはホストとモデレーター専用です。',
  status: {
    idle: '未接続',
    connecting: '接続しています…',
    open: '接続済み',
    reconnecting: '再接続しています…',
    offline: 'オフライン',
    closed: '切断されました',
  },
  exportMenu: 'エクスポート',
  exports: {
    chat: 'チャットの記録（CSV）',
    polls: 'アンケートの結果（CSV）',
    quiz: 'クイズの結果（CSV）',
    qa: 'Q&A（CSV）',
    modlog: 'モデレーションログ（CSV）',
    all: 'すべて（JSON）',
  },
  exporting: 'ダウンロードを準備しています…',
  exportFailed: 'エクスポートできませんでした：{reason}',
  exportNoToken: 'エクスポートにはホストのトークンが必要です。',
} satisfies LocaleBundle<HostConsoleStrings>;
