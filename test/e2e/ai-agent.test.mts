// n8n's own AI Agent using the Brote node as a tool, in a real n8n: the model is the sandbox's
// scripted OpenAI-compatible stand-in, which calls the tool once and then answers. Each test
// has its own workflow and its own model name, so the stand-in keeps their conversations apart.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { AI_TOOL_LIST_CAP } from '../../nodes/actions/aiTool.ts';
import {
	startSandbox,
	type ChatRequest,
	type ChatScript,
	type Sandbox,
} from '../../sandbox/index.mts';
import { loadExamples } from '../../scripts/demo/examples.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import { PACKAGE_NAME, startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import {
	agentWorkflow,
	type ChainNode,
	type CredentialRef,
} from '../../scripts/n8n/workflow-json.mts';
import { executionsOf, postJson } from './helpers.mts';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

let sb: Sandbox;
let n8n: N8nServer;
let brote: CredentialRef;
let openAi: CredentialRef;

before(async () => {
	await ensureN8n();
	sb = await startSandbox();
	n8n = await startN8n({ packageDir });
	const credential = async (type: string, name: string, data: Record<string, unknown>) => ({
		id: await n8n.createCredential({ type, name, data }),
		name,
	});
	brote = await credential('broteApi', 'Brote sandbox', {
		apiKey: sb.apiKeys.brote,
		baseUrl: sb.urls.brote,
		webhookSecret: '',
		previousWebhookSecret: '',
		allowedHttpRequestDomains: 'all',
	});
	openAi = await credential('openAiApi', 'Chat model stand-in', {
		apiKey: 'sandbox',
		url: sb.chatModelUrl,
		header: false,
	});
});

after(async () => {
	await n8n?.stop();
	await sb?.close();
});

/** `$fromAI()` as a user types it into a field: the key, the description, the type. */
const fromAi = (key: string, description: string, type = 'string') =>
	`={{ $fromAI('${key}', '${description}', '${type}') }}`;

function broteTool(name: string, parameters: Record<string, unknown>): ChainNode {
	return {
		name,
		type: `${PACKAGE_NAME}.broteTool`,
		parameters,
		credentials: { broteApi: brote },
	};
}

/** The records in a tool result: n8n sends the model the tool's output items' JSON. */
function toolRecords(result: unknown): Array<Record<string, unknown>> {
	assert.ok(Array.isArray(result), JSON.stringify(result));
	return result as Array<Record<string, unknown>>;
}

interface AgentRun {
	/** The Webhook's answer: the agent's item. */
	answer: Record<string, unknown>;
	executionStatus: string;
	/** What the model was sent, request by request. */
	requests: ChatRequest[];
	/** The tool results the model was sent, parsed. */
	toolResults: unknown[];
}

/** Publishes an agent workflow with one tool, scripts the model, and asks the agent once. */
async function askAgent(tool: ChainNode, script: ChatScript): Promise<AgentRun> {
	const model = `agent-${randomUUID()}`;
	const path = `agent-${randomUUID()}`;
	sb.chatModel.script(model, script);
	const workflow = agentWorkflow(`e2e agent ${tool.name}`, path, {
		prompt: '={{ $json.body.message }}',
		model,
		openAiCredential: openAi,
		tools: [tool],
	});
	const [id] = await n8n.importAndActivate([workflow]);
	await n8n.waitForWebhook(path);
	const answer = await postJson(`${n8n.url}/webhook/${path}`, { message: 'Do it, please.' });
	assert.equal(answer.status, 200, answer.text);
	const [execution] = await executionsOf(n8n, id!, 1, { settleMs: 0 });
	await n8n.deactivate(id!);
	return {
		answer: answer.json as Record<string, unknown>,
		executionStatus: execution!.status,
		requests: sb.chatModel.requestsFor(model),
		toolResults: sb.chatModel.toolResults(model).map((content) => JSON.parse(String(content))),
	};
}

