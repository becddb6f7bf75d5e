// Debian packages the scripts need on a clean machine (CI's), installed with apt-get when missing.
import { tmpdir } from 'node:os';

import { cleanEnv, run } from './run.mts';

export interface DebianPackage {
	name: string;
	installed: () => boolean;
}

/** Installs the packages that are not there yet; `purpose` names what needs them in errors. */
export async function ensureDebianPackages(
	purpose: string,
	packages: DebianPackage[],
): Promise<void> {
	const missing = packages.filter((pkg) => !pkg.installed()).map((pkg) => pkg.name);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(
			`${purpose} needs ${missing.join(' and ')}: install them (apt-get install ${missing.join(' ')})`,
		);
	}
	const env = cleanEnv({ DEBIAN_FRONTEND: 'noninteractive' });
	process.stderr.write(`[${purpose}] apt-get install ${missing.join(' ')}\n`);
	await run('apt-get', ['update', '-qq'], { cwd: tmpdir(), env });
	await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
		cwd: tmpdir(),
		env,
	});
}
