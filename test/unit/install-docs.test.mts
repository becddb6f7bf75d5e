// The README's install commands are the ones the suites run (scripts/n8n/package-install.mts):
// what a user types from a clone is what the end-to-end tests load into n8n. Changing either
// without the other fails here. The second test runs that install for real, without n8n.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import {
	installCommand,
	installPacked,
	PACK_COMMAND,
	packPackage,
	removePacked,
} from '../../scripts/n8n/package-install.mts';
import { cleanEnv } from '../../scripts/n8n/run.mts';
import { shellCommands } from '../harness/markdown.mts';
import { pkg, root } from '../harness/package.mts';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const commands = shellCommands(readme).map((words) => words.join(' '));
const tarball = `${pkg.name}-${pkg.version}.tgz`;
const line = (words: readonly string[]) => words.join(' ');

describe("the README's install commands", () => {
	it('are the commands the suites run: from npm, from a clone, into a Docker container', () => {
		const fromClone = [
			'npm ci',
			'npm run build',
			line(PACK_COMMAND),
			line(installCommand(`./${tarball}`)),
		];
		const intoDocker = [
			`docker cp ${tarball} n8n:/tmp/`,
			line(['docker', 'exec', 'n8n', ...installCommand(`/tmp/${tarball}`, '/home/node')]),
			'docker restart n8n',
		];
		const fromNpm = line(installCommand(pkg.name));
		const missing = [fromNpm, ...fromClone, ...intoDocker].filter((c) => !commands.includes(c));
		assert.deepEqual(missing, [], `the README lacks:\n${missing.join('\n')}`);

		// In order, within one block: the tarball exists before it is installed.
		const at = (command: string) => commands.indexOf(command);
		for (let i = 1; i < fromClone.length; i++) {
			assert.equal(at(fromClone[i]!), at(fromClone[i - 1]!) + 1, fromClone[i]);
		}
		assert.ok(pkg.scripts.build, 'the README runs `npm run build`');

		// No other install into n8n's folder, which would be one the suites never ran.
		const installs = commands.filter((c) =>
			/^(docker exec \S+ )?npm (install|i) .*\.n8n\/nodes/.test(c),
		);
		const known = [fromNpm, fromClone[3], intoDocker[1]];
		assert.deepEqual(
			installs.filter((c) => !known.includes(c)),
			[],
		);
	});

	it('from a clone, install the package alone: no n8n-workflow beside it, listed in the folder', async () => {
		const userFolder = mkdtempSync(join(tmpdir(), 'conversa-install-docs-'));
		const env = cleanEnv();
		const packed = await packPackage(root, env);
		try {
			const installed = await installPacked(userFolder, packed, env);
			const nodesFolder = join(userFolder, '.n8n', 'nodes');
			assert.equal(installed, join(nodesFolder, 'node_modules', pkg.name));

			const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
				name: string;
				version: string;
			};
			assert.deepEqual([manifest.name, manifest.version], [pkg.name, pkg.version]);
			for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
				assert.ok(existsSync(join(installed, file)), `${file} not installed`);
			}

			// n8n-workflow is a peer: the nodes must find n8n's own copy, not one npm put here.
			const modules = readdirSync(join(nodesFolder, 'node_modules'), { withFileTypes: true })
				.filter((entry) => entry.isDirectory())
				.map((entry) => entry.name);
			assert.deepEqual(modules, [pkg.name]);
			assert.equal(existsSync(join(installed, 'node_modules')), false);

			// n8n reads this folder's package.json as its list of installed packages.
			const ledger = JSON.parse(readFileSync(join(nodesFolder, 'package.json'), 'utf8')) as {
				dependencies?: Record<string, string>;
			};
			assert.ok(
				ledger.dependencies?.[pkg.name],
				'the package is listed in ~/.n8n/nodes/package.json',
			);
		} finally {
			removePacked(packed);
			rmSync(userFolder, { recursive: true, force: true });
		}
	});
});
