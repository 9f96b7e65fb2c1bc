/** The feature registry: adding a feature is one line here. */
import type { FeatureModule } from './feature.js';
import { chat } from './chat.js';

export const features: ReadonlyMap<string, FeatureModule> = new Map(
  [chat].map((feature) => [feature.name, feature]),
);
