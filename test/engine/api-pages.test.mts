// Lists whose cursor never ends them, through n8n's engine: Get Many fails with a message, the
// trigger's activation uses the pages it saw, and neither hangs. The timeouts only turn a hang
// on a broken build into a failure.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

const MAX_PAGES = 1_000;
import { actionFixture, type Fixture, json } from './brote-fixture.mts';
import { type TriggerFixture, triggerFixture } from './trigger-fixture.mts';

const HANG = { timeout: 30_000 };

let fx: Fixture;

before(async () => {
	fx = await actionFixture({ seedContacts: 3 });
});

beforeEach(() => {
	fx.sb.faults.clear();
	fx.sb.resetRequests();
});

after(async () => {
	await fx.close();
});

describe('Get Many', () => {
	it('stops at a repeated cursor with an error item, after two pages', HANG, async () => {
		fx.sb.faults.set({ listCursor: 'repeat' });
		const run = await fx.brote(
			{ resource: 'contact', operation: 'getAll', returnAll: true },
			[{}],
			{
				onError: 'continueRegularOutput',
			},
		);
		assert.equal(run.error, undefined);
		const [item, ...more] = json(run);
		assert.equal(more.length, 0);
		assert.match(
			String(item.error),
			/^Brote GET \/contacts gave a next page cursor it had given before/,
		);
		assert.equal(fx.count('GET', '/contacts'), 2);
	});

	it(`stops a list that never ends after ${MAX_PAGES} pages, saying so`, HANG, async () => {
		fx.sb.faults.set({ listCursor: 'endless' });
		const run = await fx.notMeta({ resource: 'webhook', operation: 'getAll', returnAll: true });
		assert.match(String(run.error?.message), new RegExp(`still had more after ${MAX_PAGES} pages`));
		assert.match(String(run.error?.description), /Limit/);
		assert.equal(fx.count('GET', '/webhooks'), MAX_PAGES);
	});

	it('a Limit the pages reach ends the list before any cursor repeats', HANG, async () => {
		fx.sb.faults.set({ listCursor: 'repeat' });
		const run = await fx.brote({
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		assert.equal(run.error, undefined);
		assert.equal(json(run).length, 2);
		assert.equal(fx.count('GET', '/contacts'), 1);
	});
});

describe('the trigger’s subscription list at activation', () => {
	let tx: TriggerFixture;
	before(async () => {
		tx = await triggerFixture();
	});
	after(async () => {
		await tx.close();
	});

	it('uses the pages before a repeated cursor, and registers', HANG, async () => {
		tx.sb.faults.set({ listCursor: 'repeat' });
		tx.sb.resetRequests();
		const endpoint = tx.endpoint('brote', { events: ['*'] });
		assert.deepEqual(await endpoint.activate(), { created: true });
		assert.equal(tx.sb.subscriptions('brote').filter((s) => s.url === endpoint.url).length, 1);
		const lists = tx.sb.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/webhooks'));
		assert.equal(lists.length, 2);
		tx.sb.faults.clear();
		await endpoint.deactivate();
	});

	it('fails on a list that never ends, with a message, instead of hanging', HANG, async () => {
		tx.sb.faults.set({ listCursor: 'endless' });
		const endpoint = tx.endpoint('notmeta', { events: ['*'] });
		await assert.rejects(endpoint.activate(), /still had more after \d+ pages/);
		assert.equal(tx.sb.subscriptions('notmeta').length, 0);
		tx.sb.faults.clear();
	});
});
