// A Brote or NotMeta answer that redirects, through n8n's engine: the API key, a body and a
// subscription's secret go to the credential's origin only, and a redirect within it still works.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { RedirectStatus } from '../../sandbox/faults.mts';
import { type Receiver, startReceiver } from '../harness/receiver.mts';
import { actionFixture, byId, type Fixture, json } from './brote-fixture.mts';
import { type TriggerFixture, triggerFixture } from './trigger-fixture.mts';

let fx: Fixture;
let elsewhere: Receiver;
let elsewhereOrigin: string;

before(async () => {
	fx = await actionFixture({ seedContacts: 2 });
	elsewhere = await startReceiver(() => ({ status: 200, body: '{"data":[]}' }));
	elsewhereOrigin = new URL(elsewhere.url).origin;
});

beforeEach(() => {
	fx.sb.faults.clear();
	fx.sb.resetRequests();
	elsewhere.received.length = 0;
});

after(async () => {
	await fx.close();
	await elsewhere.close();
});

const createContact = {
	resource: 'contact',
	operation: 'create',
	name: 'Ana',
	phone: '+56911112222',
};

function redirectElsewhere(status: RedirectStatus, method?: string): void {
	fx.sb.faults.set({
		redirectNext: 1,
		redirectStatus: status,
		redirectTo: elsewhereOrigin,
		redirectMethod: method,
	});
}

describe('a redirect to another origin', () => {
	for (const status of [301, 302, 303, 307, 308] as const) {
		it(`${status} from Brote's POST /v1/contacts: nothing goes there, the item fails naming it`, async () => {
			redirectElsewhere(status);
			const before = fx.sb.brote.contacts.size;
			const run = await fx.brote(createContact, [{}], { onError: 'continueRegularOutput' });
			assert.equal(run.error, undefined);
			assert.equal(elsewhere.received.length, 0, 'the other origin received nothing');
			const [item] = json(run);
			assert.match(
				String(item.error),
				new RegExp(`^Brote POST /contacts was redirected to ${elsewhereOrigin}, another origin`),
			);
			const error = run.outputs[0][0].error as { description?: string; httpCode?: string };
			assert.match(String(error.description), /Base URL/);
			assert.equal(error.httpCode, String(status));
			assert.equal(fx.sb.brote.contacts.size, before, 'nothing was created');
			assert.equal(fx.count(), 1, 'the API was asked once');
		});
	}

	it("NotMeta's Create keeps the webhook's secret and the key at NotMeta", async () => {
		redirectElsewhere(307, 'POST');
		const run = await fx.notMeta({
			resource: 'webhook',
			operation: 'create',
			url: 'https://example.com/hook',
			events: ['user.created'],
			additionalFields: { secret: 'whsec_keep_me_home' },
		});
		assert.equal(elsewhere.received.length, 0);
		assert.match(String(run.error?.message), new RegExp(`to ${elsewhereOrigin}`));
		assert.match(String(run.error?.description), /Base URL in the NotMeta credential/);
	});

	it('the credential test does not follow it, and says to check the Base URL', async () => {
		redirectElsewhere(307);
		const result = await fx.engine.testCredential('broteApi', fx.sb.credentials('brote'));
		assert.equal(elsewhere.received.length, 0, 'the key stayed home');
		assert.equal(result.status, 'Error');
		assert.match(result.message, /redirect.*Base URL/i);
	});
});

describe('a redirect within the Base URL origin', () => {
	it('is followed with the method and body kept (307), and the contact is created once', async () => {
		fx.sb.faults.set({ redirectNext: 1, redirectStatus: 307, redirectTo: fx.sb.baseUrl });
		const before = fx.sb.brote.contacts.size;
		const run = await fx.brote(createContact);
		assert.equal(run.error, undefined);
		assert.equal(json(run)[0].name, 'Ana');
		assert.equal(fx.sb.brote.contacts.size, before + 1);
		assert.deepEqual(
			fx.sb.requests.map((r) => [r.method, r.status]),
			[
				['POST', 307],
				['POST', 201],
			],
		);
	});

	it('is followed for a relative Location, the query kept in it', async () => {
		fx.sb.faults.set({ redirectNext: 1, redirectStatus: 302, redirectTo: '' });
		const run = await fx.brote({
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		assert.equal(run.error, undefined);
		assert.equal(json(run).length, 1);
		assert.deepEqual(
			fx.sb.requests.map((r) => [r.method, r.status, r.query.limit]),
			[
				['GET', 302, '1'],
				['GET', 200, '1'],
			],
		);
	});

	it('stops after a few hops of a redirect loop, with a message', async () => {
		fx.sb.faults.set({ redirectNext: 100, redirectStatus: 307, redirectTo: fx.sb.baseUrl });
		const id = fx.sb.brote.contacts.keys().next().value ?? '';
		const run = await fx.brote({ resource: 'contact', operation: 'get', contactId: byId(id) });
		assert.match(String(run.error?.message), /redirected .* times/);
		assert.ok(fx.count() < 10, `${fx.count()} requests`);
	});
});

describe('the triggers’ subscription calls', () => {
	let tx: TriggerFixture;
	before(async () => {
		tx = await triggerFixture();
	});
	after(async () => {
		await tx.close();
	});

	for (const platform of ['brote', 'notmeta'] as const) {
		it(`${platform}: a 307 of the subscription's POST sends neither key nor secret elsewhere`, async () => {
			elsewhere.received.length = 0;
			tx.sb.faults.set({
				redirectNext: 1,
				redirectStatus: 307,
				redirectTo: elsewhereOrigin,
				redirectMethod: 'POST',
			});
			const endpoint = tx.endpoint(platform, { events: ['*'] });
			await assert.rejects(endpoint.activate(), (error: Error) => {
				assert.match(error.message, new RegExp(`to ${elsewhereOrigin}`));
				return true;
			});
			assert.equal(elsewhere.received.length, 0);
			assert.equal(tx.sb.subscriptions(platform).length, 0);
			tx.sb.faults.clear();
		});
	}
});
