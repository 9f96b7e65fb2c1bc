/**
 * Word-cloud answers: lower case, no punctuation, no stop words, no words under three letters,
 * and no blocked terms, so "The CATS!" and "cats" land on the same word.
 */
import { containsBlocked } from '../text.js';

const MIN_LETTERS = 3;

/** Common English words that would crowd every cloud. */
const STOP_WORDS = new Set(
  `about above after again against all and any are aren't because been before being below
  between both but can can't cannot could couldn't did didn't does doesn't doing don't down during
  each few for from further had hadn't has hasn't have haven't having her here hers herself him
  himself his how into isn't its itself just let's more most mustn't myself nor not off once only
  other ought our ours ourselves out over own same shan't she should shouldn't some such than that
  the their theirs them themselves then there these they this those through too under until very
  was wasn't were weren't what when where which while who whom why will with won't would wouldn't
  you your yours yourself yourselves also yes yeah really like get got one it's i'm i've i'll i'd
  that's there's here's what's who's you're you've you'll we're we've they're they've he's she's`.split(
    /\s+/,
  ),
);

/**
 * The distinct normalised words of one answer, in order of appearance. `blockedKeys` are match
 * keys (text.ts `matchKeys`): a word that contains one however it is disguised is dropped.
 */
export function normaliseWords(answer: string, blockedKeys: readonly string[] = []): string[] {
  const words = answer
    .normalize('NFKC')
    .toLowerCase()
    // Invisible characters would split a word in two ("sp\u200Bam"), or hide inside it.
    .replace(/[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu, '')
    .replace(/[’‘`]/g, "'")
    .split(/[^\p{L}\p{M}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''));
  const kept: string[] = [];
  for (const word of words) {
    if ([...word.replace(/[^\p{L}\p{N}]/gu, '')].length < MIN_LETTERS) continue;
    if (STOP_WORDS.has(word)) continue;
    if (containsBlocked(word, blockedKeys)) continue;
    if (!kept.includes(word)) kept.push(word);
  }
  return kept;
}
