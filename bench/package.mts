// P5, the package: what users download (tarball size), what it drags in (runtime
// dependencies, must be 0) and what it costs n8n to load. Prints figures; asserts nothing.
//   node --import tsx bench/package.mts [--rounds N] [--startup-rounds N]
// Load time is measured two ways, side by side: n8n's own loader (n8n-core's
// scanDirectoryForPackages + loadAll, under n8n's Node 24) on this package and on the bench's
// no-op package, in fresh processes taken in turn; and n8n's startup to readiness with the
// package loaded and with community packages switched off, in turn.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { ensureN8n } from '../scripts/n8n/install.mts';
import { installPacked, packPackage, removePacked } from '../scripts/n8n/package-install.mts';
import { cleanEnv } from '../scripts/n8n/run.mts';
import { noopPackageDir, otherN8nServers, packageDir, startBenchN8n } from './n8n.mts';
import { median } from './median.mts';

const probe = fileURLToPath(new URL('./fixtures/load-probe.cjs', import.meta.url));
/** What node code may require at runtime: n8n provides the first, Node the rest. */
const ALLOWED_RUNTIME = /^(n8n-workflow|node:[a-z_/]+|crypto)$/;

export interface PackageBenchResult {
	tarballBytes: number;
	unpackedBytes: number;
	files: number;
	dependencies: number;
	foreignRequires: string[];
	installedModules: string[];
	load: { oursMs: number; noopMs: number; nodes: number; credentials: number; firstUseMs: number };
	startup?: { withMs: number[]; withoutMs: number[]; rounds: number; othersRunning: boolean };
}

interface PackDryRun {
	size: number;
	unpackedSize: number;
	entryCount: number;
}

function packDryRun(): PackDryRun {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], {
		cwd: packageDir,
		env: cleanEnv(),
		encoding: 'utf8',
	});
	const [result] = JSON.parse(output) as PackDryRun[];
	if (!result) throw new Error('npm pack --dry-run printed nothing');
	return result;
}

function jsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return jsFiles(path);
		return entry.name.endsWith('.js') ? [path] : [];
	});
}

/** Every module the built code requires that is neither relative nor provided by n8n or Node. */
function foreignRequires(): string[] {
	const found = new Set<string>();
	const dist = join(packageDir, 'dist');
	for (const file of jsFiles(dist)) {
		for (const match of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
			const name = match[1] ?? '';
			if (!name.startsWith('.') && !ALLOWED_RUNTIME.test(name)) {
				found.add(`${name} (${relative(packageDir, file)})`);
			}
		}
	}
	return [...found];
}

interface ProbeResult {
	packages: string[];
	nodes: number;
	credentials: number;
	scanMs: number;
	loadAllMs: number;
	firstUseMs: number;
}

/** A user folder holding only one installed package, as the README's install command leaves it. */
async function installAlone(dir: string): Promise<{ folder: string; modules: string }> {
	const folder = mkdtempSync(join(tmpdir(), 'conversa-bench-load-'));
	const env = cleanEnv();
	const packed = await packPackage(dir, env);
	try {
		await installPacked(folder, packed, env);
	} finally {
		removePacked(packed);
	}
	return { folder, modules: join(folder, '.n8n', 'nodes', 'node_modules') };
}

async function loadTimes(rounds: number): Promise<PackageBenchResult['load'] & { installedModules: string[] }> {
	const { paths } = await ensureN8n();
	const n8nPackage = join(paths.n8nDir, 'node_modules', 'n8n');
	const ours = await installAlone(packageDir);
	const noop = await installAlone(noopPackageDir);
	const runProbe = (target: { folder: string; modules: string }): ProbeResult => {
		const output = execFileSync(paths.nodeBin, [probe, n8nPackage, target.modules], {
			env: {
				...cleanEnv(),
				N8N_USER_FOLDER: target.folder,
				N8N_LOG_LEVEL: 'silent',
				// As n8n sets it at boot: installed packages find n8n's own n8n-workflow.
				NODE_PATH: join(paths.n8nDir, 'node_modules'),
			},
			encoding: 'utf8',
		});
		return JSON.parse(output) as ProbeResult;
	};
	try {
		const oursRuns: ProbeResult[] = [];
		const noopRuns: ProbeResult[] = [];
		for (let round = 0; round < rounds; round++) {
			oursRuns.push(runProbe(ours));
			noopRuns.push(runProbe(noop));
		}
		const total = (r: ProbeResult) => r.scanMs + r.loadAllMs;
		const first = oursRuns[0];
		if (!first || first.nodes === 0) throw new Error('n8n loaded no node from the package');
		return {
			oursMs: median(oursRuns.map(total)),
			noopMs: median(noopRuns.map(total)),
			nodes: first.nodes,
			credentials: first.credentials,
			firstUseMs: median(oursRuns.map((r) => r.firstUseMs)),
			installedModules: readdirSync(join(ours.modules, 'n8n-nodes-conversa')).includes('node_modules')
				? readdirSync(join(ours.modules, 'n8n-nodes-conversa', 'node_modules'))
				: [],
		};
	} finally {
		rmSync(ours.folder, { recursive: true, force: true });
		rmSync(noop.folder, { recursive: true, force: true });
	}
}

