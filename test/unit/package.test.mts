import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { pkg, root } from '../harness/package.mts';

// Dependencies, license and the other rules of n8n's verification: verification.test.mts.
describe('the shipped package', () => {
	it('is a community node package: its keyword, strict mode, API version 1, files built', () => {
		assert.ok(pkg.name.startsWith('n8n-nodes-'));
		assert.ok(pkg.keywords.includes('n8n-community-node-package'));
		assert.equal(pkg.n8n.n8nNodesApiVersion, 1);
		assert.equal(pkg.n8n.strict, true);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			assert.ok(existsSync(join(root, file)), `${file} is listed but not built`);
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
		assert.ok(paths.includes('dist/nodes/trigger/signature.js'));
	});
});
