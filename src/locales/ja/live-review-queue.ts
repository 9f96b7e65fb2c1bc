/** Japanese texts of `<live-review-queue>` (Japanese has no plural forms). */
import type { ReviewQueueStrings } from '../../elements/live-review-queue/live-review-queue.strings.js';
import type { LocaleBundle } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'ja';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);

/** Why an item is held, by the relay's rule (a Map: the rule is the relay's text). */
const heldFor = new Map([
  ['all', '保留：すべてのメッセージをレビュー中'],
  ['firstTime', '保留：初めてのチャット'],
  ['links', '保留：リンクを含む'],
  ['terms', '保留：レビュー対象の語句を含む'],
  ['moderation', '承認待ち'],
  ['review', '承認待ち'],
]);

export default {
  title: 'レビュー',
  empty: 'レビュー待ちはありません。',
  hostsOnly: 'レビュー画面はホストとモデレーター専用です。',
  count: (count) => (count === 0 ? 'レビュー待ちはありません' : `レビュー待ち ${number(count)} 件`),
  keys: '↑ ↓ 移動 · A 承認 · R 却下 · Enter その他の操作',
  feature: { chat: 'チャット', qa: 'Q&A', poll: 'アンケート' },
  pollKind: { wordcloud: 'ワードクラウド', opentext: '自由記述' },
  held: (rule) => heldFor.get(rule) ?? `保留：${rule}`,
  reports: (count, reasons) => `${number(count)} 人の視聴者が報告：${reasons}`,
  reasons: {
    spam: 'スパム',
    harassment: '嫌がらせ',
    hate: 'ヘイト',
    sexual: '性的な内容',
    other: 'その他',
  },
  approve: '承認',
  reject: '却下',
  dismiss: '残す（報告を対応不要にする）',
  remove: 'メッセージを削除',
  timeout: '10 分間タイムアウト',
  decided: {
    approve: '承認しました。',
    reject: '却下しました。',
    dismiss: '報告を対応不要にしました。',
    remove: 'メッセージを削除しました。',
    timeout: '投稿者をタイムアウトしました。',
  },
  actionsFor: (name) => `${name} への操作`,
} satisfies LocaleBundle<ReviewQueueStrings>;
