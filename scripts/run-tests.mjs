// Runs every test file under test/ with Node's own runner and tsx, so the
// closing summary is node:test's. Node 20 has no glob support in --test.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function testFiles(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return testFiles(path);
		return entry.name.endsWith('.test.mts') ? [relative(root, path)] : [];
	});
}

const files = testFiles(join(root, 'test'))
	.filter((file) => only.length === 0 || only.some((prefix) => file.startsWith(prefix)))
	.sort();
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
	{ cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
