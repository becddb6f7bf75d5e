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
	const webhook = webhookNode(path, 'lastNode', responseData);
	return { name, ...linked(webhook, chain), settings: { executionOrder: 'v1' } };
}

/** n8n's Webhook node, named Webhook, taking POSTs at `path`. */
function webhookNode(path: string, responseMode: string, responseData?: string) {
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode, responseData, options: {} },
	};
}

/**
 * The first node, then each chain (a branch from the first node's main output), each node's
 * main output into the next one's input.
 */
function linked(
	first: { name: string },
	...chains: ChainNode[][]
): { nodes: object[]; connections: Record<string, { main: object[][] }> } {
	const nodes: object[] = [first];
	const connections: Record<string, { main: object[][] }> = {};
	const link = (from: string, to: string) => {
		const targets = (connections[from] ??= { main: [[]] }).main[0]!;
		targets.push({ node: to, type: 'main', index: 0 });
	};
	chains.forEach((chain, row) => {
		chain.forEach((node, index) => {
			nodes.push({
				id: randomUUID(),
				typeVersion: 1,
				position: [(index + 1) * 220, row * 180],
				...node,
			});
			link(index === 0 ? first.name : chain[index - 1]!.name, node.name);
		});
	});
	return { nodes, connections };
}

/**
 * n8n's Remove Duplicates keeping, in n8n's database, the ids of items processed in previous
 * executions: what makes a side effect happen once when a retry reaches another webhook
 * process or a restarted n8n (see the README's queue-mode section).
 */
export function removeSeenIds(name = 'Remove Duplicates'): ChainNode {
	return {
		name,
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		// Its first write for a workflow can fail when two workers make it at once; a second try finds the row.
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 1000,
		parameters: {
			operation: 'removeItemsSeenInPreviousExecutions',
			logic: 'removeItemsWithAlreadySeenKeyValues',
			dedupeValue: '={{ $json.id }}',
			options: {},
		},
	};
}

/** The table the Postgres claim writes event ids to; `CLAIM_TABLE_SQL` creates it. */
export const CLAIM_TABLE = 'conversa_processed_events';
export const CLAIM_TABLE_SQL = `CREATE TABLE IF NOT EXISTS ${CLAIM_TABLE} (id text PRIMARY KEY, claimed_at timestamptz NOT NULL DEFAULT now())`;

/**
 * n8n's Postgres node claiming the event id with one atomic statement: the insert succeeds for
 * exactly one execution of an event, whichever worker runs it and however many run at once,
 * and only that one gets an item out (a SELECT with no row outputs nothing).
 */
export function claimEventId(credential: CredentialRef, name = 'Claim event'): ChainNode {
	return {
		name,
		type: 'n8n-nodes-base.postgres',
		typeVersion: 2.6,
		credentials: { postgres: credential },
		parameters: {
			operation: 'executeQuery',
			query: `WITH claimed AS (INSERT INTO ${CLAIM_TABLE} (id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id) SELECT id FROM claimed`,
			options: { queryReplacement: '={{ [$json.id] }}' },
		},
	};
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

/** A trigger node whose webhook path is `<webhookId>/webhook`, then each chain as a branch. */
export function triggerWorkflow(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	credentials?: Record<string, CredentialRef>,
	...chains: ChainNode[][]
): SingleTrigger {
	const webhookId = randomUUID();
	const trigger = {
		id: randomUUID(),
		name: 'Trigger',
		type,
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters,
		...(credentials ? { credentials } : {}),
	};
	return {
		node: 'Trigger',
		path: `${webhookId}/webhook`,
		workflow: { name, ...linked(trigger, ...chains), settings: { executionOrder: 'v1' } },
	};
}

/** n8n's built-in Webhook node alone, answering as soon as the request is received. */
export function plainWebhook(name: string, path: string): SingleTrigger {
	return {
		node: 'Webhook',
		path,
		workflow: {
			name,
			nodes: [webhookNode(path, 'onReceived')],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	};
}

export interface AgentParts {
	/** The prompt, an expression over the Webhook's item, e.g. `={{ $json.body.message }}`. */
	prompt: string;
	/** The model name the chat model node asks for. */
	model: string;
	/** An `openAiApi` credential, whose `url` may point at any OpenAI-compatible server. */
	openAiCredential: CredentialRef;
	/** Tool nodes, each connected to the agent. */
	tools: ChainNode[];
}

/**
 * n8n's Webhook node, answering with the agent's item, then n8n's AI Agent with an OpenAI chat
 * model on the Chat Completions API (the default, the Responses API, is another path) and tools.
 */
export function agentWorkflow(name: string, path: string, parts: AgentParts): WorkflowJson {
	const { nodes, connections } = linked(webhookNode(path, 'lastNode', 'firstEntryJson'), [
		{
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			parameters: { promptType: 'define', text: parts.prompt, options: {} },
		},
	]);
	const toAgent = (type: string) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });
	const model = {
		id: randomUUID(),
		name: 'Chat Model',
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion: 1.3,
		position: [220, 200],
		parameters: {
			model: { __rl: true, mode: 'id', value: parts.model },
			responsesApiEnabled: false,
			options: {},
		},
		credentials: { openAiApi: parts.openAiCredential },
	};
	const tools = parts.tools.map((tool, index) => ({
		id: randomUUID(),
		typeVersion: 1,
		position: [440 + index * 220, 200],
		...tool,
	}));
	return {
		name,
		nodes: [...nodes, model, ...tools],
		connections: {
			...connections,
			[model.name]: toAgent('ai_languageModel'),
			...Object.fromEntries(tools.map((tool) => [tool.name, toAgent('ai_tool')])),
		},
		settings: { executionOrder: 'v1' },
	};
}
