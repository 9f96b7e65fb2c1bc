import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { PollStrings } from '../../elements/live-poll/live-poll.strings.js';
import type { LocaleBundle } from '../types.js';

/** The results' texts come from the `poll-charts` bundle. */
type Own = Omit<PollStrings, keyof PollResultStrings>;

export default {
  loading: '投票を読み込み中…',
  empty: '現在、投票はありません',
  live: 'ライブ投票',
  newPoll: (question) => `新しい投票: ${question}`,
  closed: '投票は終了しました',
  offline: 'オフラインです。投票は一時停止中で、結果が最新でない場合があります。',
  reconnecting: '再接続中… 投票は一時停止中です。',
  disconnected: '切断されました。投票できません。',
  vote: '投票',
  update: '投票を変更',
  cancel: 'キャンセル',
  wordPlaceholder: '単語をいくつか…',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `${max} 文字までです。`,
  pickAny: '1 つ以上選んでください。',
  yourAnswer: 'あなたの回答:',
  change: '変更',
  hiddenUntilClose: '結果は投票終了後に表示されます。',
  hiddenFromAudience: '投票が終わるまで視聴者には非表示です。',
  voteToSee: '投票すると結果が見られます。',
  errorClosed: 'この投票は終了しています。投票は数えられませんでした。',
  errorNoWords: '3 文字以上の単語を 1 つ以上使ってください（ごく一般的な単語は数えません）。',
  voteFailed: (message) => `投票は数えられませんでした: ${message}`,
  answerPlaceholder: 'あなたの回答…',
  send: '送信',
  answerToSee: '回答を送ると、みんなの回答が見られます。',
  yourAnswers: 'あなたの回答',
  answersGiven: (given, max) => `${max} 件中 ${given} 件回答済み`,
  answerStatus: { pending: '確認待ち', hidden: 'ホストが非表示にしました', shown: '' },
  answerSent: '回答を送信しました。',
  rankHelp:
    '選択肢をドラッグして並べ替えるか、上下のボタンを使ってください。キーボードでは、' +
    'スペースで選択肢を持ち上げ、矢印キーで移動し、スペースで置き、Escape で取り消します。',
  rankHandle: '並べ替えできる選択肢',
  rankItem: (option, position, count) => `${option}、${count} 件中 ${position} 位`,
  rankGrabbed: (option, position, count) =>
    `${option} を持ち上げました（${count} 件中 ${position} 位）。矢印キーで移動します。`,
  rankMoved: (option, position, count) =>
    `${option} を ${count} 件中 ${position} 位に移動しました。`,
  rankDropped: (option, position, count) =>
    `${option} を ${count} 件中 ${position} 位に置きました。`,
  rankCancelled: (option, position) =>
    `移動を取り消しました。${option} は ${position} 位に戻りました。`,
  moveUp: (option) => `${option} を上へ`,
  moveDown: (option) => `${option} を下へ`,
} satisfies LocaleBundle<Own>;
