// What the triggers show in the editor and what their items look like: the node descriptions,
// the outputs expression evaluated by n8n, output routing through n8n's engine, the output
// options, and the signing-secret credential test.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { after, before, describe, it } from 'node:test';

import type {
	ICredentialTestFunctions,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { profiles } from '../../nodes/platforms/index.ts';
import type { eventOutputs as EventOutputs } from '../../nodes/trigger/outputs.ts';
import { workflowLib } from '../harness/n8n.mts';
import { runFromTrigger } from '../harness/webhook.mts';
import { PLATFORMS, TRIGGERS, type TriggerFixture, triggerFixture } from './trigger-fixture.mts';

const require = createRequire(import.meta.url);

class PassThrough implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pass',
		name: 'test.pass',
		group: ['transform'],
		version: 1,
		description: 'Passes its items on',
		defaults: { name: 'Pass' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture({ 'test.pass': PassThrough });
});
after(async () => {
	await fx.close();
});

function outputsOf(nodeType: INodeType, parameters: INode['parameters']) {
	const node: INode = {
		id: 'n',
		name: 'Trigger',
		type: TRIGGERS.brote.type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new workflowLib.Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: fx.engine.nodeTypes,
	});
	return workflowLib.NodeHelpers.getNodeOutputs(
		workflow,
		workflow.getNode(node.name) as INode,
		nodeType.description,
	);
}

/** A sample's values as its notice lists them, `<li>field: JSON</li>`; array items are `[i]`. */
function sampleLines(value: unknown, field = 'data'): string[] {
	if (typeof value !== 'object' || value === null || Object.keys(value).length === 0) {
		return [`<li>${field}: ${JSON.stringify(value)}</li>`];
	}
	return Object.entries(value).flatMap(([key, item]: [string, unknown]) =>
		sampleLines(item, Array.isArray(value) ? `[${key}]` : key),
	);
}

describe('trigger node descriptions', () => {
	for (const platform of PLATFORMS) {
		const profile = profiles[platform];

		it(`${profile.displayName}: events with descriptions, "All Events", samples, and a deliberate answer`, () => {
			const node = new TRIGGERS[platform].node() as INodeType;
			const d = node.description;
			assert.equal(d.displayName, `${profile.displayName} Trigger`);
			assert.equal(d.name, TRIGGERS[platform].type);
			assert.deepEqual(d.inputs, []);
			assert.deepEqual(
				d.credentials?.map((c) => c.name),
				[TRIGGERS[platform].credential],
			);
			const [webhook] = d.webhooks ?? [];
			assert.equal(webhook.responseMode, 'onReceived');
			assert.equal(webhook.responseData, 'OK');

			const events = d.properties.find((p) => p.name === 'events');
			assert.equal(events?.type, 'multiOptions');
			const options = (events?.options ?? []) as Array<{
				name: string;
				value: string;
				description?: string;
			}>;
			assert.equal(options[0].value, '*');
			assert.deepEqual(
				options
					.slice(1)
					.map((o) => o.value)
					.sort(),
				Object.keys(profile.events).sort(),
			);
			for (const option of options.slice(1)) {
				// Named in words, with the raw type kept in the description so a search finds it.
				assert.match(option.name, /^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$/, option.value);
				assert.equal(
					option.description,
					`${option.value}: ${profile.events[option.value].description}`,
				);
				const sample = d.properties.find(
					(p) =>
						p.type === 'notice' &&
						(p.displayOptions?.show?.events as string[] | undefined)?.[0] === option.value,
				);
				// Every value of the sample, one list item each, so the notice wraps in the panel; as
				// HTML, with zero-width spaces where a link may wrap.
				const shown = (sample?.displayName ?? '')
					.replace(/\u200b/g, '')
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&amp;/g, '&');
				for (const line of sampleLines(profile.events[option.value].sample)) {
					assert.ok(shown.includes(line), `${option.value}: ${line}`);
				}
			}

			const setup = d.properties.find((p) => p.name === 'setupNotice');
			assert.equal(setup?.displayName, profile.dashboardSetup);
			assert.equal(
				d.properties.some((p) => p.name === 'registration'),
				platform === 'brote',
			);
			assert.equal(node.webhookMethods !== undefined, profile.subscription !== undefined);
		});
	}
});

