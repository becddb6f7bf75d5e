// Every Brote operation, run by n8n's engine against the sandbox over loopback HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { BroteApi } from '../../credentials/BroteApi.credentials.ts';
import { actionFixture, byId, type Fixture, json } from './brote-fixture.mts';

let fx: Fixture;

before(async () => {
	fx = await actionFixture();
	fx.sb.brote.seed({ contacts: 30, conversations: 8, tickets: 8 });
});

after(async () => {
	await fx.close();
});

const firstOf = <T,>(map: Map<string, T>): T => map.values().next().value as T;

describe('Contact', () => {
	it('creates a contact with its additional fields', async () => {
		const run = await fx.brote({
			resource: 'contact',
			operation: 'create',
			name: 'Ana Fuentes',
			phone: '+56 9 8765 4321',
			additionalFields: {
				email: 'ana@ejemplo.cl',
				tags: 'vip, lead',
				customFields: { field: [{ key: 'rut', value: '12345678-9' }] },
			},
		});
		assert.equal(run.error, undefined);
		const [contact] = json(run);
		assert.equal(contact.phone, '+56987654321');
		assert.deepEqual(contact.tags, ['vip', 'lead']);
		assert.deepEqual(contact.custom_fields, { rut: '12345678-9' });
		assert.deepEqual(fx.sb.brote.contacts.get(String(contact.id))?.email, 'ana@ejemplo.cl');
		assert.deepEqual(run.outputs[0][0].pairedItem, { item: 0 });
	});

	it('gets a contact by ID', async () => {
		const stored = firstOf(fx.sb.brote.contacts);
		const run = await fx.brote({
			resource: 'contact',
			operation: 'get',
			contactId: byId(stored.id),
		});
		assert.equal(run.error, undefined);
		assert.deepEqual(json(run), [stored]);
	});

	it('gets many contacts up to a limit, filtered by a search', async () => {
		const limited = await fx.brote({
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: 7,
		});
		assert.equal(json(limited).length, 7);
		const searched = await fx.brote({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { q: 'ana@ejemplo' },
		});
		assert.deepEqual(
			json(searched).map((c) => c.name),
			['Ana Fuentes'],
		);
	});

	it('updates a contact', async () => {
		const stored = firstOf(fx.sb.brote.contacts);
		const run = await fx.brote({
			resource: 'contact',
			operation: 'update',
			contactId: byId(stored.id),
			updateFields: { optedOut: true, phone: '+56911112222', tags: 'cliente' },
		});
		assert.equal(run.error, undefined);
		assert.equal(json(run)[0].opted_out, true);
		assert.equal(fx.sb.brote.contacts.get(stored.id)?.phone, '+56911112222');
		assert.deepEqual(fx.sb.brote.contacts.get(stored.id)?.tags, ['cliente']);
	});

	it('refuses an update with nothing to change', async () => {
		const before = fx.sb.requests.length;
		const run = await fx.brote({
			resource: 'contact',
			operation: 'update',
			contactId: byId(firstOf(fx.sb.brote.contacts).id),
			updateFields: {},
		});
		assert.match(run.error?.message ?? '', /Update Fields is empty/);
		assert.equal(fx.sb.requests.length, before);
	});
});

describe('Conversation', () => {
	it('gets many conversations, filtered by status', async () => {
		const run = await fx.brote({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'closed' },
		});
		const expected = [...fx.sb.brote.conversations.values()].filter((c) => c.status === 'closed');
		assert.ok(expected.length > 0);
		assert.deepEqual(
			json(run).map((c) => c.id),
			expected.map((c) => c.id),
		);
	});

	it('sends text, media and template messages', async () => {
		const conversation = firstOf(fx.sb.brote.conversations);
		const base = {
			resource: 'conversation',
			operation: 'sendMessage',
			conversationId: byId(conversation.id),
		};
		const text = await fx.brote({ ...base, messageType: 'text', text: 'Hola, ¿cómo te ayudo?' });
		const image = await fx.brote({
			...base,
			messageType: 'image',
			mediaUrl: 'https://example.com/catalogo.png',
			caption: 'Catálogo',
		});
		const template = await fx.brote({
			...base,
			messageType: 'template',
			templateName: 'recordatorio_pago',
			templateLanguage: 'es_CL',
			templateVariables: '["María", "49.000"]',
		});
		for (const run of [text, image, template]) assert.equal(run.error, undefined);
		assert.equal(json(text)[0].text, 'Hola, ¿cómo te ayudo?');
		assert.equal(json(image)[0].media_url, 'https://example.com/catalogo.png');
		const sent = fx.sb.brote.messages.get(String(json(template)[0].id));
		assert.deepEqual(sent?.template, {
			name: 'recordatorio_pago',
			language: 'es_CL',
			variables: ['María', '49.000'],
		});
	});
});

describe('Ticket', () => {
	it('gets many tickets, filtered by stage', async () => {
		const stage = firstOf(fx.sb.brote.tickets).stage;
		const run = await fx.brote({
			resource: 'ticket',
			operation: 'getAll',
			returnAll: true,
			filters: { stage },
		});
		assert.ok(json(run).length > 0);
		assert.ok(json(run).every((t) => t.stage === stage));
	});

	it('moves a ticket to another stage, closing it when won', async () => {
		const ticket = firstOf(fx.sb.brote.tickets);
		const run = await fx.brote({
			resource: 'ticket',
			operation: 'moveStage',
			ticketId: byId(ticket.id),
			stage: 'won',
		});
		assert.equal(run.error, undefined);
		assert.equal(json(run)[0].status, 'won');
		assert.equal(fx.sb.brote.tickets.get(ticket.id)?.stage, 'won');
	});
});

