// Bad parameters, platform errors and "Continue On Fail", through n8n's engine.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { actionFixture, byId, type Fixture, json } from './brote-fixture.mts';

let fx: Fixture;
let contactId: string;
let conversationId: string;

before(async () => {
	fx = await actionFixture();
	fx.sb.brote.seed({ contacts: 5, conversations: 2 });
	conversationId = fx.sb.brote.conversations.values().next().value?.id ?? '';
	contactId = fx.sb.brote.conversations.get(conversationId)?.contact_id ?? '';
});

beforeEach(() => fx.sb.resetRequests());

after(async () => {
	await fx.close();
});

const createContact = { resource: 'contact', operation: 'create', name: 'Ana' };
const paymentLink = () => ({
	resource: 'payment',
	operation: 'createLink',
	contactId: byId(contactId),
});

describe('Parameter validation, before any request', () => {
	const cases: Array<{ name: string; parameters: () => INodeParameters; field: RegExp }> = [
		{
			name: 'a phone not in E.164',
			parameters: () => ({ ...createContact, phone: '0912345678' }),
			field: /^Phone .*E\.164/,
		},
		{
			name: 'a negative amount',
			parameters: () => ({ ...paymentLink(), amount: -100, currency: 'CLP' }),
			field: /^Amount .*positive whole/,
		},
		{
			name: 'a non-integer amount',
			parameters: () => ({ ...paymentLink(), amount: 19.9, currency: 'USD' }),
			field: /^Amount .*minor units/,
		},
		{
			name: 'an unknown currency',
			parameters: () => ({ ...paymentLink(), amount: 100, currency: 'XYZ' }),
			field: /^Currency .*ISO 4217.*"XYZ"/,
		},
		{
			name: 'an empty message text',
			parameters: () => ({
				resource: 'conversation',
				operation: 'sendMessage',
				conversationId: byId(conversationId),
				messageType: 'text',
				text: '   ',
			}),
			field: /^Text must not be empty/,
		},
	];

	for (const { name, parameters: make, field } of cases) {
		it(`refuses ${name}, naming the field`, async () => {
			const parameters = make();
			// The bad row is the last of three: the good rows before it are not sent either.
			const good = { ...parameters, ...goodValues(parameters) };
			const run = await fx.brote({ ...parameters, ...inputExpressions(parameters) }, [
				{ ok: true, good },
				{ ok: true, good },
				{ ok: false },
			]);
			assert.ok(run.error, 'the run fails');
			assert.equal(run.error.name, 'NodeOperationError');
			assert.match(run.error.message, field);
			assert.equal((run.error as { context?: { itemIndex?: number } }).context?.itemIndex, 2);
			assert.equal(fx.sb.requests.length, 0, 'no request was made');
		});
	}
});

describe('Values a model or an expression makes hostile', () => {
	const sendMedia = (mediaUrl: string) => ({
		resource: 'conversation',
		operation: 'sendMessage',
		conversationId: byId(conversationId),
		messageType: 'image',
		mediaUrl: '={{ $json.mediaUrl }}',
		caption: '',
		input: [{ mediaUrl }],
	});

	// The check once backtracked: 17 s for such a value. The timeout only bounds a hang.
	it(
		'a 200 kB media URL that is not one is refused, and the message stays short',
		{ timeout: 10_000 },
		async () => {
			const hostile = [
				`http://${'a'.repeat(200_000)} b`,
				`http://${'a'.repeat(200_000)}\tb`,
				`https://${'/'.repeat(200_000)}`,
				`${'http://'.repeat(30_000)} x`,
			];
			for (const mediaUrl of hostile) {
				const { input, ...parameters } = sendMedia(mediaUrl);
				const run = await fx.brote(parameters, input);
				assert.match(
					String(run.error?.message),
					/^Media URL must be an absolute http or https URL; got "http/,
				);
				assert.ok(String(run.error?.message).length < 300, 'the value is not echoed whole');
			}
			assert.equal(fx.sb.requests.length, 0);
		},
	);

	it(
		'a Base URL ending in a long run of slashes is read in linear time',
		{ timeout: 10_000 },
		async () => {
			const list = { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1 };
			const trailing = await fx.engine.run({
				type: 'brote',
				parameters: list,
				credentials: fx.broteCredentials(undefined, { baseUrl: `${fx.sb.urls.brote}///` }),
			});
			assert.equal(trailing.error, undefined);
			assert.equal(json(trailing).length, 1);
			// The old pattern /\/+$/ took about 7 s on 100,000 slashes before a non-slash.
			const hostile = await fx.engine.run({
				type: 'brote',
				parameters: list,
				credentials: fx.broteCredentials(undefined, {
					baseUrl: `${fx.sb.urls.brote}${'/'.repeat(200_000)}x`,
				}),
			});
			assert.ok(hostile.error, 'no such API');
		},
	);

	it('the media URL check keeps its answers', async () => {
		for (const [mediaUrl, ok] of [
			['https://example.com/catalogo.png', true],
			['HTTP://EXAMPLE.COM', true],
			[`https://example.com/${'a'.repeat(200_000)}`, true],
			['http:/example.com', false],
			['ftp://example.com/x', false],
			['https://exa mple.com', false],
			['https://', false],
			['//example.com/x', false],
		] as const) {
			const { input, ...parameters } = sendMedia(mediaUrl);
			fx.sb.resetRequests();
			const run = await fx.brote(parameters, input);
			if (ok) {
				assert.equal(run.error, undefined, mediaUrl.slice(0, 40));
				assert.equal(fx.count('POST', '/messages'), 1);
			} else {
				assert.match(String(run.error?.message), /^Media URL must be an absolute/, mediaUrl);
				assert.equal(fx.sb.requests.length, 0);
			}
		}
	});
});