describe('the outputs expression, evaluated by n8n', () => {
	const sources: Array<[string, () => INodeType]> = [
		['source', () => new TRIGGERS.brote.node() as INodeType],
	];
	const built = new URL('../../dist/nodes/Brote/BroteTrigger.node.js', import.meta.url);
	sources.push([
		'build',
		() => {
			const { BroteTrigger } = require(built.pathname) as { BroteTrigger: new () => INodeType };
			return new BroteTrigger();
		},
	]);

	for (const [from, load] of sources) {
		it(`computes the outputs from the parameters (${from})`, () => {
			assert.ok(from !== 'build' || existsSync(built), 'no build: run `npm run build` first');
			const nodeType = load();
			const catalog = Object.keys(profiles.brote.events);
			assert.deepEqual(outputsOf(nodeType, { events: ['ticket.won', 'ticket.lost'] }), [
				{ type: 'main' },
			]);
			assert.deepEqual(
				outputsOf(nodeType, {
					events: ['ticket.won', 'ticket.lost'],
					options: { separateOutputs: true },
				}),
				[
					{ type: 'main', displayName: 'ticket.won' },
					{ type: 'main', displayName: 'ticket.lost' },
				],
			);
			assert.deepEqual(outputsOf(nodeType, { events: ['*'], options: { separateOutputs: true } }), [
				...catalog.map((type) => ({ type: 'main', displayName: type })),
				{ type: 'main', displayName: 'Other Events' },
			]);
		});
	}
});

describe('the outputs expression, built', () => {
	// n8n evaluates the function's compiled source text on its own, away from its module: a
	// helper the compiler emits beside it (say for a spread at an older target) would be missing.
	const built = new URL('../../dist/nodes/trigger/outputs.js', import.meta.url);

	it('is self-contained: its source text alone computes what the function computes', () => {
		assert.ok(existsSync(built), 'no build: run `npm run build` first');
		const { eventOutputs } = require(built.pathname) as { eventOutputs: typeof EventOutputs };
		const alone = runInNewContext(
			`(${eventOutputs.toString()})`,
			Object.create(null),
		) as typeof EventOutputs;
		for (const platform of PLATFORMS) {
			const catalog = Object.keys(profiles[platform].events);
			const [first, second] = catalog;
			for (const parameters of [
				{},
				{ events: [first] },
				{ events: [first, second], options: { separateOutputs: false } },
				{ events: [first, second], options: { separateOutputs: true } },
				{ events: ['*'], options: { separateOutputs: true } },
				{ events: [], options: { separateOutputs: true } },
			]) {
				assert.deepEqual(
					JSON.parse(JSON.stringify(alone(parameters, catalog))),
					eventOutputs(parameters, catalog),
					`${platform} ${JSON.stringify(parameters)}`,
				);
			}
		}
	});
});

