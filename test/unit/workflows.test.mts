// The GitHub Actions workflows cannot run here. This checks that they are workflows GitHub would
// accept, that they hold what n8n requires of a publish (a version tag, an OIDC token for the
// provenance statement, provenance on), and runs or resolves every part of them that can run
// locally: the npm scripts they call, the modules they import, the tag check, the publish guard.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { parse } from 'yaml';

import { pkg, root } from '../harness/package.mts';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, string | number | boolean>;
	env?: Record<string, string>;
	[key: string]: unknown;
}

interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	steps: Step[];
	[key: string]: unknown;
}

interface Workflow {
	name?: string;
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
	[key: string]: unknown;
}

const workflowsDir = join(root, '.github', 'workflows');

function load(file: string): Workflow {
	// `yaml` parses YAML 1.2, as GitHub does: `on` stays a string key, not `true`.
	return parse(readFileSync(join(workflowsDir, file), 'utf8'), { uniqueKeys: true }) as Workflow;
}

const workflowFiles = readdirSync(workflowsDir).sort();
const ci = load('ci.yml');
const publish = load('publish.yml');

function steps(workflow: Workflow): Step[] {
	return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

function stepNamed(workflow: Workflow, pattern: RegExp): Step {
	const step = steps(workflow).find((s) => pattern.test(s.name ?? ''));
	assert.ok(step, `no step named like ${pattern}`);
	return step;
}

/** Every string in a parsed YAML value. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

function runLines(workflow: Workflow): string[] {
	return steps(workflow).flatMap((step) => (step.run ? step.run.split('\n') : []));
}

/** The package.json scripts a shell line runs: `npm run <name>`, `npm test`, `npm start`... */
function npmScripts(line: string): string[] {
	const scripts: string[] = [];
	for (const [, command, script] of line.matchAll(
		/\bnpm\s+(run|run-script|test|t|start|stop|restart)\b(?:\s+([\w:.-]+))?/g,
	)) {
		if (command === 'run' || command === 'run-script') scripts.push(script!);
		else scripts.push(command === 't' ? 'test' : command!);
	}
	return scripts;
}

// The keys GitHub's workflow syntax allows at each level, and its permission scopes.
const words = (text: string) => text.trim().split(/\s+/);
const TOP_LEVEL = words('name run-name on permissions env defaults concurrency jobs');
const JOB_KEYS = words(`
	name needs if runs-on permissions environment concurrency outputs env defaults steps
	timeout-minutes strategy continue-on-error container services`);
const STEP_KEYS = words(`
	id if name uses run with env shell working-directory continue-on-error timeout-minutes`);
const PERMISSION_SCOPES = words(`
	actions attestations checks contents deployments id-token issues discussions packages pages
	pull-requests repository-projects security-events statuses models`);

describe('GitHub Actions workflows', () => {
	it('each parse as a valid workflow, ci.yml and publish.yml among them', () => {
		assert.ok(workflowFiles.includes('ci.yml') && workflowFiles.includes('publish.yml'));
		for (const file of workflowFiles) {
			assert.match(file, /\.ya?ml$/);
			const workflow = load(file);
			assert.equal(typeof workflow.name, 'string', `${file}: name`);
			for (const key of Object.keys(workflow))
				assert.ok(TOP_LEVEL.includes(key), `${file}: ${key}`);
			assert.ok(workflow.on && typeof workflow.on === 'object', `${file}: on`);
			assert.ok(Object.keys(workflow.jobs).length > 0, `${file}: jobs`);
			for (const [id, job] of Object.entries(workflow.jobs)) {
				for (const key of Object.keys(job))
					assert.ok(JOB_KEYS.includes(key), `${file} ${id}: ${key}`);
				assert.match(job['runs-on'], /^ubuntu-/, `${file} ${id}: runs-on`);
				for (const [scope, level] of Object.entries({
					...workflow.permissions,
					...job.permissions,
				})) {
					assert.ok(PERMISSION_SCOPES.includes(scope), `${file} ${id}: permission ${scope}`);
					assert.ok(['read', 'write', 'none'].includes(level), `${file} ${id}: ${scope}: ${level}`);
				}
				assert.ok(Array.isArray(job.steps) && job.steps.length > 0, `${file} ${id}: steps`);
				for (const step of job.steps) {
					const label = `${file} ${id}: ${step.name ?? step.uses ?? step.run}`;
					for (const key of Object.keys(step))
						assert.ok(STEP_KEYS.includes(key), `${label}: ${key}`);
					assert.ok(
						(step.uses === undefined) !== (step.run === undefined),
						`${label}: uses or run`,
					);
					if (step.uses) assert.match(step.uses, /^[\w.-]+\/[\w.-]+@v\d+$/, label);
					for (const text of strings(step)) {
						assert.match(text, /^(?:[^$]|\$(?!\{\{)|\$\{\{[^}]*\}\})*$/, `${label}: \${{ }}`);
					}
				}
			}
		}
	});

	it('CI runs .ci/run on push and pull_request, on Node 20 with PostgreSQL and Redis at hand', () => {
		assert.ok('push' in ci.on && 'pull_request' in ci.on);
		const setup = steps(ci).find((s) => s.uses?.startsWith('actions/setup-node@'));
		assert.equal(setup?.with?.['node-version'], 20);
		assert.ok(steps(ci).some((s) => s.uses?.startsWith('actions/checkout@')));
		// .ci/run runs as the runner user: the packages its queue-mode suites would otherwise
		// install as root come first, through sudo.
		const lines = runLines(ci);
		assert.ok(
			lines.some((l) => /^sudo .*apt-get install .*\bpostgresql\b.*\bredis-server\b/.test(l)),
		);
		assert.deepEqual(
			steps(ci)
				.filter((s) => s.run?.includes('.ci/run'))
				.map((s) => s.run?.trim()),
			['.ci/run'],
		);
		accessSync(join(root, '.ci', 'run'), constants.X_OK);
	});

	it('Publish runs on version tags only, with an OIDC token and provenance', () => {
		assert.deepEqual(Object.keys(publish.on), ['push']);
		assert.deepEqual(publish.on.push, { tags: ['v*.*.*'] });
		const [job] = Object.values(publish.jobs);
		assert.deepEqual(
			{ ...publish.permissions, ...job!.permissions },
			{
				'id-token': 'write',
				contents: 'read',
			},
		);
		const setup = steps(publish).find((s) => s.uses?.startsWith('actions/setup-node@'));
		assert.equal(setup?.with?.['node-version'], 20);
		assert.equal(setup?.with?.['registry-url'], 'https://registry.npmjs.org');

		const release = stepNamed(publish, /publish with provenance/);
		assert.equal(release.run?.trim(), 'npm run release');
		assert.equal(release.env?.NODE_AUTH_TOKEN, '${{ secrets.NPM_TOKEN }}');
		assert.equal(release.env?.NPM_CONFIG_PROVENANCE, 'true');
		assert.equal(release.env?.NPM_CONFIG_ACCESS, 'public');
		// The release script is n8n-node's, and that version publishes with provenance itself.
		assert.equal(pkg.scripts.release, 'n8n-node release');
		const cli = readFileSync(
			join(root, 'node_modules', '@n8n', 'node-cli', 'dist', 'commands', 'release.js'),
			'utf8',
		);
		assert.match(cli, /NPM_CONFIG_PROVENANCE: 'true'/);
		assert.match(cli, /RELEASE_MODE: 'true'/);
		// Lint and build come from the release command; the unit tests run before it.
		const names = steps(publish).map((s) => s.name ?? s.uses);
		const order = [
			/tag is v/,
			/Install dependencies/,
			/Unit tests/,
			/npm run release/,
			/serves the version/,
		];
		const positions = order.map((pattern) => names.findIndex((n) => pattern.test(n ?? '')));
		assert.ok(
			positions.every((p) => p >= 0),
			`steps: ${names.join(', ')}`,
		);
		assert.deepEqual(
			[...positions].sort((a, b) => a - b),
			positions,
		);
	});

	it('call only npm scripts that package.json has, and .ci/run does too', () => {
		const lines = [
			...runLines(ci),
			...runLines(publish),
			...readFileSync(join(root, '.ci', 'run'), 'utf8').split('\n'),
		];
		const called = [...new Set(lines.flatMap(npmScripts))].sort();
		assert.deepEqual(called, ['build', 'lint', 'release', 'test', 'test:compat', 'typecheck']);
		for (const script of called) assert.ok(pkg.scripts[script], `no script "${script}"`);
		// `npm test -- <paths>` narrows the run to test files under those paths.
		for (const line of lines) {
			for (const [, paths] of line.matchAll(/\bnpm test -- ([^;&|]+)/g)) {
				for (const path of paths!.trim().split(/\s+/))
					assert.ok(existsSync(join(root, path)), path);
			}
		}
	});

	it('import only modules that resolve here, with the names they use', async () => {
		const imports = [...runLines(publish), ...runLines(ci)].flatMap((line) => [
			...line.matchAll(/import \{([^}]+)\} from '([^']+)'/g),
		]);
		assert.ok(imports.length > 0);
		for (const [, names, specifier] of imports) {
			const module = (await import(specifier!)) as Record<string, unknown>;
			for (const name of names!.split(',').map((n) => n.trim())) {
				assert.equal(typeof module[name], 'function', `${specifier} exports no ${name}`);
			}
		}
	});

	it("the tag check passes v + package.json's version and stops any other tag", () => {
		const check = stepNamed(publish, /tag is v/).run!;
		const run = (tag: string) =>
			spawnSync('bash', ['-e', '-c', check], {
				cwd: root,
				env: { ...process.env, GITHUB_REF_NAME: tag },
				encoding: 'utf8',
			});
		assert.equal(run(`v${pkg.version}`).status, 0);
		for (const tag of [pkg.version, `v${pkg.version}.1`, 'v99.0.0']) {
			const result = run(tag);
			assert.equal(result.status, 1, tag);
			assert.match(result.stdout, new RegExp(`::error::tag ${tag.replace(/\./g, '\\.')} `));
		}
	});
});

