/** Japanese texts of `<live-chat-moderation>`. */
import type { ChatModerationStrings } from '../../elements/live-chat-moderation/live-chat-moderation.strings.js';
import type { ChatHoldRule } from '../../protocol/index.js';
import { fillAction as fill, duration as lengthIn, inUnit as unitIn, tagFor } from '../format.js';
import type { LocaleBundle } from '../types.js';

const lang = 'ja';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);

const inUnit = (unit: 'second' | 'minute' | 'hour' | 'day', value: number) =>
  unitIn(lang, unit, value);

/** A length in the largest whole unit: `10 秒`, `1 分`, `1 時間`, `14 日`. */
const duration = (seconds: number) => lengthIn(lang, seconds);

/** The hold rules inside a preset's summary. */
const heldInSummary: Record<ChatHoldRule, string> = {
  all: 'すべてのメッセージ',
  firstTime: '初めてのチャット',
  links: 'リンクを含むメッセージ',
  terms: 'レビュー対象の語句を含むメッセージ',
};

export default {
  hostsOnly: 'チャットをモデレートできるのはホストとモデレーターだけです。',
  slowMode: '低速モード',
  slowModeOff: 'オフ',
  slowModeOption: (seconds) =>
    seconds < 60 ? inUnit('second', seconds) : inUnit('minute', seconds / 60),
  slowModeHint:
    '視聴者が次のメッセージを送れるまでの待ち時間です。ホストとモデレーターは待つ必要がありません。',
  blockedTerms: 'ブロックする語句',
  blockedTermsHint:
    '1 行に 1 つ、またはカンマ区切りで入力します。いずれかを含む視聴者のメッセージは拒否されます。',
  blockedNow: '現在ブロック中：',
  noBlockedTerms: 'ブロックしている語句はありません。',
  save: '語句を保存',
  saved: 'ブロックする語句を保存しました。',
  termTooLong: (term, max) => `「${term}」は ${number(max)} 文字を超えています。`,
  termsTooMany: (max) => `ブロックできる語句は ${number(max)} 個までです。`,
  bans: 'BAN とタイムアウト',
  noBans: 'BAN されているユーザーはいません。',
  bannedForever: 'BAN 解除まで',
  bannedUntil: (time) => `${time} までタイムアウト`,
  unban: 'BAN を解除',
  unbanUser: (name) => `${name} の BAN を解除`,
  unbanned: (name) => `${name} は再びチャットできます。`,
  failed: (message) => `実行できませんでした：${message}`,
  userActions: 'ユーザーのタイムアウト・非表示',
  user: 'ユーザー',
  noUsers: 'まだ誰もチャットしていません。',
  length: '期間',
  lengthOption: (seconds) => (seconds === 86_400 ? inUnit('hour', 24) : duration(seconds)),
  lengthCustom: 'カスタム…',
  customAmount: 'カスタム期間',
  units: { seconds: '秒', minutes: '分', hours: '時間', days: '日' },
  lengthBounds: 'タイムアウトの期間は 1 秒から 14 日までです。',
  reason: '理由（任意、ユーザーに表示されます）',
  reasonHint: 'プレーンテキストで 200 文字まで。',
  timeOut: 'タイムアウト',
  timedOut: (name, length) => `${name} を ${length} タイムアウトしました。`,
  hide: '非表示',
  unhide: '表示に戻す',
  hideHint:
    '非表示のユーザーの新しいメッセージは、本人とスタッフにしか表示されません。本人には通知されません。',
  hidden: (name) => `${name} を非表示にしました。`,
  unhidden: (name) => `${name} の非表示を解除しました。`,
  hiddenUsers: '非表示のユーザー',
  unhideUser: (name) => `${name} を表示に戻す`,
  chatDelay: 'チャットの遅延',
  chatDelayOff: 'オフ',
  chatDelayOption: (seconds) => inUnit('second', seconds),
  chatDelayHint:
    '視聴者のメッセージは、この時間だけ遅れて他の視聴者に届きます。ホストとモデレーターにはすぐに表示され、届く前に削除できます。',
  modLog: 'モデレーションログ',
  modLogEmpty: 'まだモデレーションの記録はありません。',
  modLogOlder: '以前の記録を表示',
  modLogLine: ({ by, action, target, length, reason, settings }) =>
    `${by}：${fill(action, target, length ? `（${length}）` : '')}${settings ? `（${settings}）` : ''}${reason ? `（理由：${reason}）` : ''}`,
  actions: {
    delete: '{target} のメッセージを削除しました',
    pin: '{target} のメッセージを固定しました',
    unpin: 'メッセージの固定を解除しました',
    timeout: '{target} をタイムアウトしました{length}',
    ban: '{target} を BAN しました',
    unban: '{target} の BAN を解除しました',
    hide: '{target} を非表示にしました',
    unhide: '{target} の非表示を解除しました',
    settings: '設定を変更しました',
    shield: 'シールドをオンにしました',
    shieldOff: 'シールドをオフにして元の設定に戻しました',
    shieldPreset: 'シールドの内容を変更しました',
    approve: '{target} の保留中のメッセージを承認しました',
    reject: '{target} の保留中のメッセージを却下しました',
    dismiss: '{target} のメッセージへの報告を対応不要にしました',
  },
  shield: 'シールド',
  shieldOn: 'オン',
  shieldOff: 'オフ',
  shieldHintOff: (preset) => `オンにすると、すぐに適用されます：${preset}。`,
  shieldHintOn: 'シールドはオンです。オフにすると元の設定に戻ります。',
  shieldRaised: 'シールドをオンにしました。',
  shieldLifted: 'シールドをオフにしました。元の設定に戻りました。',
  gates: 'チャットできる人',
  shieldPreset: 'シールドで適用する内容',
  presetSaved: 'シールドの内容を保存しました。',
  signedInOnly: 'ログインした視聴者のみ（匿名の視聴者はルームから退出します）',
  minAccountAge: 'アカウント作成からの最短期間（分）',
  minAccountAgeHint: '0 でオフ。サイトのアカウント作成日に基づきます。',
  firstChatDelay: '初めてのチャットまでの待ち時間',
  emoteOnly: 'エモート限定モード',
  linksStaffOnly: 'リンクはホストとモデレーターのみ',
  holdForReview: '保留してレビュー',
  holdRules: {
    all: '視聴者のすべてのメッセージ',
    firstTime: '初めてチャットする人',
    links: 'リンクを含むメッセージ',
    terms: 'レビュー対象の語句を含むメッセージ',
  },
  presetSummary: (p) =>
    [
      p.signedInOnly ? 'ログインした人のみ' : '',
      p.minAccountAgeMinutes
        ? `作成から ${inUnit('minute', p.minAccountAgeMinutes)}以上のアカウント`
        : '',
      p.firstChatDelaySeconds
        ? `初めてのチャットは ${inUnit('minute', Math.round(p.firstChatDelaySeconds / 60))}待つ`
        : '',
      p.slowModeSeconds ? `低速モード ${inUnit('second', p.slowModeSeconds)}` : '',
      p.chatDelaySeconds ? `チャットの遅延 ${inUnit('second', p.chatDelaySeconds)}` : '',
      p.emoteOnly ? 'エモートのみ' : '',
      p.links === 'staff' ? '視聴者のリンク禁止' : '',
      p.hold?.length ? `${p.hold.map((rule) => heldInSummary[rule]).join('・')}を保留` : '',
    ]
      .filter(Boolean)
      .join('、') || 'なし',
  delayOption: (seconds) => (seconds === 0 ? 'オフ' : inUnit('minute', seconds / 60)),
} satisfies LocaleBundle<ChatModerationStrings>;
