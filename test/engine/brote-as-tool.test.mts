// The Brote node under the type n8n gives its AI Agent tool variant (`broteTool`: the same
// class), run by n8n's engine: what changes when a model, not a person, reads the result.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { BroteApi } from '../../credentials/BroteApi.credentials.ts';
import { Brote } from '../../nodes/Brote/Brote.node.ts';
import { AI_TOOL_LIST_CAP } from '../../nodes/actions/aiTool.ts';
import { Engine } from '../harness/n8n.mts';
import { actionFixture, type Fixture, json } from './brote-fixture.mts';

let fx: Fixture;
let tools: Engine;

before(async () => {
	fx = await actionFixture();
	fx.sb.brote.seed({ contacts: AI_TOOL_LIST_CAP + 30 });
	tools = new Engine({ nodes: { broteTool: Brote }, credentialTypes: [BroteApi] });
});

after(async () => {
	await fx.close();
});

const asTool = (parameters: INodeParameters) =>
	tools.run({ type: 'broteTool', parameters, credentials: fx.broteCredentials() });

describe('as an AI Agent tool', () => {
	it('Get Many with Return All gives the model at most the cap; the action node gives all', async () => {
		const parameters = { resource: 'contact', operation: 'getAll', returnAll: true };
		const tool = await asTool(parameters);
		assert.equal(tool.error, undefined);
		assert.equal(json(tool).length, AI_TOOL_LIST_CAP);
		const action = await fx.brote(parameters);
		assert.equal(json(action).length, fx.sb.brote.contacts.size);
	});

	it('a Limit above the cap is cut to the cap, one below it is kept', async () => {
		const above = await asTool({
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: AI_TOOL_LIST_CAP + 10,
		});
		assert.equal(json(above).length, AI_TOOL_LIST_CAP);
		const below = await asTool({
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
		});
		assert.equal(json(below).length, 3);
	});

	it("a value the model got wrong fails with the field's rules in the message itself", async () => {
		const parameters = { resource: 'contact', operation: 'create', name: 'Ana', phone: '0912' };
		const tool = await asTool(parameters);
		assert.match(String(tool.error?.message), /^Phone must be a phone number in E\.164 format/);
		assert.match(String(tool.error?.message), /a plus sign, the country code and the number/);
		// In the editor the rule stays in the description, under a short title.
		const action = await fx.brote(parameters);
		assert.doesNotMatch(String(action.error?.message), /a plus sign/);
		assert.match(String(action.error?.description), /a plus sign/);
	});

	it("the platform's refusal reaches the model with its status and whether a retry helps", async () => {
		const tool = await asTool({
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'id', value: 'ct_nobody' },
		});
		assert.match(String(tool.error?.message), /ct_nobody/);
		assert.match(String(tool.error?.message), /HTTP 404.*not retried/);
	});

	it('"Custom API Call", which n8n adds to the resources, says what to use instead', async () => {
		const tool = await asTool({ resource: '__CUSTOM_API_CALL__' });
		assert.match(String(tool.error?.message), /Custom API Call is not an operation.*HTTP Request/);
	});
});