/** Valid values for the one field each case breaks. */
function goodValues(parameters: INodeParameters): INodeParameters {
	if ('phone' in parameters) return { phone: '+56912345678' };
	if ('amount' in parameters) return { amount: 100, currency: 'CLP' };
	return { text: 'Hola' };
}

/** Each field reads the item's `good` value on good rows and the bad parameter on the bad row. */
function inputExpressions(parameters: INodeParameters): INodeParameters {
	const result: INodeParameters = {};
	for (const key of Object.keys(goodValues(parameters))) {
		result[key] = `={{ $json.ok ? $json.good.${key} : ${JSON.stringify(parameters[key])} }}`;
	}
	return result;
}

describe('Platform errors', () => {
	it('a 4xx carries the platform message and status, and is not retried', async () => {
		const run = await fx.brote({ ...paymentLink(), amount: 100, currency: 'EUR' });
		assert.equal(run.error?.name, 'NodeApiError');
		assert.match(run.error?.message ?? '', /^currency must be one of CLP/);
		assert.equal(run.error?.httpCode, '422');
		assert.match(run.error?.description ?? '', /HTTP 422 on try 1; a 4xx answer is final/);
		assert.equal(fx.count('POST', '/payments/links'), 1);
	});

	it('a 404 says which record does not exist', async () => {
		const run = await fx.brote({ resource: 'contact', operation: 'get', contactId: byId('nope') });
		assert.equal(run.error?.message, 'Contact nope does not exist');
		assert.equal(run.error?.httpCode, '404');
	});

	it('a bad API key is a 401 with the platform message', async () => {
		const run = await fx.engine.run({
			type: 'brote',
			parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1 },
			credentials: fx.broteCredentials('wrong-key'),
		});
		assert.equal(run.error?.httpCode, '401');
		assert.match(run.error?.message ?? '', /API key is not valid/);
	});
});

describe('Continue On Fail', () => {
	it('gives one error item per failed input item, paired with it, and carries on', async () => {
		const run = await fx.brote(
			{ resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') },
			[{ id: contactId }, { id: 'missing' }, { id: contactId }],
			{ onError: 'continueRegularOutput' },
		);
		assert.equal(run.error, undefined);
		const items = run.outputs[0];
		assert.equal(items.length, 3);
		assert.deepEqual(
			items.map((i) => i.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
		assert.equal(items[0].json.id, contactId);
		assert.equal(items[1].json.error, 'Contact missing does not exist');
		assert.equal((items[1].error as { httpCode?: string } | undefined)?.httpCode, '404');
		assert.equal(items[2].json.id, contactId);
	});

	it('turns a bad parameter into an error item while the other items are sent', async () => {
		const run = await fx.brote(
			{ ...createContact, phone: '={{ $json.phone }}' },
			[{ phone: '+56911110000' }, { phone: '12' }, { phone: '+56911110001' }],
			{ onError: 'continueRegularOutput' },
		);
		assert.equal(run.error, undefined);
		const out = json(run);
		assert.equal(out.length, 3);
		assert.equal(out[0].phone, '+56911110000');
		assert.match(String(out[1].error), /^Phone must be a phone number in E\.164/);
		assert.equal(out[2].phone, '+56911110001');
		assert.equal(fx.count('POST', '/contacts'), 2);
	});

	it('works with the error output too', async () => {
		const run = await fx.brote(
			{ resource: 'contact', operation: 'get', contactId: byId('={{ $json.id }}') },
			[{ id: contactId }, { id: 'missing' }],
			{ onError: 'continueErrorOutput' },
		);
		assert.equal(run.error, undefined);
		assert.deepEqual(
			run.outputs[0].map((i) => i.json.id),
			[contactId],
		);
		assert.deepEqual(
			run.outputs[1]?.map((i) => [i.json.error, i.pairedItem]),
			[['Contact missing does not exist', { item: 1 }]],
		);
	});
});