describe("the publish workflow's provenance check, against a local stand-in for the registry", () => {
	const step = stepNamed(publish, /serves the version with provenance/).run!;
	// The inline script as bash hands it to node: it holds no dollar sign, backslash, backquote
	// or double quote, so bash passes the text between the double quotes on unchanged.
	const script = /node --input-type=module -e "([^"]*)"/.exec(step)?.[1];
	const attested = { provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
	const packuments: Record<string, unknown> = {
		'/with-provenance': { versions: { '1.2.3': { dist: { attestations: attested } } } },
		'/without-provenance': { versions: { '1.2.3': { dist: {} } } },
	};
	let server: Server;
	let registry: string;

	before(async () => {
		server = createServer((request, response) => {
			const packument = packuments[request.url ?? ''];
			response.writeHead(packument ? 200 : 404, { 'content-type': 'application/json' });
			response.end(JSON.stringify(packument ?? { error: 'not found' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	});
	after(() => new Promise<void>((resolve) => server.close(() => resolve())));

	async function check(name: string) {
		assert.ok(script && !/[$\\`]/.test(script), 'inline script not found, or not plain');
		const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
			cwd: root,
			env: {
				...process.env,
				PACKAGE_NAME: name,
				PACKAGE_VERSION: '1.2.3',
				NPM_REGISTRY_URL: registry,
			},
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		const [code] = (await once(child, 'close')) as [number];
		return { code, output };
	}

	it('passes a version published with provenance', async () => {
		assert.deepEqual(await check('with-provenance'), {
			code: 0,
			output: 'published with provenance\n',
		});
	});

	it('stops at a version without provenance, or one the registry does not serve yet', async () => {
		const without = await check('without-provenance');
		assert.equal(without.code, 1);
		assert.match(without.output, /not published with npm provenance/);
		const missing = await check('not-published-yet');
		assert.equal(missing.code, 1);
		assert.match(missing.output, /No package metadata found for version 1\.2\.3/);
	});
});

describe('release scripts', () => {
	const n8nNode = join(root, 'node_modules', '.bin', 'n8n-node');

	it("are the n8n starter's: release publishes, prepublishOnly guards npm publish", () => {
		assert.equal(pkg.scripts.release, 'n8n-node release');
		assert.equal(pkg.scripts.prepublishOnly, 'n8n-node prerelease');
	});

	it('the guard stops a publish outside a release and lets the release through', () => {
		const env = { ...process.env };
		delete env.RELEASE_MODE;
		const outside = spawnSync(n8nNode, ['prerelease'], { cwd: root, env, encoding: 'utf8' });
		assert.equal(outside.status, 1);
		assert.match(outside.stdout, /npm run release/);
		const release = spawnSync(n8nNode, ['prerelease'], {
			cwd: root,
			env: { ...env, RELEASE_MODE: 'true' },
		});
		assert.equal(release.status, 0);
	});

	it('npm pack still works with scripts on: the guard runs on publish, not on pack', () => {
		const [report] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], {
				cwd: root,
				encoding: 'utf8',
				env: { ...process.env, RELEASE_MODE: '' },
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		);
		assert.equal(report.name, pkg.name);
		assert.ok(report.entryCount > 0);
	});
});