/** n8n's start to readiness with the package loaded, and with community packages off, in turn. */
async function startupTimes(rounds: number): Promise<NonNullable<PackageBenchResult['startup']>> {
	const withMs: number[] = [];
	const withoutMs: number[] = [];
	let othersRunning = false;
	for (let round = 0; round < rounds; round++) {
		for (const loaded of [true, false]) {
			othersRunning ||= otherN8nServers().length > 0;
			const bench = await startBenchN8n({
				env: loaded ? {} : { N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'true' },
			});
			try {
				const types = await bench.n8n.nodeTypes();
				const has = types.includes('n8n-nodes-conversa.broteTrigger');
				if (has !== loaded) throw new Error(`package ${has ? 'loaded' : 'missing'} against the setting`);
				(loaded ? withMs : withoutMs).push(bench.n8n.timings.readyMs);
			} finally {
				await bench.stop();
			}
		}
	}
	return { withMs, withoutMs, rounds, othersRunning };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function run(options: { rounds?: number; startupRounds?: number } = {}): Promise<PackageBenchResult> {
	const pack = packDryRun();
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<
		string,
		Record<string, string> | undefined
	>;
	const dependencies =
		Object.keys(manifest.dependencies ?? {}).length +
		Object.keys(manifest.optionalDependencies ?? {}).length +
		Object.keys(manifest.bundleDependencies ?? {}).length;
	const foreign = foreignRequires();
	const { installedModules, ...load } = await loadTimes(options.rounds ?? 5);
	const startupRounds = options.startupRounds ?? 0;
	const startup = startupRounds > 0 ? await startupTimes(startupRounds) : undefined;

	console.log('\nPackage (P5)');
	console.log(
		`  tarball ${kib(pack.size)} (${pack.size} B), unpacked ${kib(pack.unpackedSize)}, ${pack.entryCount} files (npm pack --dry-run --json)`,
	);
	console.log(
		`  runtime dependencies: ${dependencies} declared; ${foreign.length} foreign requires in dist${foreign.length ? `: ${foreign.join(', ')}` : ''};` +
			` node_modules after n8n's install steps: ${installedModules.length ? installedModules.join(', ') : 'none'}`,
	);
	console.log(
		`  n8n's loader (scan + loadAll, median of ${options.rounds ?? 5} fresh processes, Node 24, n8n-core of n8n 2.41.1):` +
			` ${load.oursMs.toFixed(1)} ms for ${load.nodes} nodes + ${load.credentials} credentials vs ${load.noopMs.toFixed(1)} ms for the 1-node no-op package` +
			` (+${(load.oursMs - load.noopMs).toFixed(1)} ms); first use of all nodes ${load.firstUseMs.toFixed(2)} ms`,
	);
	if (startup) {
		const seconds = (list: number[]) => list.map((ms) => (ms / 1000).toFixed(2)).join(', ');
		const difference = median(startup.withMs) - median(startup.withoutMs);
		console.log(
			`  n8n start to readiness, ${startup.rounds} alternating rounds: with the package ${seconds(startup.withMs)} s;` +
				` with N8N_COMMUNITY_PACKAGES_PREVENT_LOADING=true ${seconds(startup.withoutMs)} s;` +
				` difference of medians ${(difference / 1000).toFixed(2)} s` +
				(startup.othersRunning ? ' (another n8n was running on this machine meanwhile)' : ''),
		);
	}
	return {
		tarballBytes: pack.size,
		unpackedBytes: pack.unpackedSize,
		files: pack.entryCount,
		dependencies,
		foreignRequires: foreign,
		installedModules,
		load,
		startup,
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { values } = parseArgs({
		options: { rounds: { type: 'string', default: '5' }, 'startup-rounds': { type: 'string', default: '2' } },
	});
	await run({ rounds: Number(values.rounds), startupRounds: Number(values['startup-rounds']) });
}
