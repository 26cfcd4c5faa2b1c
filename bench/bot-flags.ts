/**
 * The Node flags the bot runs with: package.json's `config.nodeFlags`, which `npm start` and
 * `npm run eval` pass to `node`, so the benches measure the bot as it is started.
 * Why a fixed 16 MB young generation (`--min-semi-space-size=16`): V8 starts it at 1 MB and,
 * as nearly everything a turn allocates dies young, rarely grows it, so it collected every
 * few turns; at 16 MB bench:load measured 5–15% more turns/s at the same peak RSS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../knowledge/load';

export function botNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(projectRoot(__dirname), 'package.json'), 'utf8')) as {
    config?: { nodeFlags?: string };
  };
  return (pkg.config?.nodeFlags ?? '').split(/\s+/).filter(Boolean);
}
