import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { client } from './helpers.mts';

const tool = {
	type: 'function',
	function: {
		name: 'Create_contact',
		description: 'Create a contact in Brote',
		parameters: { type: 'object', properties: { name: { type: 'string' } } },
	},
};

describe('the scripted chat model', () => {
	let sb: Sandbox;
	let openAi: ReturnType<typeof client>;
	before(async () => {
		sb = await startSandbox();
		openAi = client(sb.chatModelUrl, 'any-key');
		sb.chatModel.script('scripted', {
			toolArguments: { name: 'Ana' },
			finalMessage: 'Done.',
		});
	});
	after(async () => {
		await sb.close();
	});

	test('calls the offered tool first, then answers once the result is among the messages', async () => {
		const question = { role: 'user', content: 'Add Ana' };
		const first = await openAi('POST', '/chat/completions', {
			model: 'scripted',
			messages: [question],
			tools: [tool],
		});
		assert.equal(first.status, 200);
		const [choice] = first.body.choices;
		assert.equal(choice.finish_reason, 'tool_calls');
		const [call] = choice.message.tool_calls;
		assert.equal(call.function.name, 'Create_contact');
		assert.deepEqual(JSON.parse(call.function.arguments), { name: 'Ana' });

		const second = await openAi('POST', '/chat/completions', {
			model: 'scripted',
			messages: [
				question,
				choice.message,
				{ role: 'tool', tool_call_id: call.id, content: '[{"id":"ct_1"}]' },
			],
			tools: [tool],
		});
		assert.equal(second.body.choices[0].finish_reason, 'stop');
		assert.equal(second.body.choices[0].message.content, 'Done.');

		assert.equal(sb.chatModel.requestsFor('scripted').length, 2);
		assert.deepEqual(sb.chatModel.requestsFor('scripted')[0]!.tools, [tool]);
		assert.deepEqual(sb.chatModel.toolResults('scripted'), ['[{"id":"ct_1"}]']);
	});

	test('lists the scripted models, and refuses a model without a script or a missing tool', async () => {
		const models = await openAi('GET', '/models');
		assert.deepEqual(
			models.body.data.map((model: { id: string }) => model.id),
			['scripted'],
		);
		const unknown = await openAi('POST', '/chat/completions', { model: 'other', messages: [] });
		assert.equal(unknown.status, 404);
		const noTool = await openAi('POST', '/chat/completions', {
			model: 'scripted',
			messages: [{ role: 'user', content: 'Add Ana' }],
		});
		assert.equal(noTool.status, 400);
		assert.match(noTool.body.error.message, /offered: none/);
	});
});
