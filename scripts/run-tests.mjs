// Runs every test file under test/ with Node's own runner and tsx, so the
// closing summary is node:test's. Node 20 has no glob support in --test.
// Arguments: path prefixes to run only some files, and `--n8n VERSION` to run against that n8n
// release instead of the pinned one (installed into its own cache folder on first use);
// `--n8n oldest` is the oldest supported release (scripts/n8n/versions.json).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const versionAt = args.indexOf('--n8n');
const asked = versionAt >= 0 ? args.splice(versionAt, 2)[1] : undefined;
if (versionAt >= 0 && !asked) {
	console.error('usage: --n8n VERSION (e.g. --n8n 2.20.12) or --n8n oldest');
	process.exit(2);
}
const versions = JSON.parse(readFileSync(join(root, 'scripts', 'n8n', 'versions.json'), 'utf8'));
const version = asked === 'oldest' ? versions.oldestSupported : asked;
if (version) console.error(`n8n ${version}${asked === 'oldest' ? ' (the oldest supported)' : ''}`);
const only = args;

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
	{
		cwd: root,
		stdio: 'inherit',
		env: version ? { ...process.env, CONVERSA_N8N_VERSION: version } : process.env,
	},
);
process.exit(result.status ?? 1);
