// n8n in queue mode on 127.0.0.1, as a team that outgrew one machine runs it: one main process
// (editor, API, activation), webhook processes behind a round-robin proxy, and workers that run
// the executions, sharing Postgres and Redis. Each process has its own user folder with the
// package installed the way n8n's installer does, as separate machines would.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { startBalancer, type Balancer } from './balancer.mts';
import { ensureN8n } from './install.mts';
import { LogFile } from './log-file.mts';
import { makeOwner } from './owner.mts';
import { packPackage, removePacked, type PackedPackage } from './package-install.mts';
import { cacheRoot } from './paths.mts';
import { freePort } from './ports.mts';
import { launch, type N8nProcess, type StopResult } from './process.mts';
import { cleanEnv, run } from './run.mts';
import {
	connect,
	installPackage,
	MAIN_READY,
	processEnv,
	waitReady,
	type InstanceEnv,
	type N8nServer,
	type RestartResult,
} from './server.mts';
import {
	ensureServicePackages,
	startPostgres,
	startRedis,
	type PostgresService,
	type Service,
} from './services.mts';
import * as workflows from './workflows.mts';

export type Role = 'main' | 'webhook' | 'worker';

export interface QueueProcess {
	role: Role;
	name: string;
	/** Where its HTTP server answers: the n8n port, or a worker's health port. */
	url: string;
	withPackage: boolean;
	readonly pid: number;
	readonly logs: string[];
	/** Ends this process for good (a crash, a scale-down). */
	stop(): Promise<StopResult>;
}

export interface QueueStartOptions {
	packageDir: string;
	webhooks?: number;
	workers?: number;
	/** The proxy's port, which is the URL the platforms call; a free one by default. */
	port?: number;
	env?: Record<string, string>;
	echo?: boolean;
}

export interface QueueN8n extends N8nServer {
	balancer: Balancer;
	processes(role?: Role): QueueProcess[];
	/** Starts one more webhook process or worker, ready when this resolves. */
	addProcess(
		role: 'webhook' | 'worker',
		options?: { withPackage?: boolean },
	): Promise<QueueProcess>;
	services: { postgres: PostgresService; redis: Service };
}

interface Running extends QueueProcess {
	env: NodeJS.ProcessEnv;
	/** Where this process loads the package from ('' without it). */
	packageDir: string;
	log: LogFile;
	current: N8nProcess;
	relaunch(): void;
}

const READY_TIMEOUT_MS = 120_000;