describe('Payment', () => {
	it('creates a payment link and lists the payment once it is paid', async () => {
		const contact = fx.sb.brote.conversations.values().next().value?.contact_id ?? '';
		const run = await fx.brote({
			resource: 'payment',
			operation: 'createLink',
			contactId: byId(contact),
			amount: 49000,
			currency: 'clp',
			additionalFields: { description: 'Plan anual', external_reference: 'order-77' },
		});
		assert.equal(run.error, undefined);
		const link = json(run)[0];
		assert.equal(link.amount, 49000);
		assert.equal(link.currency, 'CLP');
		const paid = await fetch(`${fx.sb.controlUrl}/brote/payments/${String(link.id)}/pay`, {
			method: 'POST',
		});
		assert.equal(paid.status, 200);
		const payments = await fx.brote({
			resource: 'payment',
			operation: 'getAll',
			returnAll: true,
			filters: { contact_id: contact },
		});
		assert.deepEqual(
			json(payments).map((p) => p.external_reference),
			['order-77'],
		);
	});
});

describe('Campaign', () => {
	it('creates a scheduled campaign and lists it', async () => {
		const contact = firstOf(fx.sb.brote.contacts);
		const run = await fx.brote({
			resource: 'campaign',
			operation: 'create',
			name: 'Cyber',
			message: '20% de descuento',
			additionalFields: {
				tags: 'vip',
				contactIds: contact.id,
				channel: 'whatsapp',
				scheduledAt: '2026-12-01T12:00:00.000Z',
			},
		});
		assert.equal(run.error, undefined);
		const campaign = json(run)[0];
		assert.equal(campaign.status, 'scheduled');
		assert.deepEqual(campaign.audience, { tags: ['vip'], contact_ids: [contact.id] });
		const listed = await fx.brote({
			resource: 'campaign',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { status: 'scheduled' },
		});
		assert.deepEqual(
			json(listed).map((c) => c.id),
			[campaign.id],
		);
	});
});

describe('List search', () => {
	const call = () => ({ type: 'brote', credentials: fx.broteCredentials() });

	it('lists contacts page by page and searches them on the platform', async () => {
		const first = await fx.engine.listSearch(call(), 'searchContacts');
		assert.equal(first.results.length, fx.sb.brote.contacts.size);
		const found = await fx.engine.listSearch(call(), 'searchContacts', 'Ana Fuentes');
		assert.deepEqual(
			found.results.map((r) => r.name),
			['Ana Fuentes (+56987654321)'],
		);
	});

	it('filters conversations (by the whole contact ID too, which the label shortens) and tickets', async () => {
		const all = await fx.engine.listSearch(call(), 'searchConversations');
		assert.equal(all.results.length, fx.sb.brote.conversations.size);
		const instagram = await fx.engine.listSearch(call(), 'searchConversations', 'INSTAGRAM');
		assert.ok(instagram.results.length > 0 && instagram.results.length < all.results.length);
		assert.ok(instagram.results.every((r) => r.name.startsWith('instagram')));
		const conversation = firstOf(fx.sb.brote.conversations);
		const byContact = await fx.engine.listSearch(
			call(),
			'searchConversations',
			conversation.contact_id,
		);
		assert.ok(byContact.results.some((r) => r.value === conversation.id));
		assert.ok(byContact.results.every((r) => r.name.endsWith(conversation.contact_id.slice(0, 8))));
		const ticket = firstOf(fx.sb.brote.tickets);
		const byTicketId = await fx.engine.listSearch(call(), 'searchTickets', ticket.id);
		assert.deepEqual(
			byTicketId.results.map((r) => r.value),
			[ticket.id],
		);
	});

	it('hands back the cursor to load the next page', async () => {
		fx.sb.brote.seed({ contacts: 100 });
		const first = await fx.engine.listSearch(call(), 'searchContacts');
		assert.equal(first.results.length, 100);
		assert.ok(first.paginationToken);
		const second = await fx.engine.listSearch(
			call(),
			'searchContacts',
			undefined,
			String(first.paginationToken),
		);
		assert.equal(second.results.length, fx.sb.brote.contacts.size - 100);
		assert.equal(second.paginationToken, undefined);
	});
});

describe('Credential test', () => {
	it('passes with a good key and fails with a bad one', async () => {
		const good = await fx.engine.testCredential('broteApi', {
			apiKey: fx.sb.apiKeys.brote,
			baseUrl: fx.sb.urls.brote,
		});
		assert.deepEqual(good, { status: 'OK', message: 'Connection successful!' });
		const bad = await fx.engine.testCredential('broteApi', {
			apiKey: 'not-a-key',
			baseUrl: fx.sb.urls.brote,
		});
		assert.equal(bad.status, 'Error');
		const tested = fx.sb.requests.filter(
			(r) => r.path.endsWith('/contacts') && r.query.limit === '1',
		);
		assert.ok(tested.length >= 2, 'the test is a real request for one contact');
	});

	// The fields come from a shared function, which n8n's lint of password fields does not read.
	it('masks the API key and both signing secrets', () => {
		const masked = new BroteApi().properties.filter((p) => p.typeOptions?.password === true);
		assert.deepEqual(
			masked.map((p) => p.name),
			['apiKey', 'webhookSecret', 'previousWebhookSecret'],
		);
	});
});
