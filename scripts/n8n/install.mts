// Installs Node 24 and the pinned n8n into the cache folder once; later calls reuse it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { N8N_VERSION, NODE_VERSION, cacheRoot, n8nPaths, type N8nPaths } from './paths.mts';
import { cleanEnv, run } from './run.mts';

export interface InstallReport {
	paths: N8nPaths;
	reused: boolean;
	seconds: number;
	size: string;
}

const log = (line: string) => process.stderr.write(`[n8n install] ${line}\n`);

function isComplete(paths: N8nPaths): boolean {
	if (!existsSync(paths.marker)) return false;
	const marker = JSON.parse(readFileSafe(paths.marker) || '{}') as { n8n?: string; node?: string };
	return marker.n8n === N8N_VERSION && marker.node === NODE_VERSION;
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

// Several e2e files may ask for n8n at once; only one of them may install.
async function acquireLock(lock: string, paths: N8nPaths): Promise<boolean> {
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			return true;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const owner = Number(readFileSafe(join(lock, 'pid')));
		if (owner && !pidAlive(owner)) {
			rmSync(lock, { recursive: true, force: true });
			continue;
		}
		if (isComplete(paths)) return false;
		await sleep(2000);
	}
}

function readFileSafe(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return '';
	}
}

async function diskUsage(path: string): Promise<string> {
	const output = await run('du', ['-sh', path], { cwd: dirname(path), env: process.env, capture: true });
	return output.split(/\s/)[0] ?? '?';
}

async function installInto(paths: N8nPaths): Promise<void> {
	// n8n's tree prints hundreds of peer-dependency warnings; errors still show.
	const npmFlags = ['--no-audit', '--no-fund', '--loglevel=error'];
	mkdirSync(paths.nodeDir, { recursive: true });
	mkdirSync(paths.n8nDir, { recursive: true });
	writeFileSync(join(paths.nodeDir, 'package.json'), '{ "private": true }\n');
	// n8n-nodes-base before 2.41 depends on xlsx as a tarball from a CDN this machine cannot
	// reach; n8n 2.41 itself moved to this registry copy of the same release.
	writeFileSync(
		join(paths.n8nDir, 'package.json'),
		`${JSON.stringify({ private: true, overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' } }, null, 2)}\n`,
	);

	log(`npm install node@${NODE_VERSION}`);
	// The node package places its binary from a preinstall script, so scripts stay on here.
	await run('npm', ['install', `node@${NODE_VERSION}`, '--ignore-scripts=false', ...npmFlags], {
		cwd: paths.nodeDir,
		env: cleanEnv(),
	});
	const version = (await run(paths.nodeBin, ['--version'], { cwd: paths.nodeDir, env: cleanEnv(), capture: true })).trim();
	if (version !== `v${NODE_VERSION}`) throw new Error(`expected Node ${NODE_VERSION}, got ${version}`);

	// Node 24 first on PATH, so npm itself and every native build run under it.
	const node24Env = cleanEnv({ PATH: `${dirname(paths.nodeBin)}:${process.env.PATH ?? ''}` });
	log(`npm install n8n@${N8N_VERSION} --omit=dev --ignore-scripts`);
	// Scripts off: an optional Kafka client would build librdkafka from downloaded sources.
	await run('npm', ['install', `n8n@${N8N_VERSION}`, '--omit=dev', '--ignore-scripts', ...npmFlags], {
		cwd: paths.n8nDir,
		env: node24Env,
	});

	log('npm rebuild sqlite3 (compiles from source against Node 24 headers)');
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', ...npmFlags], {
		cwd: paths.n8nDir,
		env: {
			...node24Env,
			// The user npmrc points nodedir at Node 20's headers.
			npm_config_nodedir: paths.nodeHeaders,
			// Skips prebuild-install's download attempt, which cannot reach GitHub here.
			npm_config_build_from_source: 'true',
			JOBS: 'max',
		},
	});
	await run(paths.nodeBin, ['-e', "require('sqlite3')"], { cwd: paths.n8nDir, env: node24Env });
	const n8nVersion = (await run(paths.nodeBin, [paths.n8nBin, '--version'], {
		cwd: paths.n8nDir,
		env: node24Env,
		capture: true,
	})).trim();
	if (!n8nVersion.includes(N8N_VERSION)) throw new Error(`expected n8n ${N8N_VERSION}, got ${n8nVersion}`);
}

export async function ensureN8n(root: string = cacheRoot()): Promise<InstallReport> {
	const paths = n8nPaths(root);
	if (isComplete(paths)) return { paths, reused: true, seconds: 0, size: '' };

	mkdirSync(dirname(root), { recursive: true });
	const lock = `${root}.lock`;
	if (!(await acquireLock(lock, paths))) return { paths, reused: true, seconds: 0, size: '' };
	try {
		if (isComplete(paths)) return { paths, reused: true, seconds: 0, size: '' };
		const started = Date.now();
		// A half-finished earlier attempt is not trusted; it is rebuilt from scratch.
		rmSync(root, { recursive: true, force: true });
		const partial = `${root}.partial`;
		rmSync(partial, { recursive: true, force: true });
		log(`installing into ${root}`);
		const partialPaths = n8nPaths(partial);
		await installInto(partialPaths);
		const seconds = Math.round((Date.now() - started) / 1000);
		writeFileSync(
			partialPaths.marker,
			`${JSON.stringify({ n8n: N8N_VERSION, node: NODE_VERSION, seconds, installedAt: new Date().toISOString() }, null, 2)}\n`,
		);
		renameSync(partial, root);
		const size = await diskUsage(root);
		log(`done in ${seconds} s, ${size} on disk`);
		return { paths, reused: false, seconds, size };
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}
