// Workflows saved before the event options were named in words stored the raw event types as
// values (and "*" for All Events). Loaded by n8n's engine today, each saved value must still be
// an option of its field, the parameters must have no issues, and a delivery must still start a run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { INode, INodeProperties, INodeType, IWorkflowBase } from 'n8n-workflow';

import { profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId, PlatformProfile } from '../../nodes/platforms/types.ts';
import { triggerParts } from '../../nodes/trigger/index.ts';
import { type NodeClass, workflowLib } from '../harness/n8n.mts';
import { CLASSES } from '../harness/platforms.mts';
import {
	subscriptionSecret,
	TRIGGERS,
	type TriggerFixture,
	triggerFixture,
} from './trigger-fixture.mts';

/** Each trigger's Events as a workflow saved before this change holds them (the first five platforms). */
const SAVED_EVENTS: Partial<Record<PlatformId, string[]>> = {
	brote: ['contact.created', 'payment.received'],
	horneross: ['*'],
	cablenetai: ['mls.collaboration.created', 'lead.status_changed'],
	buzzbip: ['message.failed', 'workflow.triggered'],
	notmeta: ['conversation.assigned', 'message.read'],
};

/** A workflow as n8n exports it: the trigger's parameters hold only what the user set. */
function savedWorkflow(platform: PlatformId): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	return {
		nodes: [
			{
				id: `${platform}-trigger`,
				name: 'Trigger',
				type: TRIGGERS[platform].type,
				typeVersion: 1,
				position: [0, 0],
				webhookId: `${platform}-webhook`,
				parameters: { events: SAVED_EVENTS[platform]! },
			},
		],
		connections: {},
	};
}

function optionValues(properties: INodeProperties[], name: string): unknown[] {
	const field = properties.find((p) => p.name === name);
	assert.ok(field, `a field named ${name}`);
	return (field.options ?? []).map((option) => ('value' in option ? option.value : undefined));
}

/** n8n's checks of a loaded node's parameters, as the editor and activation run them. */
function loadedTrigger(platform: PlatformId): INode {
	const saved = savedWorkflow(platform);
	const workflow = new workflowLib.Workflow({
		...saved,
		active: false,
		nodeTypes: fx.engine.nodeTypes,
	});
	const node = workflow.getNode('Trigger');
	assert.ok(node);
	const { description } = fx.engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const parameters = workflowLib.NodeHelpers.getNodeParameters(
		description.properties,
		node.parameters,
		true,
		false,
		node,
		description,
	);
	assert.deepEqual(parameters?.events, SAVED_EVENTS[platform], 'the saved events load unchanged');
	assert.equal(
		workflowLib.NodeHelpers.getNodeParametersIssues(description.properties, node, description),
		null,
	);
	return node;
}

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture();
});
after(async () => {
	await fx.close();
});

describe('workflows saved with the raw event types', () => {
	for (const platform of Object.keys(SAVED_EVENTS) as PlatformId[]) {
		const name = profiles[platform].displayName;
		it(`${name} Trigger: every saved event is still an option, named in words`, () => {
			loadedTrigger(platform);
			const { properties } = (new TRIGGERS[platform].node() as INodeType).description;
			const values = optionValues(properties, 'events');
			for (const value of SAVED_EVENTS[platform]!) assert.ok(values.includes(value), value);
			const events = properties.find((p) => p.name === 'events')?.options ?? [];
			for (const option of events) {
				if ('value' in option && option.value !== '*') assert.notEqual(option.name, option.value);
			}
		});
	}

	it("NotMeta's webhook operations keep the raw types as values", () => {
		const Action = CLASSES.notmeta.action;
		assert.ok(Action);
		const { properties } = (new Action() as INodeType).description;
		const values = optionValues(properties, 'events');
		assert.deepEqual(values.slice().sort(), Object.keys(profiles.notmeta.events).sort());
	});

	it('Brote: a delivery of a saved event still runs the saved trigger', async () => {
		const node = loadedTrigger('brote');
		const endpoint = fx.endpoint('brote', node.parameters, { node });
		// A saved node names its credential by id; the harness stores the sandbox's under a new one.
		endpoint.setCredentials(fx.credentials('brote'));
		await endpoint.activate();
		const secret = subscriptionSecret(fx.sb, 'brote', endpoint.url);
		const { attempts } = await fx.sb.deliver({
			platform: 'brote',
			type: 'payment.received',
			url: endpoint.url,
			secret,
			retry: false,
		});
		assert.equal(attempts[0]?.status, 200);
		assert.equal(endpoint.runs.length, 1);
		const item = endpoint.runs[0][0][0].json;
		assert.equal(item.type, 'payment.received');
		assert.equal(item.organizationId, profiles.brote.envelope.extraFields?.organization_id);
	});

	it('Horneross: "All Events" saved as "*" still runs on any event', async () => {
		const node = loadedTrigger('horneross');
		const secrets = { webhookSecret: 'saved-secret' };
		const endpoint = fx.endpoint('horneross', node.parameters, { node });
		endpoint.setCredentials(fx.credentials('horneross', secrets));
		const { attempts } = await fx.sb.deliver({
			platform: 'horneross',
			type: 'lead.captured',
			url: endpoint.url,
			secret: secrets.webhookSecret,
			retry: false,
		});
		assert.equal(attempts[0]?.status, 200);
		assert.equal(endpoint.runs.length, 1);
		assert.equal(endpoint.runs[0][0][0].json.type, 'lead.captured');
	});
});

