// Postgres and Redis for n8n's queue mode, each a private throwaway server on a free loopback
// port, installed from Debian's packages when missing. Postgres is Debian 12's 15: n8n 2.41
// warns that it supports 17 and newer, but migrations and queue mode work on it (see the
// README), and it comes from the same package source as Redis, with no binary of our choosing.
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ensureDebianPackages } from './apt.mts';
import { LogFile } from './log-file.mts';
import { freePort } from './ports.mts';
import { launch, type N8nProcess } from './process.mts';
import { cleanEnv, run } from './run.mts';

export interface Service {
	port: number;
	logs(): string[];
	stop(): Promise<void>;
}

/** The database n8n uses, as its DB_POSTGRESDB_* settings and a Postgres credential name it. */
export interface PostgresConnection {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
}

export interface PostgresService extends Service {
	connection: PostgresConnection;
	/** Runs SQL as the cluster's superuser, in n8n's database unless another is named. */
	sql(statement: string, database?: string): Promise<string>;
}

function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

function redisBin(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
}

/** A clean machine (CI's) has neither. */
export async function ensureServicePackages(): Promise<void> {
	await ensureDebianPackages('queue mode', [
		{ name: 'postgresql', installed: () => postgresBinDir() !== undefined },
		{ name: 'redis-server', installed: () => redisBin() !== undefined },
	]);
}

// Postgres refuses to run as root; Debian's package creates this user.
function asPostgresUser(command: string[]): string[] {
	return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...command] : command;
}

async function waitFor(
	what: string,
	check: () => Promise<boolean>,
	child: N8nProcess,
	logFile: LogFile,
): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.child.exitCode !== null || child.child.signalCode !== null) {
			throw new Error(`${what} exited during startup:\n${logFile.tail(20)}`);
		}
		if (await check()) return;
		await sleep(100);
	}
	throw new Error(`${what} not ready after 30 s:\n${logFile.tail(20)}`);
}

function service(port: number, child: N8nProcess, logFile: LogFile, folder: string): Service {
	let stopping: Promise<void> | undefined;
	return {
		port,
		logs: () => logFile.lines(),
		stop: () =>
			(stopping ??= (async () => {
				await child.terminate(10_000);
				logFile.close();
				rmSync(folder, { recursive: true, force: true });
			})()),
	};
}

/** A fresh cluster with a trusted superuser `n8n` and a database `n8n`, on 127.0.0.1 only. */
export async function startPostgres(): Promise<PostgresService> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('no PostgreSQL server found under /usr/lib/postgresql');
	const folder = mkdtempSync(join(tmpdir(), 'conversa-postgres-'));
	const data = join(folder, 'data');
	const env = cleanEnv({ LC_ALL: 'C.UTF-8' });
	if (process.getuid?.() === 0) {
		const { uid, gid } = await postgresIds();
		chownSync(folder, uid, gid);
	}
	const [initdb, ...initArgs] = asPostgresUser([
		join(bin, 'initdb'),
		'-D',
		data,
		'-U',
		'n8n',
		'-A',
		'trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	await run(initdb!, initArgs, { cwd: folder, env, capture: true });
	const port = await freePort();
	const logFile = new LogFile(join(folder, 'postgres.log'), false);
	// Durability is not what these throwaway servers are for; fsync off spares the disk.
	const child = launch(
		asPostgresUser([
			join(bin, 'postgres'),
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			folder,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		]),
		folder,
		env,
		logFile,
		folder,
	);
	const psql = (sql: string, database: string) =>
		run(
			'psql',
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'n8n',
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-qAtc',
				sql,
			],
			{
				cwd: folder,
				env,
				capture: true,
			},
		);
	try {
		await waitFor(
			'postgres',
			() =>
				psql('select 1', 'postgres').then(
					() => true,
					() => false,
				),
			child,
			logFile,
		);
		await psql('create database n8n', 'postgres');
	} catch (error) {
		await service(port, child, logFile, folder).stop();
		throw error;
	}
	return {
		...service(port, child, logFile, folder),
		connection: { host: '127.0.0.1', port, database: 'n8n', user: 'n8n', password: '' },
		sql: (statement, database = 'n8n') => psql(statement, database),
	};
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
	const uid = Number(
		(await run('id', ['-u', 'postgres'], { cwd: tmpdir(), env: cleanEnv(), capture: true })).trim(),
	);
	const gid = Number(
		(await run('id', ['-g', 'postgres'], { cwd: tmpdir(), env: cleanEnv(), capture: true })).trim(),
	);
	return { uid, gid };
}

function redisAnswers(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

/** Redis in memory only: n8n's job queue needs nothing to survive this server. */
export async function startRedis(): Promise<Service> {
	const bin = redisBin();
	if (!bin) throw new Error('no redis-server found');
	const folder = mkdtempSync(join(tmpdir(), 'conversa-redis-'));
	const port = await freePort();
	const logFile = new LogFile(join(folder, 'redis.log'), false);
	const child = launch(
		[
			bin,
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			folder,
		],
		folder,
		cleanEnv(),
		logFile,
		folder,
	);
	try {
		await waitFor('redis', () => redisAnswers(port), child, logFile);
	} catch (error) {
		await service(port, child, logFile, folder).stop();
		throw error;
	}
	return service(port, child, logFile, folder);
}
