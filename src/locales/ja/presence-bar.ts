import type { PresenceStrings } from '../../elements/presence-bar/presence-bar.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: '参加者を読み込み中…',
  empty: 'まだ誰もいません',
  watching: (count) => `${count} 人が視聴中`,
  watchingMore: (others) => `+${others} 人が視聴中`,
  countLabel: (count) => `${count} 人が視聴中`,
  showEveryone: '全員を表示',
  listLabel: '参加者一覧',
  showingFirst: (shown) => `最初の ${shown} 人を表示中`,
  you: '（あなた）',
  role: { host: 'ホスト', moderator: 'モデレーター', audience: '' },
  typingOne: (name) => `${name} さんが入力中…`,
  typingTwo: (first, second) => `${first} さんと ${second} さんが入力中…`,
  typingMany: '複数の人が入力中…',
} satisfies LocaleBundle<PresenceStrings>;