/** A release of the Brote Trigger built from `profile`, as the package would ship it. */
function broteRelease(profile: PlatformProfile): NodeClass {
	const parts = triggerParts(profile, { manualRegistration: true });
	return class implements INodeType {
		description = parts.description;
		webhookMethods = parts.webhookMethods;
		webhook = parts.webhook;
	};
}

describe('"All Events" across a release that adds an event', () => {
	const { events, ...rest } = profiles.brote;
	const types = Object.keys(events);
	const added = types[types.length - 1];
	const before = Object.fromEntries(types.slice(0, -1).map((type) => [type, events[type]]));
	/** The release that knew every event but `added`, and the next one, which adds it at version 2. */
	const older = broteRelease({ ...rest, events: before });
	const newer = broteRelease({
		...rest,
		events: { ...before, [added]: { ...events[added], since: 2 } },
	});
	const { type } = TRIGGERS.brote;

	function savedNode(typeVersion: number, parameters: INode['parameters']): INode {
		return {
			id: `saved-v${typeVersion}`,
			name: 'Trigger',
			type,
			typeVersion,
			position: [0, 0],
			webhookId: `saved-v${typeVersion}-${Math.random()}`,
			parameters,
		};
	}

	it('a version-1 workflow keeps its subscription, its events and its secret, and its outputs', async () => {
		fx.sb.faults.set({ platform: 'brote', ownWebhookSecret: true });
		try {
			fx.engine.nodeTypes.install(type, older);
			const parameters = { events: ['*'], options: { separateOutputs: true } };
			const endpoint = fx.endpoint('brote', parameters, { node: savedNode(1, parameters) });
			endpoint.setCredentials(fx.credentials('brote'));
			assert.deepEqual(await endpoint.activate(), { created: true });
			const [subscribed] = fx.sb.subscriptions('brote').filter((s) => s.url === endpoint.url);
			assert.deepEqual(subscribed.events, Object.keys(before).sort());

			fx.engine.nodeTypes.install(type, newer);
			assert.deepEqual(await endpoint.activate(), { created: false }, 'the subscription is kept');
			const [kept, ...more] = fx.sb.subscriptions('brote').filter((s) => s.url === endpoint.url);
			assert.equal(more.length, 0);
			assert.equal(kept.id, subscribed.id);
			assert.deepEqual(kept.events, subscribed.events);
			assert.equal(kept.secret, subscribed.secret);

			// Saved connections follow output indexes: the new event takes "Other Events", the last.
			const { attempts } = await fx.sb.deliver({
				platform: 'brote',
				type: added,
				url: endpoint.url,
				secret: kept.secret,
				retry: false,
			});
			assert.equal(attempts[0]?.status, 200);
			const outputs = endpoint.runs[0];
			assert.equal(outputs.length, Object.keys(before).length + 1);
			assert.equal(outputs.at(-1)?.[0]?.json.type, added);
			await endpoint.deactivate();
		} finally {
			fx.sb.faults.clear();
			fx.engine.nodeTypes.install(type, TRIGGERS.brote.node);
		}
	});

	it('the new event reaches a version-1 workflow that selects it, and version 2\'s "All Events"', async () => {
		fx.engine.nodeTypes.install(type, newer);
		try {
			const cases: Array<[number, string[], string[]]> = [
				[1, [added], [added]],
				[2, ['*'], types.slice().sort()],
			];
			for (const [typeVersion, events, expected] of cases) {
				const parameters = { events };
				const endpoint = fx.endpoint('brote', parameters, {
					node: savedNode(typeVersion, parameters),
				});
				endpoint.setCredentials(fx.credentials('brote'));
				await endpoint.activate();
				const [subscribed] = fx.sb.subscriptions('brote').filter((s) => s.url === endpoint.url);
				assert.deepEqual(subscribed.events, expected, `version ${typeVersion}`);
				await endpoint.deactivate();
			}
		} finally {
			fx.engine.nodeTypes.install(type, TRIGGERS.brote.node);
		}
	});
});
