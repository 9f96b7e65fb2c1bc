/** The feature registry: adding a feature is one line here. */
import type { FeatureModule } from './feature.js';
import { chat } from './chat.js';
import { poll } from './poll.js';
import { presence } from './presence.js';
import { qa } from './qa.js';
import { quiz } from './quiz.js';
import { reactions } from './reactions.js';

export const features: ReadonlyMap<string, FeatureModule> = new Map(
  [chat, poll, presence, qa, quiz, reactions].map((feature) => [feature.name, feature]),
);
