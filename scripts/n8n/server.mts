// Starts a real n8n (the pinned version, on Node 24) with this package installed the way
// users get community nodes, and hands back what tests and the demo need to drive it.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ensureN8n } from './install.mts';
import { LogFile } from './log-file.mts';
import { makeOwner } from './owner.mts';
import {
	installPacked,
	packPackage,
	removePacked,
	type PackedPackage,
} from './package-install.mts';
import { cacheRoot, n8nAtLeast, type N8nPaths } from './paths.mts';
import { freePort } from './ports.mts';
import { launch, type N8nProcess, type StopResult } from './process.mts';
import { cleanEnv, run } from './run.mts';
import { createApiKey, editorRequest, nodeTypeNames, ownerSession } from './session.mts';
import * as workflows from './workflows.mts';

export type {
	ActivateVia,
	CredentialInput,
	Execution,
	NodeRun,
	WorkflowJson,
} from './workflows.mts';
export { nodeOutput } from './workflows.mts';

export const PACKAGE_NAME = 'n8n-nodes-conversa';

/**
 * How the package reaches n8n. `tarball` (the default) is what users get: `npm pack`, then the
 * README's install command (see package-install.mts). `link` symlinks the package root, so the
 * nodes load the repository's dev copy of n8n-workflow, whose error classes n8n does not
 * recognise: for callers that install packages into their own user folder.
 */
export type PackageInstall = 'tarball' | 'link';

export interface StartOptions {
	/** Package root whose `dist` is built; installed as a community package. */
	packageDir: string;
	packageInstall?: PackageInstall;
	port?: number;
	/** Extra or overriding environment for the n8n process and its CLI. */
	env?: Record<string, string>;
	cacheDir?: string;
	readyTimeoutMs?: number;
	/** Mirror n8n's output to stderr as it comes (also on with CONVERSA_N8N_LOGS=1). */
	echo?: boolean;
	/** Keep the user folder (database, logs) after stop, for inspection. */
	keepUserFolder?: boolean;
}

export type { StopResult } from './process.mts';

export interface RestartResult {
	/** When the old process was sent SIGTERM: n8n still answers webhooks while it shuts down. */
	termAt: number;
	/** When the old process had exited, and when the new one answered readiness (epoch ms). */
	downAt: number;
	upAt: number;
	stopped: StopResult;
}

export interface N8nServer {
	url: string;
	port: number;
	/** The current n8n process (a restart changes it). */
	readonly pid: number;
	userFolder: string;
	apiKey: string;
	owner: { email: string; password: string };
	/** Where n8n loads the package from, and what `npm pack` made of it (tarball installs). */
	package: { dir: string; install: PackageInstall; tarballBytes?: number; files?: number };
	/** n8n's output so far, one entry a line; still readable after stop(). */
	readonly logs: string[];
	timings: { readyMs: number; apiKeyMs: number };
	cli(args: string[]): Promise<string>;
	/**
	 * Creates and publishes workflows; returns their ids. Either way n8n 2.x applies the
	 * publication in the background: wait for the webhook before sending to it.
	 */
	importAndActivate(list: workflows.WorkflowJson[], via?: workflows.ActivateVia): Promise<string[]>;
	deactivate(id: string, via?: workflows.ActivateVia): Promise<void>;
	waitForWebhook(path: string, method?: string, timeoutMs?: number): Promise<void>;
	waitForWebhookGone(path: string, method?: string, timeoutMs?: number): Promise<void>;
	executions(workflowId?: string): Promise<workflows.Execution[]>;
	/** Creates a credential through the public API (POST /api/v1/credentials); returns its id. */
	createCredential(credential: workflows.CredentialInput): Promise<string>;
	/** Any call to the public REST API, relative to /api/v1, with the API key. */
	api<T>(method: string, path: string, body?: unknown): Promise<T>;
	/** A call to the editor's REST API (relative to /rest) as the owner, as the editor makes it. */
	editor(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
	/** Every node type name the editor offers, e.g. `n8n-nodes-conversa.broteTrigger`. */
	nodeTypes(): Promise<string[]>;
	/** Resident memory of the main n8n process in bytes (Linux /proc), undefined once gone. */
	rssBytes(): number | undefined;
	/**
	 * Stops n8n (SIGTERM), waits `downMs` after it has exited, and starts it again on the same
	 * port, user folder, database and encryption key: what a deploy or a crash-restart does.
	 */
	restart(downMs?: number): Promise<RestartResult>;
	stop(timeoutMs?: number): Promise<StopResult>;
}

// n8n 2.x applies publications in the background: an API call wakes the consumer at
// once, the CLI's database write waits for the reconcile pass (default 10 s).
const RECONCILE_SECONDS = '2';

// A developer's shell may carry n8n settings; the test server must not pick them up.
function inheritedEnv(nodeBin: string): NodeJS.ProcessEnv {
	const env = cleanEnv();
	for (const key of Object.keys(env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$)/.test(key)) delete env[key];
	}
	env.PATH = `${dirname(nodeBin)}:${env.PATH ?? ''}`;
	env.NO_PROXY = ['127.0.0.1', 'localhost', env.NO_PROXY].filter(Boolean).join(',');
	return env;
}

