// The NotMeta node under the type n8n gives its AI Agent tool variant (`notMetaTool`: the same
// class), run by n8n's engine: a webhook's signing secret never reaches the model.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { NotMetaApi } from '../../credentials/NotMetaApi.credentials.ts';
import { NotMeta } from '../../nodes/NotMeta/NotMeta.node.ts';
import { Engine } from '../harness/n8n.mts';
import { actionFixture, byId, type Fixture, json } from './brote-fixture.mts';

let fx: Fixture;
let tools: Engine;

before(async () => {
	fx = await actionFixture();
	tools = new Engine({ nodes: { notMetaTool: NotMeta }, credentialTypes: [NotMetaApi] });
});

after(async () => {
	await fx.close();
});

const asTool = (parameters: INodeParameters) =>
	tools.run({ type: 'notMetaTool', parameters, credentials: fx.notMetaCredentials() });

const create = (secret?: string) => ({
	resource: 'webhook',
	operation: 'create',
	url: 'https://example.com/hook',
	events: ['user.created'],
	additionalFields: secret === undefined ? {} : { secret },
});

describe('NotMeta as an AI Agent tool', () => {
	it('Create gives the model the webhook without its secret, whoever made it', async () => {
		for (const secret of ['whsec_chosen', undefined]) {
			const run = await asTool(create(secret));
			assert.equal(run.error, undefined);
			const [webhook, ...more] = json(run);
			assert.equal(more.length, 0);
			assert.match(String(webhook.id), /^wh_/);
			assert.equal(webhook.url, 'https://example.com/hook');
			assert.equal('secret' in webhook, false);
			assert.doesNotMatch(JSON.stringify(run.outputs), /whsec_/);
		}
	});

	it('the action node’s Create keeps the secret NotMeta answered, for the builder to copy', async () => {
		const run = await fx.notMeta(create());
		assert.match(String(json(run)[0].secret), /^whsec_/);
	});

	it('Get, Get Many, Get Logs and Get Stats give the model no secret', async () => {
		const id = fx.sb.subscriptions('notmeta')[0].id;
		for (const parameters of [
			{ resource: 'webhook', operation: 'get', webhookId: byId(id) },
			{ resource: 'webhook', operation: 'getAll', returnAll: true },
			{ resource: 'webhook', operation: 'getLogs', webhookId: byId(id), returnAll: true },
			{ resource: 'webhook', operation: 'getStats', webhookId: byId(id) },
		]) {
			const run = await asTool(parameters);
			assert.equal(run.error, undefined, parameters.operation);
			assert.doesNotMatch(JSON.stringify(run.outputs), /secret|whsec_/, parameters.operation);
		}
	});
});