describe('the Brote node as a tool of n8n AI Agent', () => {
	test('the agent creates a contact with the fields the model filled in, then answers', async () => {
		const phone = `+5691${String(Date.now()).slice(-7)}`;
		const script: ChatScript = {
			toolArguments: { name: 'Valentina Rojas', phone, email: 'valentina@ejemplo.cl' },
			finalMessage: 'Valentina Rojas is now a contact in Brote.',
		};
		const run = await askAgent(
			broteTool('Create contact', {
				resource: 'contact',
				operation: 'create',
				name: fromAi('name', 'The full name of the person'),
				phone: fromAi('phone', 'The mobile number in E.164 format, like +56912345678'),
				additionalFields: { email: fromAi('email', 'The email address, if they gave one') },
			}),
			script,
		);

		const created = [...sb.brote.contacts.values()].filter((c) => c.phone === phone);
		assert.equal(created.length, 1);
		assert.equal(created[0]!.name, 'Valentina Rojas');
		assert.equal(created[0]!.email, 'valentina@ejemplo.cl');
		assert.equal(run.answer.output, script.finalMessage);
		assert.equal(run.executionStatus, 'success');
		assert.equal(run.toolResults.length, 1);
		assert.match(JSON.stringify(run.toolResults[0]), new RegExp(created[0]!.id));
	});

	test('the tool schema n8n sends the model names, types and describes each field', async () => {
		// A link goes into one of the payer's conversations.
		sb.brote.seed({ conversations: 1 });
		const payer = sb.brote.contacts.get([...sb.brote.conversations.values()].at(-1)!.contact_id)!;
		const reference = randomUUID();
		const run = await askAgent(
			broteTool('Create payment link', {
				resource: 'payment',
				operation: 'createLink',
				contactId: {
					__rl: true,
					mode: 'id',
					value: fromAi('contact_id', 'The ID of the contact who pays'),
				},
				amount: fromAi('amount', 'The amount in minor units, as a whole number', 'number'),
				currency: fromAi('currency', 'The ISO 4217 currency code, like CLP'),
				additionalFields: { external_reference: reference },
			}),
			{
				toolArguments: { contact_id: payer.id, amount: 49000, currency: 'CLP' },
				finalMessage: 'The payment link is ready.',
			},
		);
		const [first] = run.requests;
		assert.equal(first!.tools.length, 1);
		const { name, description, parameters } = first!.tools[0]!.function;
		assert.equal(name, 'Create_payment_link');
		assert.match(String(description), /Create a payment link in Brote/);
		assert.deepEqual(parameters?.properties, {
			contact_id: { type: 'string', description: 'The ID of the contact who pays' },
			amount: { type: 'number', description: 'The amount in minor units, as a whole number' },
			currency: { type: 'string', description: 'The ISO 4217 currency code, like CLP' },
		});
		assert.deepEqual([...(parameters?.required as string[])].sort(), [
			'amount',
			'contact_id',
			'currency',
		]);

		const links = [...sb.brote.paymentLinks.values()].filter(
			(link) => link.external_reference === reference,
		);
		assert.deepEqual(
			links.map(({ contact_id, amount, currency }) => ({ contact_id, amount, currency })),
			[{ contact_id: payer.id, amount: 49000, currency: 'CLP' }],
		);
		assert.equal(run.answer.output, 'The payment link is ready.');
	});

	test('a list reaches the model capped and simplified', async () => {
		sb.brote.seed({ contacts: AI_TOOL_LIST_CAP + 10 });
		const run = await askAgent(
			broteTool('Find contacts', {
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				simplify: true,
				filters: { q: fromAi('search', 'Part of the name, email or phone number') },
			}),
			{ toolArguments: { search: '' }, finalMessage: 'Here are your contacts.' },
		);
		assert.equal(run.executionStatus, 'success');
		const records = toolRecords(run.toolResults[0]);
		assert.equal(records.length, AI_TOOL_LIST_CAP);
		for (const record of records)
			assert.deepEqual(Object.keys(record), ['id', 'name', 'phone', 'email', 'tags', 'opted_out']);
		assert.equal(run.answer.output, 'Here are your contacts.');
	});

	test("a value the model got wrong comes back to it with the field's rules", async () => {
		const before = sb.brote.contacts.size;
		const run = await askAgent(
			broteTool('Create contact', {
				resource: 'contact',
				operation: 'create',
				name: fromAi('name', 'The full name of the person'),
				phone: fromAi('phone', 'The mobile number'),
				additionalFields: {},
			}),
			{
				toolArguments: { name: 'Pedro Soto', phone: 'call me later' },
				finalMessage: 'I need the number in international format.',
			},
		);
		assert.equal(sb.brote.contacts.size, before);
		assert.equal(run.executionStatus, 'success');
		const result = JSON.stringify(run.toolResults[0]);
		assert.match(result, /Phone must be a phone number in E\.164 format/);
		assert.match(result, /a plus sign, the country code and the number/);
		assert.equal(run.answer.output, 'I need the number in international format.');
	});

	test("the example workflow's Create contact tool works as shipped", async () => {
		const example = loadExamples().find(({ file }) => file === 'ai-agent.json')!;
		const shipped = (example.workflow.nodes as ChainNode[]).find(
			(node) => node.name === 'Create contact',
		)!;
		const phone = `+5692${String(Date.now()).slice(-7)}`;
		const run = await askAgent(broteTool(shipped.name, shipped.parameters), {
			toolArguments: { name: 'Camila Díaz', phone, email: '' },
			finalMessage: 'Camila Díaz is in Brote now.',
		});
		const properties = run.requests[0]!.tools[0]!.function.parameters?.properties;
		assert.deepEqual(Object.keys(properties ?? {}).sort(), ['email', 'name', 'phone']);
		const created = [...sb.brote.contacts.values()].filter((c) => c.phone === phone);
		assert.deepEqual(
			created.map(({ name, email }) => ({ name, email })),
			[{ name: 'Camila Díaz', email: null }],
		);
		assert.equal(run.answer.output, 'Camila Díaz is in Brote now.');
	});
});
