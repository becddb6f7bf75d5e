import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

describe('the shipped package', () => {
	it('has no runtime dependencies and only n8n-workflow as a peer', () => {
		assert.equal(pkg.dependencies, undefined);
		assert.deepEqual(pkg.peerDependencies, { 'n8n-workflow': '*' });
		assert.ok(pkg.keywords.includes('n8n-community-node-package'));
		assert.equal(pkg.license, 'MIT');
	});

	it('lists built files that exist, in strict mode on API version 1', () => {
		assert.equal(pkg.n8n.n8nNodesApiVersion, 1);
		assert.equal(pkg.n8n.strict, true);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			assert.ok(existsSync(new URL(file, root)), `${file} is listed but not built`);
		}
	});

	it('packs dist only: no sandbox, tests, benchmarks or sources', () => {
		const [report] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		);
		const paths: string[] = report.files.map((file: { path: string }) => file.path);
		const outside = paths.filter(
			(path) => !path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE.md'].includes(path),
		);
		assert.deepEqual(outside, []);
		assert.ok(!paths.some((path) => /sandbox|\.test\.|bench\//.test(path)));
		assert.ok(paths.includes('dist/nodes/shared/signature.js'));
	});
});
