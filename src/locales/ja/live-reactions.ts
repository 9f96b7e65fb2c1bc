import type { ReactionsStrings } from '../../elements/live-reactions/live-reactions.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  group: 'リアクション',
  reactWith: (emoji) => `${emoji} でリアクション`,
  offline: 'オフライン: リアクションは一時停止中です。',
  editEmojis: '絵文字を編集',
  editLabel: '絵文字（カンマ区切り）',
  editHint: '例: ❤️, 👏, 🔥',
  save: '保存',
  cancel: 'キャンセル',
  editEmpty: '絵文字を 1 つ以上入力してください。',
  editTooMany: (max) => `絵文字は ${max} 個までです。`,
  editDuplicate: (emoji) => `${emoji} が重複しています。`,
  editTooLong: (emoji) => `「${emoji}」は 1 つのリアクションには長すぎます。`,
} satisfies LocaleBundle<ReactionsStrings>;
