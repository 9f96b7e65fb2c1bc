/**
 * Builds the `hubbub-relay` package (`packages/hubbub-relay/`, `npm run build:relay`): `server/`
 * and the wire contract it shares with the kit (`src/protocol/`) compiled by tsc to
 * `dist/server/` and `dist/src/protocol/`, with their types, so that the relay runs on plain
 * `node` (no TypeScript loader at run time, signals reach it directly). Also copies the LICENSE and
 * the CHANGELOG into the package.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const relay = join(root, 'packages', 'hubbub-relay');

rmSync(join(relay, 'dist'), { recursive: true, force: true });
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(relay, 'tsconfig.json')], {
  cwd: root,
  stdio: 'inherit',
});
for (const file of ['LICENSE', 'CHANGELOG.md']) copyFileSync(join(root, file), join(relay, file));
