/** The feature registry: adding a feature is one line here. */
import type { FeatureModule } from './feature.js';
import { chat } from './chat.js';
import { poll } from './poll.js';
import { presence } from './presence.js';
import { qa } from './qa.js';
import { quiz } from './quiz.js';
import { reactions } from './reactions.js';

/** The core routes ops by name: it sees every feature through the contract's untyped form. */
const modules = [chat, poll, presence, qa, quiz, reactions] as unknown as FeatureModule[];

export const features: ReadonlyMap<string, FeatureModule> = new Map(
  modules.map((feature) => [feature.name, feature]),
);