function linkPackage(userFolder: string, packageDir: string): string {
	const modules = join(userFolder, '.n8n', 'nodes', 'node_modules');
	mkdirSync(modules, { recursive: true });
	symlinkSync(resolve(packageDir), join(modules, PACKAGE_NAME), 'dir');
	return join(modules, PACKAGE_NAME);
}

/**
 * Waits until each path under `url` answers 200 (by default n8n's readiness); fails at once if
 * the process exits. Before 2.20, readiness answers before the editor's REST API is mounted, so
 * callers that log in also wait for /rest/settings.
 */
export async function waitReady(
	url: string,
	child: ChildProcess,
	log: LogFile,
	timeoutMs: number,
	paths: string[] = ['/healthz/readiness'],
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`n8n exited during startup (${child.exitCode ?? child.signalCode}):\n${log.tail(40)}`,
			);
		}
		const statuses = await Promise.all(
			paths.map((path) =>
				fetch(`${url}${path}`)
					.then(async (response) => (await response.arrayBuffer(), response.status))
					.catch(() => 0),
			),
		);
		if (statuses.every((status) => status === 200)) return;
		await sleep(250);
	}
	throw new Error(`n8n not ready after ${timeoutMs} ms:\n${log.tail(40)}`);
}

function readRss(pid: number): number | undefined {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** What a main process must answer before the editor and the API can be used. */
export const MAIN_READY = ['/healthz/readiness', '/rest/settings'];

/** What every n8n process of one instance shares, whatever its role. */
export interface InstanceEnv {
	paths: N8nPaths;
	/** What the platforms call: n8n itself, or the proxy in front of its webhook processes. */
	publicUrl: string;
	encryptionKey: string;
	overrides?: Record<string, string>;
}

export async function processEnv(
	instance: InstanceEnv,
	userFolder: string,
	port: number,
): Promise<NodeJS.ProcessEnv> {
	return {
		...inheritedEnv(instance.paths.nodeBin),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `${instance.publicUrl}/`,
		N8N_EDITOR_BASE_URL: `${instance.publicUrl}/`,
		N8N_SECURE_COOKIE: 'false',
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: instance.encryptionKey,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		// Its boot calls n8n's servers. n8n 2.0 refuses to start on a module name it does not know.
		...(n8nAtLeast('2.41.0') ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// Several servers may run at once (parallel test files, queue-mode roles); the default
		// 5679 would clash.
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: RECONCILE_SECONDS,
		// Off by default in 2.41; on here, as hardened instances run it, with only the loopback
		// address (where the sandbox and the demo's receiver listen) let through.
		N8N_SSRF_PROTECTION_ENABLED: 'true',
		N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...instance.overrides,
	};
}

/** Puts the package into a user folder as `install` says; returns the folder n8n loads it from. */
export async function installPackage(
	userFolder: string,
	packageDir: string,
	install: PackageInstall,
	env: NodeJS.ProcessEnv,
	packed?: PackedPackage,
): Promise<string> {
	if (install === 'link') return linkPackage(userFolder, packageDir);
	if (packed) return await installPacked(userFolder, packed, env);
	const own = await packPackage(packageDir, env);
	try {
		return await installPacked(userFolder, own, env);
	} finally {
		removePacked(own);
	}
}

/** What a handle needs from the processes behind it. */
export interface Backend {
	url: string;
	port: number;
	userFolder: string;
	owner: { email: string; password: string };
	package: N8nServer['package'];
	readyMs: number;
	readonly pid: number;
	readonly logs: string[];
	logTail(count: number): string;
	cli(args: string[]): Promise<string>;
	restart(downMs?: number): Promise<RestartResult>;
	stop(timeoutMs?: number): Promise<StopResult>;
}

/** Logs in as the owner, makes an API key, and wraps the backend in the handle tests use. */
export async function connect(backend: Backend, started: number): Promise<N8nServer> {
	const { url } = backend;
	const session = await ownerSession(url, backend.owner);
	const apiKey = await createApiKey(session);
	const apiKeyMs = Date.now() - started;
	const context: workflows.WorkflowContext = {
		url,
		apiKey,
		scratchDir: backend.userFolder,
		cli: backend.cli,
	};
	const withLogTail = async (wait: Promise<void>): Promise<void> => {
		try {
			await wait;
		} catch (error) {
			throw new Error(`${(error as Error).message}\nn8n log tail:\n${backend.logTail(25)}`);
		}
	};
	return {
		url,
		port: backend.port,
		get pid() {
			return backend.pid;
		},
		userFolder: backend.userFolder,
		apiKey,
		owner: backend.owner,
		package: backend.package,
		get logs() {
			return backend.logs;
		},
		timings: { readyMs: backend.readyMs, apiKeyMs },
		cli: backend.cli,
		importAndActivate: (list, via = 'api') => workflows.importAndActivate(context, list, via),
		deactivate: (id, via = 'api') => workflows.deactivate(context, id, via),
		waitForWebhook: (path, method = 'POST', timeoutMs = 60_000) =>
			withLogTail(workflows.waitForWebhook(url, path, method, true, timeoutMs)),
		waitForWebhookGone: (path, method = 'POST', timeoutMs = 60_000) =>
			withLogTail(workflows.waitForWebhook(url, path, method, false, timeoutMs)),
		executions: (workflowId) => workflows.executions(context, workflowId),
		createCredential: (credential) => workflows.createCredential(context, credential),
		api: (method, path, body) => workflows.api(context, method, path, body),
		editor: (method, path, body) => editorRequest(session, method, path, body),
		nodeTypes: () => nodeTypeNames(session),
		rssBytes: () => readRss(backend.pid),
		restart: backend.restart,
		stop: backend.stop,
	};
}

export async function startN8n(options: StartOptions): Promise<N8nServer> {
	const started = Date.now();
	const { paths } = await ensureN8n(options.cacheDir ?? cacheRoot());
	const port = options.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	const userFolder = mkdtempSync(join(tmpdir(), 'conversa-n8n-server-'));
	const owner = makeOwner(paths.n8nDir);
	const instance = { paths, publicUrl: url, encryptionKey: randomBytes(24).toString('hex') };
	const env: NodeJS.ProcessEnv = {
		...(await processEnv(instance, userFolder, port)),
		...owner.env,
		...options.env,
	};

	const install = options.packageInstall ?? 'tarball';
	let installedDir: string;
	let packed: PackedPackage | undefined;
	try {
		if (install === 'tarball') packed = await packPackage(options.packageDir, env);
		installedDir = await installPackage(userFolder, options.packageDir, install, env, packed);
	} catch (error) {
		rmSync(userFolder, { recursive: true, force: true });
		throw error;
	} finally {
		if (packed) removePacked(packed);
	}

	const log = new LogFile(
		join(userFolder, 'n8n.log'),
		options.echo ?? process.env.CONVERSA_N8N_LOGS === '1',
	);
	const command = [paths.nodeBin, paths.n8nBin, 'start'];
	const reapFolder = options.keepUserFolder ? undefined : userFolder;
	const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
	let current: N8nProcess = launch(command, userFolder, env, log, reapFolder);

	let stopping: Promise<StopResult> | undefined;
	const stop = (timeoutMs = 20_000): Promise<StopResult> =>
		(stopping ??= (async () => {
			const result = await current.terminate(timeoutMs);
			log.close();
			if (!options.keepUserFolder) rmSync(userFolder, { recursive: true, force: true });
			return result;
		})());

	const restart = async (downMs = 0): Promise<RestartResult> => {
		if (stopping) throw new Error('n8n was stopped; it cannot restart');
		const termAt = Date.now();
		const stopped = await current.terminate(20_000);
		const downAt = Date.now();
		await sleep(downMs);
		// stop() during the pause has removed the user folder: nothing to start again.
		if (stopping) throw new Error('n8n was stopped while it was down; it cannot restart');
		current = launch(command, userFolder, env, log, reapFolder);
		await waitReady(url, current.child, log, readyTimeoutMs, MAIN_READY);
		return { termAt, downAt, upAt: Date.now(), stopped };
	};

	try {
		await waitReady(url, current.child, log, readyTimeoutMs, MAIN_READY);
		return await connect(
			{
				url,
				port,
				userFolder,
				owner: { email: owner.email, password: owner.password },
				package: { dir: installedDir, install, tarballBytes: packed?.size, files: packed?.files },
				readyMs: Date.now() - started,
				get pid() {
					return current.pid;
				},
				get logs() {
					return log.lines();
				},
				logTail: (count) => log.tail(count),
				cli: (args) =>
					run(paths.nodeBin, [paths.n8nBin, ...args], { cwd: userFolder, env, capture: true }),
				restart,
				stop,
			},
			started,
		);
	} catch (error) {
		await stop(5000);
		throw error;
	}
}
