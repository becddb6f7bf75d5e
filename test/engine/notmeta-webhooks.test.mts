// Every NotMeta operation, run by n8n's engine against the sandbox over loopback HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import { NotMetaApi } from '../../credentials/NotMetaApi.credentials.ts';
import { type Answer, type Received, type Receiver, startReceiver } from '../harness/receiver.mts';
import { actionFixture, byId, type Fixture, json } from './brote-fixture.mts';

let fx: Fixture;
let receiver: Receiver;
let receiverUrl: string;

/** Answers NotMeta's verification challenge, as a trigger would. */
function answerChallenge(req: Received): Answer {
	const body = JSON.parse(req.body.toString('utf8')) as {
		type: string;
		data: { challenge?: string };
	};
	return { status: 200, body: body.type === 'webhook.verified' ? body.data.challenge : 'OK' };
}

before(async () => {
	fx = await actionFixture();
	receiver = await startReceiver(answerChallenge);
	receiverUrl = receiver.url;
});

after(async () => {
	await fx.close();
	await receiver.close();
});

let webhookId = '';

describe('Webhook', () => {
	it('creates a subscription, which NotMeta then verifies', async () => {
		const run = await fx.notMeta({
			resource: 'webhook',
			operation: 'create',
			url: receiverUrl,
			events: ['message.received', 'conversation.assigned'],
			additionalFields: { secret: 'whsec_test' },
		});
		assert.equal(run.error, undefined);
		const [created] = json(run);
		webhookId = String(created.id);
		assert.deepEqual(created.events, ['message.received', 'conversation.assigned']);
		assert.equal(created.secret, 'whsec_test');
		assert.deepEqual(
			fx.sb.subscriptions('notmeta').map((s) => s.id),
			[webhookId],
		);
		for (let i = 0; i < 50 && fx.sb.subscriptions('notmeta')[0].status !== 'active'; i++)
			await delay(20);
	});

	it('gets it by ID, now active', async () => {
		const run = await fx.notMeta({
			resource: 'webhook',
			operation: 'get',
			webhookId: byId(webhookId),
		});
		assert.equal(run.error, undefined);
		assert.equal(json(run)[0].status, 'active');
		assert.equal(json(run)[0].url, receiverUrl);
		assert.equal('secret' in json(run)[0], false, 'the signing secret stays at NotMeta');
	});

	it('gets many, up to a limit', async () => {
		await fx.notMeta({
			resource: 'webhook',
			operation: 'create',
			url: receiverUrl,
			events: ['user.created'],
		});
		const all = await fx.notMeta({ resource: 'webhook', operation: 'getAll', returnAll: true });
		assert.equal(json(all).length, 2);
		for (const webhook of json(all)) {
			assert.deepEqual(Object.keys(webhook).sort(), [
				'created_at',
				'events',
				'id',
				'status',
				'url',
			]);
		}
		const one = await fx.notMeta({
			resource: 'webhook',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		assert.deepEqual(
			json(one).map((w) => w.id),
			[webhookId],
		);
	});

	it('reads the delivery log and statistics', async () => {
		const logs = await fx.notMeta({
			resource: 'webhook',
			operation: 'getLogs',
			webhookId: byId(webhookId),
			returnAll: true,
		});
		assert.equal(logs.error, undefined);
		assert.deepEqual(
			json(logs).map((a) => [a.type, a.status, a.ok]),
			[['webhook.verified', 200, true]],
		);
		const stats = await fx.notMeta({
			resource: 'webhook',
			operation: 'getStats',
			webhookId: byId(webhookId),
		});
		assert.equal(json(stats)[0].attempts, 1);
		assert.equal(json(stats)[0].attempts_succeeded, 1);
	});

	it('finds subscriptions in the list search by URL or event', async () => {
		const call = { type: 'notMeta', credentials: fx.notMetaCredentials() };
		const all = await fx.engine.listSearch(call, 'searchWebhooks');
		assert.equal(all.results.length, 2);
		const byEvent = await fx.engine.listSearch(call, 'searchWebhooks', 'conversation.assigned');
		assert.deepEqual(
			byEvent.results.map((r) => r.value),
			[webhookId],
		);
	});

	it("deletes it; getting it afterwards is a 404 with NotMeta's message", async () => {
		const run = await fx.notMeta({
			resource: 'webhook',
			operation: 'delete',
			webhookId: byId(webhookId),
		});
		assert.deepEqual(json(run), [{ id: webhookId, deleted: true }]);
		assert.equal(
			fx.sb.subscriptions('notmeta').some((s) => s.id === webhookId),
			false,
		);
		const gone = await fx.notMeta({
			resource: 'webhook',
			operation: 'get',
			webhookId: byId(webhookId),
		});
		assert.equal(gone.error?.httpCode, '404');
		assert.equal(gone.error?.message, `Webhook ${webhookId} does not exist`);
	});

	it('checks the URL and the events before sending anything', async () => {
		fx.sb.resetRequests();
		// An expression gets past the editor's own check for a required field.
		const noEvents = await fx.notMeta({
			resource: 'webhook',
			operation: 'create',
			url: receiverUrl,
			events: '={{ [] }}',
		});
		assert.match(noEvents.error?.message ?? '', /^Events must name at least one event type/);
		const badUrl = await fx.notMeta({
			resource: 'webhook',
			operation: 'create',
			url: 'ftp://x',
			events: ['user.created'],
		});
		assert.match(badUrl.error?.message ?? '', /^URL must be an absolute http or https URL/);
		assert.equal(fx.sb.requests.length, 0);
	});
});

describe('NotMeta credential test', () => {
	it('passes with a good key and fails with a bad one', async () => {
		const good = await fx.engine.testCredential('notMetaApi', {
			apiKey: fx.sb.apiKeys.notmeta,
			baseUrl: fx.sb.urls.notmeta,
		});
		assert.equal(good.status, 'OK');
		const bad = await fx.engine.testCredential('notMetaApi', {
			apiKey: fx.sb.apiKeys.brote,
			baseUrl: fx.sb.urls.notmeta,
		});
		assert.equal(bad.status, 'Error');
	});

	// The fields come from a shared function, which n8n's lint of password fields does not read.
	it('masks the API key and both signing secrets', () => {
		const masked = new NotMetaApi().properties.filter((p) => p.typeOptions?.password === true);
		assert.deepEqual(
			masked.map((p) => p.name),
			['apiKey', 'webhookSecret', 'previousWebhookSecret'],
		);
	});
});
