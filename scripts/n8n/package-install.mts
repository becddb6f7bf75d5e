// Puts the package into n8n's community-package folder with the very command the README gives
// users who install from a clone (README, "From a clone"): `npm pack`, then `npm install --prefix
// ~/.n8n/nodes ./<tarball> --legacy-peer-deps`, where `~` is the user folder. The suites thus load
// what a user's command installs; test/unit/install-docs.test.mts holds the README to these
// commands. `--legacy-peer-deps` keeps npm from installing n8n-workflow, the peer dependency,
// beside the package: its `require('n8n-workflow')` then finds n8n's copy through the NODE_PATH
// n8n sets at boot, as on a user's instance. A symlink to the repository would instead resolve
// to the repository's devDependency copy, whose error classes n8n does not recognise.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

import { run } from './run.mts';

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
	/** Bytes of the tarball, what a user downloads. */
	size: number;
	files: number;
}

/** What the README runs in a clone to make the tarball (after `npm ci && npm run build`). */
export const PACK_COMMAND = ['npm', 'pack'] as const;

/**
 * The README's command that installs `spec` (the registry's package name, or a tarball) where
 * n8n looks for community packages: `<home>/.n8n/nodes`, `home` being `~`, the container's
 * `/home/node`, or a test's user folder (n8n's N8N_USER_FOLDER). `--prefix` rather than `cd`:
 * from a folder without a package.json, npm installs into the nearest parent folder that has one.
 */
export function installCommand(spec: string, home = '~'): [command: string, ...args: string[]] {
	return ['npm', 'install', '--prefix', `${home}/.n8n/nodes`, spec, '--legacy-peer-deps'];
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
	const [command, ...args] = PACK_COMMAND;
	// These flags say only where the tarball goes and how npm reports it.
	const output = await run(
		command,
		[...args, '--json', '--pack-destination', destination, '--loglevel=error'],
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

/** Installs the tarball into `<userFolder>/.n8n/nodes`; returns the installed package's folder. */
export async function installPacked(
	userFolder: string,
	packed: PackedPackage,
	env: NodeJS.ProcessEnv,
): Promise<string> {
	const [command, ...args] = installCommand(`./${basename(packed.tarball)}`, userFolder);
	await run(command, args, {
		cwd: dirname(packed.tarball),
		// What npm reports and whom it asks about advisories, not what it installs.
		env: {
			...env,
			npm_config_audit: 'false',
			npm_config_fund: 'false',
			npm_config_loglevel: 'error',
		},
		capture: true,
	});
	return join(userFolder, '.n8n', 'nodes', 'node_modules', packed.name);
}

export function removePacked(packed: PackedPackage): void {
	rmSync(resolve(packed.tarball, '..'), { recursive: true, force: true });
}
