// Puts the package into n8n's community-package folder with the steps n8n's own installer
// (CommunityPackagesService.downloadPackage) takes for a registry package, from a tarball
// `npm pack` makes of the working tree instead of one downloaded from the registry:
// unpack into <userFolder>/.n8n/nodes/node_modules/<name>, drop the dev, peer and optional
// dependencies from its package.json, `npm install` there with n8n's flags, and record it in
// the folder's package.json. The copy has no node_modules of its own, so its
// `require('n8n-workflow')` finds n8n's copy through the NODE_PATH n8n sets at boot, as on a
// user's instance. A symlink to the repository would instead resolve to the repository's
// devDependency copy, whose error classes n8n does not recognise.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { run } from './run.mts';

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
	/** Bytes of the tarball, what a user downloads. */
	size: number;
	files: number;
}

interface PackJson {
	name: string;
	version: string;
	filename: string;
	size: number;
	entryCount: number;
}

/** `npm pack` of the package root: exactly the files the registry would serve. */
export async function packPackage(
	packageDir: string,
	env: NodeJS.ProcessEnv,
): Promise<PackedPackage> {
	const destination = mkdtempSync(join(tmpdir(), 'conversa-pack-'));
	const output = await run(
		'npm',
		['pack', '--json', '--pack-destination', destination, '--loglevel=error'],
		{
			cwd: resolve(packageDir),
			env,
			capture: true,
		},
	);
	const [packed] = JSON.parse(output) as PackJson[];
	if (!packed) throw new Error(`npm pack printed no result: ${output.slice(0, 500)}`);
	return {
		name: packed.name,
		version: packed.version,
		tarball: join(destination, packed.filename),
		size: packed.size,
		files: packed.entryCount,
	};
}

export async function installPacked(
	userFolder: string,
	packed: PackedPackage,
	env: NodeJS.ProcessEnv,
): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', packed.name);
	mkdirSync(packageDir, { recursive: true });
	await run('tar', ['-xzf', packed.tarball, '-C', packageDir, '--strip-components=1'], {
		cwd: nodesDir,
		env,
	});

	const manifestPath = join(packageDir, 'package.json');
	const {
		devDependencies: _dev,
		peerDependencies: _peer,
		optionalDependencies: _optional,
		...manifest
	} = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir, env, capture: true },
	);

	const ledgerPath = join(nodesDir, 'package.json');
	let ledger: { name?: string; private?: boolean; dependencies: Record<string, string> };
	try {
		ledger = JSON.parse(readFileSync(ledgerPath, 'utf8')) as typeof ledger;
	} catch {
		ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	}
	ledger.dependencies = { ...ledger.dependencies, [packed.name]: packed.version };
	writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
	return packageDir;
}

export function removePacked(packed: PackedPackage): void {
	rmSync(resolve(packed.tarball, '..'), { recursive: true, force: true });
}
