import type { ChatStrings } from '../../elements/live-chat/live-chat.strings.js';
import { clock, count } from '../format.js';
import type { LocaleBundle } from '../types.js';

export default {
  log: 'チャットメッセージ',
  loading: 'メッセージを読み込み中…',
  empty: 'まだメッセージはありません。あいさつしよう！',
  offline: 'オフラインです。接続が戻るとメッセージが送信されます。',
  jumpToLatest: '最新へ移動',
  skipped: (n) => `以前のメッセージ ${count('ja', n)} 件を省略しました`,
  showSkipped: (n) => (n === 1 ? '表示' : `${count('ja', n)} 件を表示`),
  inputLabel: 'メッセージ',
  placeholder: 'メッセージを入力…',
  send: '送信',
  wait: (seconds) => `${seconds} 秒待って`,
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `メッセージは ${max} 文字までです。`,
  reply: '返信',
  replyingTo: (name) => `${name} さんに返信中`,
  cancelReply: '返信をやめる',
  unknownParent: '以前のメッセージ',
  delete: '削除',
  pin: 'ピン留め',
  unpin: 'ピン留めを解除',
  pinned: 'ピン留め中',
  timeout: '10 分間タイムアウト',
  ban: 'BAN',
  unban: 'BAN を解除',
  sending: '送信中…',
  failed: (error) => `送信できませんでした: ${error}`,
  gated: (gate, seconds) => {
    if (gate === 'signedIn') return 'チャットはログインした視聴者のみです';
    if (gate === 'emoteOnly') return 'エモートのみモード';
    if (gate === 'links') return 'リンクは投稿できません';
    if (seconds <= 0) return gate === 'firstChat' ? 'チャットできます' : 'アカウントが新しすぎます';
    return gate === 'firstChat'
      ? `${clock(seconds)} 後にチャットできます`
      : `アカウントは ${clock(seconds)} 後にチャットできます`;
  },
  retry: '再試行',
  dismiss: '閉じる',
  typingOne: (name) => `${name} さんが入力中…`,
  typingTwo: (first, second) => `${first} さんと ${second} さんが入力中…`,
  typingMany: '複数の人が入力中…',
  bannedForever: 'このチャットから BAN されました。閲覧はできます。',
  bannedUntil: (minutes) => `タイムアウト中です。残り ${count('ja', minutes)} 分です。`,
  timedOut: (left, reason) => `タイムアウト中（残り ${left}）${reason ? `— ${reason}` : ''}`,
  heldMarker: '確認待ち',
  report: '報告',
  reported: '報告済み',
  hiddenMarker: '非表示',
  delayedMarker: '遅延中',
  slowMode: '低速モード',
  slowModeOff: 'オフ',
  slowModeOption: (seconds) => (seconds < 60 ? `${seconds} 秒` : `${seconds / 60} 分`),
  slowModeNotice: (seconds) => `低速モード: ${seconds} 秒に 1 件まで。`,
  role: { host: 'ホスト', moderator: 'モデレーター', audience: '' },
  actionsFor: (name) => `${name} さんのメッセージ`,
  reportTitle: (name) => `${name} さんのメッセージを報告`,
  reportReason: '理由',
  reportReasons: {
    spam: 'スパム・詐欺',
    harassment: '嫌がらせ・いじめ',
    hate: 'ヘイトスピーチ',
    sexual: '性的なコンテンツ',
    other: 'その他',
  },
  reportNote: 'モデレーターへのメモ（任意）',
  reportSend: '報告を送信',
  reportCancel: 'キャンセル',
  reportSent: 'ありがとうございます。モデレーターが確認します。',
  showAll: 'すべて表示',
  showLess: '折りたたむ',
  messageName: ({ author, role, time, text, replyTo }) =>
    [
      role ? `${author}（${role}）` : author,
      replyTo === undefined ? '' : `${replyTo} さんへの返信`,
      time,
    ]
      .filter(Boolean)
      .join('、') + `：${text}`,
} satisfies LocaleBundle<ChatStrings>;