export async function startQueueN8n(options: QueueStartOptions): Promise<QueueN8n> {
	const started = Date.now();
	const { paths } = await ensureN8n(cacheRoot());
	await ensureServicePackages();
	const root = mkdtempSync(join(tmpdir(), 'conversa-n8n-queue-'));
	const owner = makeOwner(paths.n8nDir);
	const echo = options.echo ?? process.env.CONVERSA_N8N_LOGS === '1';
	const running: Running[] = [];
	let postgres: PostgresService | undefined;
	let redis: Service | undefined;
	let balancer: Balancer | undefined;
	let packed: PackedPackage | undefined;
	let stopping: Promise<StopResult> | undefined;

	const stopAll = (timeoutMs = 20_000): Promise<StopResult> =>
		(stopping ??= (async () => {
			// Webhook processes and workers first: main going early would fail their shutdown.
			const others = running.filter((p) => p.role !== 'main');
			await Promise.all(others.map((p) => p.stop()));
			const main = running.find((p) => p.role === 'main');
			const result = main
				? await main.current.terminate(timeoutMs)
				: { code: 0, signal: null, forced: false };
			main?.log.close();
			await balancer?.close();
			await Promise.all([postgres?.stop(), redis?.stop()]);
			if (packed) removePacked(packed);
			rmSync(root, { recursive: true, force: true });
			return result;
		})());

	try {
		[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
		const mainPort = await freePort();
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		balancer = await startBalancer(mainUrl, options.port);
		const instance: InstanceEnv = {
			paths,
			publicUrl: balancer.url,
			encryptionKey: randomBytes(24).toString('hex'),
			overrides: {
				EXECUTIONS_MODE: 'queue',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: postgres.connection.host,
				DB_POSTGRESDB_PORT: String(postgres.connection.port),
				DB_POSTGRESDB_DATABASE: postgres.connection.database,
				DB_POSTGRESDB_USER: postgres.connection.user,
				DB_POSTGRESDB_PASSWORD: postgres.connection.password,
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				...options.env,
			},
		};
		packed = await packPackage(options.packageDir, cleanEnv());
		const counters: Record<Role, number> = { main: 0, webhook: 0, worker: 0 };

		const spawnRole = async (role: Role, withPackage: boolean, port?: number): Promise<Running> => {
			const name = `${role}-${++counters[role]}`;
			const folder = join(root, name);
			mkdirSync(folder);
			const n8nPort = port ?? (await freePort());
			const env: NodeJS.ProcessEnv = { ...(await processEnv(instance, folder, n8nPort)) };
			let url = `http://127.0.0.1:${n8nPort}`;
			if (role === 'main')
				Object.assign(env, owner.env, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' });
			if (role === 'worker') {
				const health = await freePort();
				Object.assign(env, {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(health),
				});
				url = `http://127.0.0.1:${health}`;
			}
			const packageDir = withPackage
				? await installPackage(folder, options.packageDir, 'tarball', cleanEnv(), packed)
				: '';
			const log = new LogFile(join(root, `${name}.log`), echo);
			const command = [paths.nodeBin, paths.n8nBin, role === 'main' ? 'start' : role];
			let ended: Promise<StopResult> | undefined;
			const entry: Running = {
				role,
				name,
				url,
				withPackage,
				env,
				packageDir,
				log,
				// The whole tree goes with main's entry in the reaper.
				current: launch(command, folder, env, log, role === 'main' ? root : undefined),
				get pid() {
					return entry.current.pid;
				},
				get logs() {
					return log.lines();
				},
				relaunch() {
					entry.current = launch(command, folder, env, log, role === 'main' ? root : undefined);
				},
				stop: () =>
					(ended ??= (async () => {
						const result = await entry.current.terminate(20_000);
						log.close();
						const at = running.indexOf(entry);
						if (at >= 0) running.splice(at, 1);
						if (role === 'webhook') balancer?.setWebhookTargets(webhookUrls());
						return result;
					})()),
			};
			running.push(entry);
			return entry;
		};
		const webhookUrls = () => running.filter((p) => p.role === 'webhook').map((p) => p.url);
		const ready = (entry: Running) =>
			waitReady(
				entry.url,
				entry.current.child,
				entry.log,
				READY_TIMEOUT_MS,
				entry.role === 'main' ? MAIN_READY : undefined,
			);

		// Main migrates the database; the others would race it if they started together.
		const main = await spawnRole('main', true, mainPort);
		await ready(main);
		const others = await Promise.all([
			...Array.from({ length: options.webhooks ?? 2 }, () => spawnRole('webhook', true)),
			...Array.from({ length: options.workers ?? 2 }, () => spawnRole('worker', true)),
		]);
		await Promise.all(others.map(ready));
		balancer.setWebhookTargets(webhookUrls());
		const readyMs = Date.now() - started;

		const restart = async (downMs = 0): Promise<RestartResult> => {
			if (stopping) throw new Error('n8n was stopped; it cannot restart');
			const termAt = Date.now();
			const results = await Promise.all(running.map((p) => p.current.terminate(20_000)));
			const downAt = Date.now();
			await sleep(downMs);
			if (stopping) throw new Error('n8n was stopped while it was down; it cannot restart');
			main.relaunch();
			await ready(main);
			const rest = running.filter((p) => p !== main);
			for (const entry of rest) entry.relaunch();
			await Promise.all(rest.map(ready));
			return { termAt, downAt, upAt: Date.now(), stopped: results[0]! };
		};

		const server = await connect(
			{
				url: balancer.url,
				port: balancer.port,
				userFolder: root,
				owner: { email: owner.email, password: owner.password },
				package: {
					dir: main.packageDir,
					install: 'tarball',
					tarballBytes: packed.size,
					files: packed.files,
				},
				readyMs,
				get pid() {
					return main.pid;
				},
				get logs() {
					return running.flatMap((p) => p.logs.map((line) => `[${p.name}] ${line}`));
				},
				logTail: (count) => running.map((p) => `--- ${p.name}\n${p.log.tail(count)}`).join('\n'),
				cli: (args) =>
					run(paths.nodeBin, [paths.n8nBin, ...args], {
						cwd: join(root, 'main-1'),
						env: main.env,
						capture: true,
					}),
				restart,
				stop: stopAll,
			},
			started,
		);
		// Every webhook process must know the webhook, not just the one the proxy picks next.
		const waitOnAll =
			(live: boolean) =>
			async (path: string, method = 'POST', timeoutMs = 60_000) => {
				await Promise.all(
					webhookUrls().map((url) => workflows.waitForWebhook(url, path, method, live, timeoutMs)),
				);
			};
		// Assigned onto the handle, not spread: its pid and logs are getters.
		return Object.assign(server, {
			waitForWebhook: waitOnAll(true),
			waitForWebhookGone: waitOnAll(false),
			balancer,
			processes: (role) => running.filter((p) => role === undefined || p.role === role),
			async addProcess(role, { withPackage = true } = {}) {
				const entry = await spawnRole(role, withPackage);
				await ready(entry);
				if (role === 'webhook') balancer?.setWebhookTargets(webhookUrls());
				return entry;
			},
			services: { postgres, redis },
		} satisfies Partial<QueueN8n>);
	} catch (error) {
		await stopAll(5000);
		throw error;
	}
}
