// The Brote node's Simplify option, run by n8n's engine against the sandbox: off, a record
// is what the API answered; on, the few fields a person or a model acts on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { actionFixture, byId, type Fixture, json } from './brote-fixture.mts';

let fx: Fixture;

before(async () => {
	fx = await actionFixture();
	fx.sb.brote.seed({ contacts: 5, conversations: 3, tickets: 4 });
});

after(async () => {
	await fx.close();
});

const keysOf = (records: object[]) => records.map((record) => Object.keys(record));

/** Get Many with Return All, and Simplify as given (left out: the node's default). */
const getAll = (resource: string, simplify?: boolean) =>
	fx.brote({
		resource,
		operation: 'getAll',
		returnAll: true,
		...(simplify === undefined ? {} : { simplify }),
	});

describe('Simplify', () => {
	it('is off by default: Get Many contacts answers the stored records unchanged', async () => {
		const run = await getAll('contact');
		assert.equal(run.error, undefined);
		assert.deepEqual(json(run), [...fx.sb.brote.contacts.values()]);
	});

	it('keeps a contact to who it is and whether it may be messaged', async () => {
		const stored = fx.sb.brote.contacts.values().next().value!;
		const one = await fx.brote({
			resource: 'contact',
			operation: 'get',
			contactId: byId(stored.id),
			simplify: true,
		});
		assert.equal(one.error, undefined);
		const { id, name, phone, email, tags, opted_out } = stored;
		assert.deepEqual(json(one), [{ id, name, phone, email, tags, opted_out }]);

		const many = await getAll('contact', true);
		assert.equal(many.error, undefined);
		assert.equal(json(many).length, fx.sb.brote.contacts.size);
		for (const keys of keysOf(json(many)))
			assert.deepEqual(keys, ['id', 'name', 'phone', 'email', 'tags', 'opted_out']);
	});

	it('keeps a ticket to its stage, status, value and contact', async () => {
		const run = await getAll('ticket', true);
		assert.equal(run.error, undefined);
		assert.equal(json(run).length, fx.sb.brote.tickets.size);
		const first = fx.sb.brote.tickets.values().next().value!;
		assert.deepEqual(json(run)[0], {
			id: first.id,
			title: first.title,
			stage: first.stage,
			status: first.status,
			value: first.value,
			currency: first.currency,
			contact_id: first.contact_id,
		});
	});

	it("keeps a payment to what was paid, by whom, and the payer's name", async () => {
		const payer = fx.sb.brote.contacts.values().next().value!;
		const link = await fx.brote({
			resource: 'payment',
			operation: 'createLink',
			contactId: byId(payer.id),
			amount: 49000,
			currency: 'CLP',
			additionalFields: { external_reference: 'order-77' },
		});
		assert.equal(link.error, undefined);
		const paid = await fetch(
			`${fx.sb.controlUrl}/brote/payments/${String(json(link)[0]!.id)}/pay`,
			{
				method: 'POST',
			},
		);
		assert.equal(paid.status, 200);

		const run = await getAll('payment', true);
		assert.equal(run.error, undefined);
		const payment = [...fx.sb.brote.payments.values()].at(-1)!;
		assert.deepEqual(json(run).at(-1), {
			payment_id: payment.payment_id,
			amount: 49000,
			currency: 'CLP',
			contact_id: payer.id,
			external_reference: 'order-77',
			contact_name: payer.name,
		});
	});

	it('keeps a campaign to its name, status, channel and schedule', async () => {
		const created = await fx.brote({
			resource: 'campaign',
			operation: 'create',
			name: 'Cyber week',
			message: 'Hasta 40% en toda la tienda',
			additionalFields: { tags: 'vip' },
		});
		assert.equal(created.error, undefined);
		const run = await getAll('campaign', true);
		assert.equal(run.error, undefined);
		const campaign = json(created)[0]!;
		assert.deepEqual(
			json(run).find((record) => record.id === campaign.id),
			{
				id: campaign.id,
				name: 'Cyber week',
				status: campaign.status,
				channel: campaign.channel,
				scheduled_at: campaign.scheduled_at,
			},
		);
	});

	it('leaves the records unchanged where the item turns it off', async () => {
		const run = await getAll('ticket', false);
		assert.equal(run.error, undefined);
		assert.deepEqual(json(run), [...fx.sb.brote.tickets.values()]);
	});
});
