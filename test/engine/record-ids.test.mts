// IDs a URL parser would resolve as path steps (`.`, `..`): `DELETE /v1/webhooks/..` would be
// `DELETE /v1/`. Through n8n's engine, each operation that puts an ID in a path refuses them
// before any request, whoever supplied the ID: a person, an AI Agent, or the platform itself.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { actionFixture, byId, type Fixture, json } from './brote-fixture.mts';
import { type TriggerFixture, triggerFixture } from './trigger-fixture.mts';

let fx: Fixture;

before(async () => {
	fx = await actionFixture();
});

beforeEach(() => fx.sb.resetRequests());

after(async () => {
	await fx.close();
});

const BROTE: Record<string, (id: string) => INodeParameters> = {
	'Contact Get': (id) => ({ resource: 'contact', operation: 'get', contactId: byId(id) }),
	'Contact Update': (id) => ({
		resource: 'contact',
		operation: 'update',
		contactId: byId(id),
		updateFields: { name: 'Ana' },
	}),
	'Conversation Send Message': (id) => ({
		resource: 'conversation',
		operation: 'sendMessage',
		conversationId: byId(id),
		messageType: 'text',
		text: 'Hola',
	}),
	'Ticket Move Stage': (id) => ({
		resource: 'ticket',
		operation: 'moveStage',
		ticketId: byId(id),
		stage: 'won',
	}),
};

const NOTMETA: Record<string, (id: string) => INodeParameters> = Object.fromEntries(
	['get', 'delete', 'getStats', 'getLogs'].map((operation) => [
		`Webhook ${operation}`,
		(id: string) => ({ resource: 'webhook', operation, webhookId: byId(id), returnAll: true }),
	]),
);

const DOT_IDS = ['.', '..', '...', ' .. '];

describe('an ID made only of dots', () => {
	for (const [platform, operations] of [
		['brote', BROTE],
		['notMeta', NOTMETA],
	] as const) {
		for (const [name, parameters] of Object.entries(operations)) {
			// From an expression, as an AI Agent's $fromAI gives it: n8n checks only typed values.
			it(`${platform} ${name} refuses ${DOT_IDS.map((id) => `"${id}"`).join(', ')} and sends nothing`, async () => {
				const run = await fx[platform](
					parameters('={{ $json.id }}'),
					DOT_IDS.map((id) => ({ id })),
					{ onError: 'continueRegularOutput' },
				);
				assert.equal(run.error, undefined);
				const errors = json(run).map((item) => String(item.error));
				assert.equal(errors.length, DOT_IDS.length);
				for (const [index, error] of errors.entries()) {
					assert.match(
						error,
						/^(Contact|Conversation|Ticket|Webhook) "\.+" is not an ID/,
						DOT_IDS[index],
					);
				}
				assert.deepEqual(fx.sb.requests, [], 'no request');
			});
		}
	}

	it('typed into "By ID", n8n refuses it before the node runs', async () => {
		await assert.rejects(fx.brote(BROTE['Contact Get']('..')), /not dots only/);
		assert.deepEqual(fx.sb.requests, []);
		const { Brote } = await import('../../nodes/Brote/Brote.node.ts');
		const locator = new Brote().description.properties.find((p) => p.name === 'contactId');
		const rule = locator?.modes?.find((mode) => mode.name === 'id')?.validation?.[0];
		assert.ok(rule && typeof rule === 'object' && 'properties' in rule);
		const regex = new RegExp(String((rule.properties as { regex: string }).regex));
		for (const id of ['.', '..', '....', 'a b', '']) assert.equal(regex.test(id), false, id);
		for (const id of ['ct_8f2a1c', '.hidden', 'a..b', '..a'])
			assert.equal(regex.test(id), true, id);
	});

	it('an ID with dots and more passes, encoded', async () => {
		const run = await fx.brote(BROTE['Contact Get']('../x'), [{}], {
			onError: 'continueRegularOutput',
		});
		assert.equal(json(run)[0].error, 'Contact ../x does not exist');
		assert.deepEqual(
			fx.sb.requests.map((r) => [r.method, r.path]),
			[['GET', `${new URL(fx.sb.urls.brote).pathname}/contacts/..%2Fx`]],
		);
	});
});

describe('an ID the platform answers', () => {
	let tx: TriggerFixture;
	before(async () => {
		tx = await triggerFixture();
	});
	after(async () => {
		await tx.close();
	});

	it('a subscription listed at the trigger’s URL with the ID ".." is not deleted as "/v1/"', async () => {
		const endpoint = tx.endpoint('brote', { events: ['*'] });
		const created = await fetch(`${tx.sb.urls.brote}/webhooks`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${tx.sb.apiKeys.brote}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({ url: endpoint.url, events: ['contact.created'] }),
		});
		assert.equal(created.status, 201);
		tx.sb.subscriptions('brote')[0].id = '..';
		tx.sb.resetRequests();
		await assert.rejects(endpoint.activate(), /Webhook "\.\." answered by Brote is not an ID/);
		assert.deepEqual(
			tx.sb.requests.filter((r) => r.method !== 'GET'),
			[],
			'no DELETE, no POST',
		);
	});
});
