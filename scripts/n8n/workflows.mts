// Workflows and executions, driven through n8n's public interfaces only: its CLI and
// its public REST API with an API key. Nothing here reads n8n's database directly.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { requestJson } from './http.mts';
import { n8nAtLeast } from './paths.mts';

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: object[];
	connections: object;
	settings?: object;
	staticData?: object | null;
	pinData?: object | null;
	[key: string]: unknown;
}

export interface NodeRun {
	executionStatus?: string;
	error?: unknown;
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
}

export interface Execution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	data?: { resultData?: { runData?: Record<string, NodeRun[]>; error?: unknown; lastNodeExecuted?: string } };
}

export type ActivateVia = 'api' | 'cli';

export interface WorkflowContext {
	url: string;
	apiKey: string;
	scratchDir: string;
	cli(args: string[]): Promise<string>;
}

export function api<T>(context: WorkflowContext, method: string, path: string, body?: unknown): Promise<T> {
	return requestJson<T>(`${context.url}/api/v1${path}`, {
		method,
		headers: { 'X-N8N-API-KEY': context.apiKey },
		body,
	}).then((result) => result.body);
}

// n8n's own id shape: 16 alphanumerics.
function workflowId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

let importBatch = 0;

/**
 * n8n 2.41 applies a publication made through the CLI while it runs (its reconcile pass). Older
 * releases apply a CLI activation only at their next start (and 2.0 does not let the public API
 * see a workflow the CLI imported), so there `cli` falls back to the public API, as the editor
 * would do it.
 */
const cliAppliesLive = () => n8nAtLeast('2.41.0');

async function viaCli(context: WorkflowContext, workflows: WorkflowJson[]): Promise<string[]> {
	const dir = join(context.scratchDir, `import-${++importBatch}`);
	mkdirSync(dir, { recursive: true });
	const ids = workflows.map((workflow) => {
		const id = workflow.id ?? workflowId();
		writeFileSync(join(dir, `${id}.json`), JSON.stringify({ ...workflow, id, active: false }));
		return id;
	});
	await context.cli(['import:workflow', '--separate', `--input=${dir}`]);
	// One boot of the CLI per workflow: publish:workflow takes a single id in 2.x.
	for (const id of ids) await context.cli(['publish:workflow', `--id=${id}`]);
	return ids;
}

async function viaApi(context: WorkflowContext, workflows: WorkflowJson[]): Promise<string[]> {
	const ids: string[] = [];
	for (const workflow of workflows) {
		// The create endpoint is strict: fields n8n's editor exports (id, active, tags, meta...) are refused.
		const { name, nodes, connections, settings, staticData, pinData } = workflow;
		const created = await api<{ id: string }>(context, 'POST', '/workflows', {
			name,
			nodes,
			connections,
			settings: settings ?? {},
			...(staticData ? { staticData } : {}),
			...(pinData ? { pinData } : {}),
		});
		await api(context, 'POST', `/workflows/${created.id}/activate`, {});
		ids.push(created.id);
	}
	return ids;
}

export function importAndActivate(context: WorkflowContext, workflows: WorkflowJson[], via: ActivateVia): Promise<string[]> {
	return via === 'cli' && cliAppliesLive() ? viaCli(context, workflows) : viaApi(context, workflows);
}

export async function deactivate(context: WorkflowContext, id: string, via: ActivateVia): Promise<void> {
	if (via === 'cli' && cliAppliesLive()) await context.cli(['unpublish:workflow', `--id=${id}`]);
	else await api(context, 'POST', `/workflows/${id}/deactivate`, {});
}

// An OPTIONS request with an Origin makes n8n look the webhook up (404 when unknown)
// without running the workflow, so polling leaves no executions behind.
async function webhookMethods(url: string, path: string): Promise<string[] | undefined> {
	const response = await fetch(`${url}/webhook/${path.replace(/^\/+/, '')}`, {
		method: 'OPTIONS',
		headers: { origin: url },
	});
	await response.arrayBuffer();
	if (response.status === 404) return undefined;
	if (response.status >= 300) throw new Error(`OPTIONS /webhook/${path} answered ${response.status}`);
	return (response.headers.get('access-control-allow-methods') ?? '').split(/,\s*/);
}

export async function waitForWebhook(url: string, path: string, method: string, live: boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const methods = await webhookMethods(url, path);
		if ((methods?.includes(method.toUpperCase()) ?? false) === live) return;
		if (Date.now() > deadline) {
			throw new Error(`webhook ${method} /webhook/${path} still ${live ? 'not registered' : 'registered'} after ${timeoutMs} ms`);
		}
		await sleep(250);
	}
}

export interface CredentialInput {
	name: string;
	/** The credential type's name, e.g. `broteApi`. */
	type: string;
	data: Record<string, unknown>;
}

/** Creates a credential through the public API; returns its id. */
export async function createCredential(context: WorkflowContext, credential: CredentialInput): Promise<string> {
	const created = await api<{ id: string }>(context, 'POST', '/credentials', credential);
	return created.id;
}

/** Releases before 1.123 leave `status` out of the public API's executions; it follows from the rest. */
function withStatus(execution: Execution): Execution {
	if (execution.status) return execution;
	const status = execution.data?.resultData?.error ? 'error' : execution.finished ? 'success' : execution.stoppedAt ? 'error' : 'running';
	return { ...execution, status };
}

export async function executions(context: WorkflowContext, workflowId?: string): Promise<Execution[]> {
	const all: Execution[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({ includeData: 'true', limit: '250' });
		if (workflowId) query.set('workflowId', workflowId);
		if (cursor) query.set('cursor', cursor);
		const page = await api<{ data: Execution[]; nextCursor?: string | null }>(context, 'GET', `/executions?${query}`);
		all.push(...page.data.map(withStatus));
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all;
}

export function nodeOutput(execution: Execution, nodeName: string, output = 0): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((run) => (run.data?.main?.[output] ?? []).map((item) => item.json));
}
