// `npm run test:reliability`: only the suites against a real n8n under load, faults and bad
// input (test/reliability/*.test.mts; `npm test` runs them too, at their default sizes, which
// R1_VALID, R2_EVENTS, R3_CYCLES and R5_ITEMS change), one file at a time: each boots its own n8n, and
// two at once would skew each other on a 2-core machine.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'test', 'reliability');
const only = process.argv.slice(2);
const files = readdirSync(dir)
	.filter((name) => name.endsWith('.test.mts'))
	.filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
	.sort()
	.map((name) => join('test', 'reliability', name));
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
	{ cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
