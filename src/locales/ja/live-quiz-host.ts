/** Japanese texts of `<live-quiz-host>` (its leaderboard's come from the `leaderboard` bundle) (Japanese has no plural forms). */
import type { QuizHostStrings } from '../../elements/live-quiz-host/live-quiz-host.strings.js';
import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'ja';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);

export default {
  // The quiz host's own, not the leaderboard's (its bundle is loaded too).
  loading: 'クイズを読み込み中…',
  hostsOnly: 'クイズを進行できるのはホストだけです',
  run: 'クイズの進行',
  phase: {
    idle: '開始待ち',
    question: '回答受付中',
    revealed: '正解発表済み',
    ended: 'クイズ終了',
  },
  noQuiz: 'クイズが読み込まれていません',
  loadedCount: (n) => `${number(n)} 問を読み込みました`,
  progress: (current, count) => `第 ${number(current)} 問（全 ${number(count)} 問）`,
  answered: (count) => `${count} 人が回答`,
  secondsLeft: (seconds) => `残り ${number(seconds)} 秒`,
  answerIs: (letter, option) => `正解：${letter} · ${option}`,
  letter: (index) => String.fromCharCode(65 + index),
  accessible: 'アクセシブルモード',
  accessibleHint: '制限時間がすべて 2 倍になり、早押しのポイントはなくなります。',
  leadIn: '開始前のカウントダウン（秒）',
  start: 'クイズを開始',
  next: '次の問題',
  finish: '最終結果を表示',
  reveal: '正解を発表',
  end: 'クイズを終了',
  prepare: '問題',
  file: 'クイズファイル（JSON）',
  fileHint: '{text, options, correct, timeLimitMs, points?} の配列。correct は 0 から数えます。',
  fileRead: (n, name) => `${name} から ${number(n)} 問を読み込みました。`,
  fileErrors: (name) => `${name} を読み込めません：`,
  noDrafts: 'まだ問題がありません。ファイルを選ぶか、下で追加してください。',
  drafts: '読み込む問題',
  summary: (options, seconds, points) =>
    `選択肢 ${number(options)} 個 · ${number(seconds)} 秒 · ${points} ポイント`,
  edit: '編集',
  remove: '削除',
  clear: 'すべて削除',
  loadQuiz: (n) => `クイズを読み込む（${number(n)} 問）`,
  loadHint: '読み込むと新しいゲームが始まり、スコアはリセットされます。',
  newQuestion: '新しい問題',
  editQuestion: (current) => `第 ${number(current)} 問`,
  questionText: '問題文',
  answers: '選択肢（正解にチェック）',
  optionLabel: (letter) => `選択肢 ${letter}`,
  correct: '正解',
  addOption: '選択肢を追加',
  removeOption: (letter) => `選択肢 ${letter} を削除`,
  seconds: '制限時間（秒）',
  addQuestion: '問題を追加',
  saveQuestion: '問題を保存',
  cancel: 'キャンセル',
  textRequired: '問題文を入力してください。',
  textTooLong: (max) => `問題文は ${number(max)} 文字以内で入力してください。`,
  optionRequired: 'この選択肢を入力してください。',
  optionTooLong: (max) => `選択肢は ${number(max)} 文字以内で入力してください。`,
  correctRequired: '正解を選んでください。',
  secondsRange: (min, max) => `${number(min)}～${number(max)} 秒で指定してください。`,
  pointsRange: (min, max) => `${number(min)}～${number(max)} の整数で指定してください。`,
  failed: (message) => `実行できませんでした：${message}`,
  tooLarge: 'このクイズは一度に読み込むには大きすぎます。質問を減らすか短くしてください。',
} satisfies LocaleBundle<Omit<QuizHostStrings, Exclude<keyof LeaderboardStrings, SharedKey>>>;
