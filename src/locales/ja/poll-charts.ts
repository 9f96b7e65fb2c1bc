import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  results: '結果',
  result: (percent, votes) => `${percent} · ${votes} 票`,
  voters: (voters) => `${voters} 人が投票`,
  mine: 'あなたの回答',
  pie: '結果のグラフ',
  noVotes: 'まだ投票はありません',
  rankResult: (position, points) => `平均順位 ${position} · ${points} ポイント`,
  answerCount: (count, value) => (value > 1 ? `× ${count}` : ''),
  newestAnswers: '新しい回答',
  topAnswers: '多い回答',
  noAnswers: 'まだ回答はありません',
} satisfies LocaleBundle<PollResultStrings>;
