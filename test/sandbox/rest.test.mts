import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { client } from './helpers.mts';

function assertError(answer: { status: number; body: any }, status: number, code: string): void {
	assert.equal(answer.status, status, JSON.stringify(answer.body));
	assert.deepEqual(Object.keys(answer.body), ['error']);
	assert.equal(answer.body.error.code, code);
	assert.equal(typeof answer.body.error.message, 'string');
	assert.ok(answer.body.error.message.length > 10);
}

describe('pagination over 10,000 contacts', () => {
	let sb: Sandbox;
	before(async () => {
		sb = await startSandbox();
	});
	after(() => sb.close());

	test('seeding 10,000 contacts takes well under a second', () => {
		const started = performance.now();
		sb.brote.seed({ contacts: 10_000 });
		assert.ok(performance.now() - started < 500, `${performance.now() - started} ms`);
		assert.equal(sb.brote.contacts.size, 10_000);
	});

	test('limit=100 walks them in exactly 100 pages, each contact once', async () => {
		const call = client(sb.urls.brote, sb.apiKeys.brote);
		sb.resetRequests();
		const ids = new Set<string>();
		let cursor: string | null = null;
		let pages = 0;
		do {
			const page: any = await call(
				'GET',
				`/contacts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
			);
			assert.equal(page.status, 200);
			assert.deepEqual(Object.keys(page.body), ['data', 'next_cursor']);
			assert.equal(page.body.data.length, 100);
			for (const c of page.body.data) ids.add(c.id);
			cursor = page.body.next_cursor;
			pages++;
		} while (cursor !== null && pages < 200);
		assert.equal(pages, 100);
		assert.equal(ids.size, 10_000);
		assert.equal(sb.requests.length, 100);
		assert.ok(
			sb.requests.every(
				(r) => r.platform === 'brote' && r.status === 200 && r.query.limit === '100',
			),
		);
	});

	test('the default page is 25; limit outside 1..100 or a forged cursor is a 422', async () => {
		const call = client(sb.urls.brote, sb.apiKeys.brote);
		const first = await call('GET', '/contacts');
		assert.equal(first.body.data.length, 25);
		assert.equal(typeof first.body.next_cursor, 'string');
		for (const limit of ['0', '101', 'abc', '2.5', '-1']) {
			assertError(await call('GET', `/contacts?limit=${limit}`), 422, 'validation_error');
		}
		assertError(await call('GET', '/contacts?cursor=bm9wZQ'), 422, 'validation_error');
		assert.equal((await call('GET', '/contacts?limit=1')).body.data.length, 1);
	});

	test('q searches name, email and phone', async () => {
		const call = client(sb.urls.brote, sb.apiKeys.brote);
		const target = [...sb.brote.contacts.values()][4321];
		const byPhone = await call('GET', `/contacts?q=${encodeURIComponent(target.phone)}`);
		assert.deepEqual(
			byPhone.body.data.map((c: any) => c.id),
			[target.id],
		);
		const byEmail = await call('GET', `/contacts?q=${encodeURIComponent(target.email!)}`);
		assert.deepEqual(
			byEmail.body.data.map((c: any) => c.id),
			[target.id],
		);
		const byName = await call(
			'GET',
			`/contacts?q=${encodeURIComponent(target.name.split(' ')[0].toLowerCase())}&limit=100`,
		);
		assert.ok(byName.body.data.every((c: any) => c.name.startsWith(target.name.split(' ')[0])));
	});
});

describe('Brote REST endpoints', () => {
	let sb: Sandbox;
	let call: ReturnType<typeof client>;
	before(async () => {
		sb = await startSandbox();
		sb.brote.seed({ contacts: 30, conversations: 10, tickets: 10 });
		call = client(sb.urls.brote, sb.apiKeys.brote);
	});
	after(() => sb.close());

	test("401 without a key, with a wrong key, or with another platform's key", async () => {
		assertError(await call('GET', '/contacts', undefined, ''), 401, 'unauthorized');
		assertError(await client(sb.urls.brote)('GET', '/contacts'), 401, 'unauthorized');
		assertError(await call('GET', '/contacts', undefined, 'nope'), 401, 'unauthorized');
		assertError(await call('GET', '/contacts', undefined, sb.apiKeys.notmeta), 401, 'unauthorized');
		assertError(
			await client(sb.urls.notmeta)('GET', '/webhooks', undefined, sb.apiKeys.brote),
			401,
			'unauthorized',
		);
	});

	test('404 for unknown ids and paths, 405 for a wrong method, 400 for broken JSON', async () => {
		assertError(await call('GET', '/contacts/does-not-exist'), 404, 'not_found');
		assertError(await call('PATCH', '/contacts/does-not-exist', { name: 'x' }), 404, 'not_found');
		assertError(
			await call('POST', '/conversations/nope/messages', { type: 'text', text: 'hi' }),
			404,
			'not_found',
		);
		assertError(await call('PATCH', '/tickets/nope/stage', { stage: 'won' }), 404, 'not_found');
		assertError(await call('GET', '/nothing-here'), 404, 'not_found');
		assertError(await call('DELETE', '/contacts'), 405, 'method_not_allowed');
		assertError(await call('POST', '/contacts', '{"name": '), 400, 'invalid_json');
	});

	test('contacts: create, get, update; invalid bodies are 422', async () => {
		const created = await call('POST', '/contacts', {
			name: 'Ana Pérez',
			phone: '+56911112222',
			email: 'ana@ejemplo.cl',
			tags: ['vip'],
			custom_fields: { rut: '1-9' },
		});
		assert.equal(created.status, 201);
		const contact = created.body;
		assert.deepEqual(Object.keys(contact).sort(), [
			'created_at',
			'custom_fields',
			'email',
			'id',
			'name',
			'opted_out',
			'phone',
			'tags',
			'updated_at',
		]);
		assert.equal(contact.opted_out, false);
		assert.deepEqual(sb.brote.contacts.get(contact.id), contact);
		assert.deepEqual((await call('GET', `/contacts/${contact.id}`)).body, contact);

		const updated = await call('PATCH', `/contacts/${contact.id}`, {
			tags: ['vip', 'plan_anual'],
			custom_fields: { comuna: 'Ñuñoa', rut: null },
		});
		assert.equal(updated.status, 200);
		assert.deepEqual(updated.body.tags, ['vip', 'plan_anual']);
		assert.deepEqual(updated.body.custom_fields, { comuna: 'Ñuñoa' });

		for (const body of [
			{ name: 'No phone' },
			{ name: 'Bad phone', phone: '912345678' },
			{ name: 'Bad phone', phone: '+0123' },
			{ name: '', phone: '+56911112223' },
			{ name: 'Bad email', phone: '+56911112224', email: 'not-an-email' },
			{ name: 'Tags', phone: '+56911112225', tags: 'vip' },
			{ name: 'Unknown', phone: '+56911112226', favourite_color: 'green' },
			[],
		]) {
			assertError(await call('POST', '/contacts', body), 422, 'validation_error');
		}
		assertError(
			await call('PATCH', `/contacts/${contact.id}`, { phone: 'abc' }),
			422,
			'validation_error',
		);
		assertError(
			await call('PATCH', `/contacts/${contact.id}`, { opted_out: 'yes' }),
			422,
			'validation_error',
		);
	});

	test('conversations: list and filter; messages of every type, with 422 for incomplete ones', async () => {
		const list = await call('GET', '/conversations?limit=100');
		assert.equal(list.body.data.length, 10);
		const conversation = list.body.data[0];
		const filtered = await call('GET', `/conversations?contact_id=${conversation.contact_id}`);
		assert.ok(
			filtered.body.data.length >= 1 &&
				filtered.body.data.every((c: any) => c.contact_id === conversation.contact_id),
		);

		const path = `/conversations/${conversation.id}/messages`;
		const text = await call('POST', path, { type: 'text', text: 'Hola, te envío el link de pago' });
		assert.equal(text.status, 201);
		assert.deepEqual(
			{ ...text.body, id: undefined, created_at: undefined },
			{
				id: undefined,
				conversation_id: conversation.id,
				direction: 'outbound',
				type: 'text',
				text: 'Hola, te envío el link de pago',
				media_url: null,
				status: 'sent',
				created_at: undefined,
			},
		);
		assert.equal(
			(
				await call('POST', path, {
					type: 'image',
					media_url: 'https://cdn.ejemplo.cl/a.jpg',
					text: 'foto',
				})
			).status,
			201,
		);
		assert.equal(
			(await call('POST', path, { type: 'document', media_url: 'https://cdn.ejemplo.cl/a.pdf' }))
				.status,
			201,
		);
		const template = await call('POST', path, {
			type: 'template',
			template: { name: 'recordatorio_pago', language: 'es', variables: ['María'] },
		});
		assert.equal(template.status, 201);
		assert.deepEqual(template.body.template, {
			name: 'recordatorio_pago',
			language: 'es',
			variables: ['María'],
		});
		assert.equal(sb.brote.messages.size, 4);

		for (const body of [
			{ type: 'text', text: '' },
			{ type: 'text', text: '   ' },
			{ type: 'text' },
			{ type: 'image' },
			{ type: 'image', media_url: 'ftp://x/y.jpg' },
			{ type: 'template', template: { name: 'x' } },
			{ type: 'template' },
			{ type: 'sticker', text: 'x' },
		]) {
			assertError(await call('POST', path, body), 422, 'validation_error');
		}
	});

	test('tickets: list, filter by stage, move stage; won/lost set the status', async () => {
		const list = await call('GET', '/tickets?limit=100');
		assert.equal(list.body.data.length, 10);
		const ticket = list.body.data[0];
		const byStage = await call('GET', `/tickets?stage=${ticket.stage}`);
		assert.ok(byStage.body.data.every((t: any) => t.stage === ticket.stage));

		const moved = await call('PATCH', `/tickets/${ticket.id}/stage`, { stage: 'negotiation' });
		assert.equal(moved.status, 200);
		assert.equal(moved.body.stage, 'negotiation');
		assert.equal(moved.body.status, 'open');
		assert.equal(
			(await call('PATCH', `/tickets/${ticket.id}/stage`, { stage: 'won' })).body.status,
			'won',
		);
		assert.equal(
			(await call('PATCH', `/tickets/${ticket.id}/stage`, { stage: 'lost', lost_reason: 'precio' }))
				.body.status,
			'lost',
		);
		assert.equal(sb.brote.tickets.get(ticket.id)?.status, 'lost');
		assertError(
			await call('PATCH', `/tickets/${ticket.id}/stage`, { stage: 'limbo' }),
			422,
			'validation_error',
		);
		assertError(await call('PATCH', `/tickets/${ticket.id}/stage`, {}), 422, 'validation_error');
	});

	test('payments: create a link, pay it through the control API, list the payment', async () => {
		const conversation = [...sb.brote.conversations.values()][0];
		const created = await call('POST', '/payments/links', {
			amount: 49000,
			currency: 'CLP',
			description: 'Plan anual',
			contact_id: conversation.contact_id,
			external_reference: 'ticket_123',
		});
		assert.equal(created.status, 201);
		const link = created.body;
		assert.deepEqual(Object.keys(link).sort(), [
			'amount',
			'contact_id',
			'conversation_id',
			'created_at',
			'currency',
			'description',
			'external_reference',
			'id',
			'status',
			'url',
		]);
		assert.equal(link.status, 'pending');
		assert.equal(link.conversation_id, conversation.id);
		assert.match(link.url, /^http:\/\/127\.0\.0\.1:\d+\//);

		for (const body of [
			{ amount: 0, currency: 'CLP', contact_id: conversation.contact_id },
			{ amount: 10.5, currency: 'CLP', contact_id: conversation.contact_id },
			{ amount: '100', currency: 'CLP', contact_id: conversation.contact_id },
			{ amount: 100, currency: 'XXX', contact_id: conversation.contact_id },
			{ amount: 100, currency: 'CLP' },
			{ amount: 100, currency: 'CLP', contact_id: 'nobody' },
		]) {
			assertError(await call('POST', '/payments/links', body), 422, 'validation_error');
		}

		assert.deepEqual((await call('GET', '/payments')).body, { data: [], next_cursor: null });
		const control = client(sb.controlUrl);
		const paid = await control('POST', `/brote/payments/${link.id}/pay`);
		assert.equal(paid.status, 200);
		assert.equal(sb.brote.paymentLinks.get(link.id)?.status, 'paid');
		assertError(await control('POST', `/brote/payments/${link.id}/pay`), 409, 'conflict');
		const payments = await call('GET', '/payments');
		assert.equal(payments.body.data.length, 1);
		const payment = payments.body.data[0];
		assert.equal(payment.amount, 49000);
		assert.equal(payment.external_reference, 'ticket_123');
		assert.deepEqual(Object.keys(payment.contact), ['name', 'phone', 'email']);
	});

	test('campaigns: create (draft or scheduled), list; invalid ones are 422', async () => {
		const draft = await call('POST', '/campaigns', {
			name: 'Cyber',
			message: 'Hola {{nombre}}',
			audience: { tags: ['vip'] },
		});
		assert.equal(draft.status, 201);
		assert.equal(draft.body.status, 'draft');
		assert.equal(draft.body.channel, 'whatsapp');
		const scheduled = await call('POST', '/campaigns', {
			name: 'Mayo',
			message: 'Hola',
			scheduled_at: '2026-05-25T13:00:00Z',
		});
		assert.equal(scheduled.body.status, 'scheduled');
		const list = await call('GET', '/campaigns?status=scheduled');
		assert.deepEqual(
			list.body.data.map((c: any) => c.id),
			[scheduled.body.id],
		);
		for (const body of [
			{ message: 'x' },
			{ name: 'x', message: '' },
			{ name: 'x', message: 'y', channel: 'fax' },
			{ name: 'x', message: 'y', scheduled_at: 'tomorrow' },
			{ name: 'x', message: 'y', audience: { contact_ids: ['ghost'] } },
		]) {
			assertError(await call('POST', '/campaigns', body), 422, 'validation_error');
		}
	});
});
