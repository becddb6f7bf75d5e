import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

// n8n's own verification scanner, run locally: it lints the source with its full rule set and
// the packed tarball's compiled JavaScript, which also catches a stale or foreign `dist`.
const root = new URL('../../', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'conversa-scan-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe("n8n's community package scanner", () => {
	it('passes the source', async () => {
		const result = await analyzePackage(root, SOURCE_FILE_PATTERNS);
		assert.equal(result.passed, true, `${result.message}\n${result.details ?? ''}`);
	});

	it('passes the packed tarball', async () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		);
		execFileSync('tar', ['xzf', join(scratch, packed.filename), '-C', scratch]);
		const result = await analyzePackage(join(scratch, 'package'), ['**/*.js', 'package.json']);
		assert.equal(result.passed, true, `${result.message}\n${result.details ?? ''}`);
	});
});
