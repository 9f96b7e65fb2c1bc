/** Japanese texts of `<live-poll-editor>` (its results' come from the `poll-charts` bundle) (Japanese has no plural forms). */
import type { PollEditorStrings } from '../../elements/live-poll-editor/live-poll-editor.strings.js';
import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'ja';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);
export default {
  // The editor's own, not the results' (their bundle is loaded too).
  loading: '投票を読み込み中…',
  hostsOnly: 'アンケートを実施できるのはホストだけです。',
  newPoll: '新しいアンケート',
  question: '質問',
  counter: (length, max) => `${number(length)} / ${number(max)}`,
  kind: '種類',
  kinds: {
    single: '単一選択',
    multi: '複数選択',
    rating: '評価',
    wordcloud: 'ワードクラウド',
    opentext: '自由記述',
    ranking: '順位付け',
  },
  options: '選択肢',
  scale: '評価の段階（低い順）',
  option: (n) => `選択肢 ${number(n)}`,
  removeOption: (n) => `選択肢 ${number(n)} を削除`,
  addOption: '選択肢を追加',
  hideResults: 'アンケートが終了するまで視聴者に結果を表示しない',
  blockedTerms: 'ブロックする語句',
  blockedTermsHint:
    '1 行に 1 つ入力します。これらを含む単語はワードクラウドから除かれ、これらを含む回答は拒否されます。',
  create: 'アンケートを作成',
  created: 'アンケートを下書きとして作成しました。一覧から開始してください。',
  questionRequired: '質問を入力してください。',
  questionTooLong: (max) => `質問は ${number(max)} 文字以内で入力してください。`,
  optionRequired: 'この選択肢のテキストを入力するか、選択肢を削除してください。',
  optionTooLong: (max) => `選択肢は ${number(max)} 文字以内で入力してください。`,
  optionsTooMany: (max) => `選択肢は ${number(max)} 個までです。`,
  blockedTermTooLong: (max) => `ブロックする語句は 1 つ ${number(max)} 文字以内です。`,
  blockedTermsTooMany: (max) => `ブロックできる語句は ${number(max)} 個までです。`,
  polls: 'このルームのアンケート',
  noPolls: 'まだアンケートはありません。',
  status: { draft: '下書き', open: '実施中', closed: '終了' },
  hidden: '視聴者には結果を非表示',
  open: '開始',
  reopen: '再開',
  close: '終了',
  failed: (message) => `実行できませんでした：${message}`,
  optionsTooFew: (min) => `順位付けには ${number(min)} 個以上の選択肢が必要です。`,
  maxAnswers: '1 人あたりの回答数',
  maxAnswersRange: (max) => `1～${number(max)}。`,
  review: '視聴者に表示する前に回答をレビューする',
  reviewHint:
    '回答は、ホストかモデレーターが承認するまでレビュー待ちになります。その間も回答者本人には表示されます。',
  reviewed: '回答はレビュー制',
  waiting: (count) => `${count} 件の回答がレビュー待ちです`,
  decideInReview: 'レビュー画面で承認または却下してください。',
  hide: '非表示',
  hideAnswer: (text) => `「${text}」を非表示`,
} satisfies LocaleBundle<Omit<PollEditorStrings, Exclude<keyof PollResultStrings, SharedKey>>>;
