// Building blocks for the tests against a real n8n: workflow JSON, and executions read back
// through n8n's public API.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Execution, N8nServer, WorkflowJson } from '../../scripts/n8n/server.mts';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface TriggerWorkflow {
	workflow: WorkflowJson;
	node: string;
	/** After /webhook/: `<webhookId>/webhook`. */
	path: string;
}

/** A workflow that is just one of this package's trigger nodes. */
export function triggerWorkflow(
	name: string,
	type: string,
	credential: { type: string; ref: CredentialRef },
	parameters: Record<string, unknown>,
): TriggerWorkflow {
	const webhookId = randomUUID();
	const node = 'Trigger';
	return {
		node,
		path: `${webhookId}/webhook`,
		workflow: {
			name,
			nodes: [
				{
					id: randomUUID(),
					name: node,
					type: `n8n-nodes-conversa.${type}`,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { options: {}, ...parameters },
					credentials: { [credential.type]: credential.ref },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	};
}

export interface ChainNode {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, CredentialRef>;
	executeOnce?: boolean;
}

/** n8n's Webhook node (answering with the last node's output) followed by a chain of nodes. */
export function webhookChain(name: string, path: string, chain: ChainNode[]): WorkflowJson {
	const webhook = {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
	const nodes = chain.map((node, index) => ({
		id: randomUUID(),
		typeVersion: 1,
		position: [(index + 1) * 220, 0],
		...node,
	}));
	const names = ['Webhook', ...chain.map((node) => node.name)];
	const connections = Object.fromEntries(
		names
			.slice(0, -1)
			.map((from, index) => [
				from,
				{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
			]),
	);
	return { name, nodes: [webhook, ...nodes], connections, settings: { executionOrder: 'v1' } };
}

function finished(execution: Execution): boolean {
	return !['new', 'running', 'waiting'].includes(execution.status);
}

/**
 * A workflow's executions once `expected` of them have finished, read again after `settleMs`
 * so that an extra one (the run a duplicate must not start) would be seen too.
 */
export async function executionsOf(
	n8n: N8nServer,
	workflowId: string,
	expected: number,
	{ settleMs = 1500, timeoutMs = 30_000 } = {},
): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await n8n.executions(workflowId);
		if (list.filter(finished).length >= expected) break;
		if (Date.now() > deadline) {
			throw new Error(
				`workflow ${workflowId}: ${list.length} executions after ${timeoutMs} ms, expected ${expected}`,
			);
		}
		await sleep(200);
	}
	await sleep(settleMs);
	return (await n8n.executions(workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}
