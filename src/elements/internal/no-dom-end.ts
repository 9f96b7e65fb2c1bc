/** The end of `no-dom.ts`'s window: imported last by a public entry, once Lit has loaded. */
import { removeStandIns } from './no-dom.js';

removeStandIns();
