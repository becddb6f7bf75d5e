// A real n8n for the benchmarks and reliability suites: the project's own startN8n, with the
// package installed from its tarball and, beside it, any number of other community packages
// (the bench's no-op trigger), all in a user folder this file prepares. startN8n installs one
// package; its `env` option may name the user folder, so the extra ones go in here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Sandbox } from '../sandbox/index.mts';
import { installPacked, packPackage, removePacked } from '../scripts/n8n/package-install.mts';
import { cleanEnv } from '../scripts/n8n/run.mts';
import { startN8n, type N8nServer } from '../scripts/n8n/server.mts';
import type { CredentialRef } from '../scripts/n8n/workflow-json.mts';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const noopPackageDir = fileURLToPath(
	new URL('./fixtures/n8n-nodes-bench-noop', import.meta.url),
);

export const NOOP_TYPE = 'n8n-nodes-bench-noop.benchNoopTrigger';

export interface BenchN8nOptions {
	/** Community packages installed beside this one (package roots). */
	extraPackages?: string[];
	/** Install this package at all (P5 compares startup with and without it). */
	withPackage?: boolean;
	env?: Record<string, string>;
}

export interface BenchN8n {
	n8n: N8nServer;
	userFolder: string;
	stop(): Promise<void>;
}

/** Other n8n servers on this machine (another session's tests): they skew every timing. */
export function otherN8nServers(own: number[] = []): number[] {
	let output = '';
	try {
		output = execFileSync('pgrep', ['-f', 'bin/n8n start'], { encoding: 'utf8' });
	} catch {
		return [];
	}
	return output
		.split('\n')
		.filter(Boolean)
		.map(Number)
		.filter((pid) => pid !== process.pid && !own.includes(pid));
}

export async function startBenchN8n(options: BenchN8nOptions = {}): Promise<BenchN8n> {
	const userFolder = mkdtempSync(join(tmpdir(), 'conversa-bench-n8n-'));
	const env = cleanEnv();
	const packages = [
		...(options.withPackage === false ? [] : [packageDir]),
		...(options.extraPackages ?? []),
	];
	try {
		for (const dir of packages) {
			const packed = await packPackage(dir, env);
			try {
				await installPacked(userFolder, packed, env);
			} finally {
				removePacked(packed);
			}
		}
		const n8n = await startN8n({
			// Installed into startN8n's own folder, which this n8n never reads (N8N_USER_FOLDER
			// points here): the smallest package keeps that detour short.
			packageDir: noopPackageDir,
			env: { N8N_USER_FOLDER: userFolder, ...options.env },
		});
		return {
			n8n,
			userFolder,
			stop: async () => {
				await n8n.stop();
				rmSync(userFolder, { recursive: true, force: true });
			},
		};
	} catch (error) {
		rmSync(userFolder, { recursive: true, force: true });
		throw error;
	}
}

/**
 * A Brote credential in n8n for the sandbox, with a key of its own: its plan limit and first
 * retry wait are on the sandbox's clock, so the node in n8n keeps pace with a compressed minute.
 */
export async function broteCredential(
	n8n: N8nServer,
	sb: Sandbox,
	name: string,
): Promise<CredentialRef> {
	const data = {
		...sb.credentials('brote', sb.newApiKey('brote')),
		webhookSecret: '',
		previousWebhookSecret: '',
	};
	return { id: await n8n.createCredential({ name, type: 'broteApi', data }), name };
}

export interface ExecutionSummary {
	id: string;
	status: string;
	workflowId: string;
}

/** Every execution of a workflow, without their data: cheap enough to call after each round. */
export async function listExecutions(
	n8n: N8nServer,
	workflowId?: string,
): Promise<ExecutionSummary[]> {
	const all: ExecutionSummary[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({ includeData: 'false', limit: '250' });
		if (workflowId) query.set('workflowId', workflowId);
		if (cursor) query.set('cursor', cursor);
		const page = await n8n.api<{ data: ExecutionSummary[]; nextCursor?: string | null }>(
			'GET',
			`/executions?${query}`,
		);
		all.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all;
}

/** Waits until `count` executions of the workflow exist and none is still running. */
export async function settledExecutions(
	n8n: N8nServer,
	workflowId: string,
	count: number,
	timeoutMs = 120_000,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await listExecutions(n8n, workflowId);
		const running = list.some((e) => ['new', 'running', 'waiting'].includes(e.status));
		if (list.length >= count && !running) return list;
		if (Date.now() > deadline) return list;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