describe('items', () => {
	it('routes each selected event to its own output, and n8n runs only that branch', async () => {
		const endpoint = fx.endpoint(
			'horneross',
			{ events: ['lead.captured', 'conversation.created'], options: { separateOutputs: true } },
			{ secrets: { webhookSecret: 's' } },
		);
		const sent = await fx.sb.deliver({
			platform: 'horneross',
			type: 'conversation.created',
			url: endpoint.url,
			secret: 's',
			retry: false,
		});
		assert.equal(sent.attempts[0].status, 200);
		const [run] = endpoint.runs;
		assert.equal(run.length, 2);
		assert.deepEqual(run[0], []);
		assert.equal(run[1][0].json.type, 'conversation.created');

		const trigger = endpoint.node;
		const branch = (name: string): INode => ({
			id: name,
			name,
			type: 'test.pass',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		});
		const workflow = new workflowLib.Workflow({
			id: 'routing',
			nodes: [trigger, branch('On lead'), branch('On conversation')],
			connections: {
				[trigger.name]: {
					main: [
						[{ node: 'On lead', type: 'main', index: 0 }],
						[{ node: 'On conversation', type: 'main', index: 0 }],
					],
				},
			},
			active: true,
			nodeTypes: fx.engine.nodeTypes,
		});
		const result = await runFromTrigger(fx.engine, workflow, trigger, run);
		const runData = result.data.resultData.runData;
		assert.equal(runData['On lead'], undefined);
		assert.equal(
			runData['On conversation'][0].data?.main[0]?.[0].json.type,
			'conversation.created',
		);
	});

	it('sends types the catalog lacks to the last output with "All Events"', async () => {
		const endpoint = fx.endpoint(
			'buzzbip',
			{ events: ['*'], options: { separateOutputs: true } },
			{ secrets: { webhookSecret: 's' } },
		);
		await fx.sb.deliver({
			platform: 'buzzbip',
			type: 'call.started',
			url: endpoint.url,
			secret: 's',
			retry: false,
		});
		await fx.sb.deliver({
			platform: 'buzzbip',
			type: 'message.failed',
			url: endpoint.url,
			secret: 's',
			retry: false,
		});
		const catalog = Object.keys(profiles.buzzbip.events);
		const [unknown, known] = endpoint.runs;
		assert.equal(unknown.length, catalog.length + 1);
		assert.equal(unknown[catalog.length][0].json.known, false);
		assert.equal(known[catalog.indexOf('message.failed')][0].json.type, 'message.failed');
	});

	it('emits only the data with "Data Only", and adds headers and the raw body when asked', async () => {
		const dataOnly = fx.endpoint(
			'cablenetai',
			{ events: ['lead.created'], options: { output: 'data' } },
			{ secrets: { webhookSecret: 's' } },
		);
		await fx.sb.deliver({
			platform: 'cablenetai',
			type: 'lead.created',
			url: dataOnly.url,
			secret: 's',
			retry: false,
		});
		assert.deepEqual(
			dataOnly.runs[0][0][0].json,
			profiles.cablenetai.events['lead.created'].sample,
		);

		const debug = fx.endpoint(
			'cablenetai',
			{ events: ['lead.created'], options: { includeRaw: true } },
			{ secrets: { webhookSecret: 's' } },
		);
		const sent = await fx.sb.deliver({
			platform: 'cablenetai',
			type: 'lead.created',
			url: debug.url,
			secret: 's',
			retry: false,
			pretty: true,
			// A proxy in front of n8n, or the sender, may add its own credentials and cookies.
			headers: {
				Authorization: 'Bearer proxy-key',
				'Proxy-Authorization': 'Basic cHJveHk6a2V5',
				Cookie: 'n8n-auth=session',
				'X-API-Key': 'sender-key',
			},
		});
		const item = debug.runs[0][0][0].json;
		assert.equal(item.rawBody, sent.body.toString('utf8'));
		const headers = item.headers as Record<string, string>;
		assert.equal(headers['x-cablenetai-signature'], sent.headers['x-cablenetai-signature']);
		for (const name of ['authorization', 'proxy-authorization', 'cookie', 'x-api-key']) {
			assert.equal(headers[name], undefined, `${name} stays out of the item`);
		}
		assert.doesNotMatch(JSON.stringify(item), /proxy-key|cHJveHk6a2V5|n8n-auth|sender-key/);
		assert.equal(item.type, 'lead.created');
	});

	it('runs the same event once per workflow: de-duplication is per trigger', async () => {
		const first = fx.endpoint(
			'horneross',
			{ events: ['lead.captured'] },
			{ secrets: { webhookSecret: 's' } },
		);
		const second = fx.endpoint(
			'horneross',
			{ events: ['lead.captured'] },
			{ secrets: { webhookSecret: 's' } },
		);
		for (const endpoint of [first, second, first, second]) {
			await fx.sb.deliver({
				platform: 'horneross',
				type: 'lead.captured',
				id: 'evt_shared',
				url: endpoint.url,
				secret: 's',
				retry: false,
			});
		}
		assert.equal(first.runs.length, 1);
		assert.equal(second.runs.length, 1);
	});
});

describe('the signing-secret credential test', () => {
	for (const platform of PLATFORMS.filter((p) => !profiles[p].subscription)) {
		it(`${profiles[platform].displayName}: checks what can be checked without an API`, async () => {
			const node = new TRIGGERS[platform].node() as INodeType;
			const test = node.methods?.credentialTest?.testSigningSecret;
			assert.ok(test);
			const run = async (data: Record<string, string>) =>
				await test.call({} as ICredentialTestFunctions, {
					id: '1',
					name: 'c',
					type: TRIGGERS[platform].credential,
					data,
				});
			assert.equal((await run({ webhookSecret: 'abc' })).status, 'OK');
			assert.equal((await run({ webhookSecret: '  ' })).status, 'Error');
			assert.equal(
				(await run({ webhookSecret: 'abc', previousWebhookSecret: 'abc' })).status,
				'Error',
			);
			assert.equal(node.description.credentials?.[0].testedBy, 'testSigningSecret');
		});
	}
});
