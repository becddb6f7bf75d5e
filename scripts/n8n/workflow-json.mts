// Workflow JSON for everything run in a real n8n: e2e tests, benchmarks, reliability suites.
import { randomUUID } from 'node:crypto';

import type { WorkflowJson } from './server.mts';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface ChainNode {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, CredentialRef>;
	[setting: string]: unknown;
}

/**
 * n8n's Webhook node, waiting for the last node, then the chain. `responseData: 'noData'`
 * keeps a 10,000-item answer off the wire; results are read from the execution.
 */
export function webhookChain(
	name: string,
	path: string,
	chain: ChainNode[],
	responseData = 'noData',
): WorkflowJson {
	const webhook = {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
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

/** Splits `body.<field>` (an array of objects) into one item per object. */
export function splitOut(field: string): ChainNode {
	return {
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		parameters: { fieldToSplitOut: `body.${field}`, include: 'noOtherFields', options: {} },
	};
}

export interface SingleTrigger {
	workflow: WorkflowJson;
	/** The node's name, for reading its output from executions. */
	node: string;
	/** After /webhook/. */
	path: string;
}

/** A workflow made of one trigger node whose webhook path is `<webhookId>/webhook`. */
export function triggerWorkflow(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	credentials?: Record<string, CredentialRef>,
): SingleTrigger {
	const webhookId = randomUUID();
	return {
		node: 'Trigger',
		path: `${webhookId}/webhook`,
		workflow: {
			name,
			nodes: [
				{
					id: randomUUID(),
					name: 'Trigger',
					type,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters,
					...(credentials ? { credentials } : {}),
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	};
}

/** n8n's built-in Webhook node alone, answering as soon as the request is received. */
export function plainWebhook(name: string, path: string): SingleTrigger {
	return {
		node: 'Webhook',
		path,
		workflow: {
			name,
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	};
}
