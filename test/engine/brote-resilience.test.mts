// Pagination, retries and their limits, against the sandbox's fault injection.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';

import { actionFixture, byId, type Fixture, json } from './brote-fixture.mts';

let fx: Fixture;
let contactId: string;

before(async () => {
	fx = await actionFixture({ seedContacts: 10_000 });
	contactId = fx.sb.brote.contacts.keys().next().value ?? '';
});

beforeEach(() => {
	fx.sb.faults.clear();
	fx.sb.resetRequests();
});

after(async () => {
	await fx.close();
});

const getContact = () => ({ resource: 'contact', operation: 'get', contactId: byId(contactId) });
const createContact = (phone = '+56900000001') => ({
	resource: 'contact',
	operation: 'create',
	name: 'Ana',
	phone,
});

describe('Pagination', () => {
	it('returns all 10,000 contacts in exactly 100 requests of 100', async () => {
		const run = await fx.brote({ resource: 'contact', operation: 'getAll', returnAll: true });
		assert.equal(run.error, undefined);
		assert.equal(run.outputs[0].length, 10_000);
		assert.equal(new Set(json(run).map((c) => c.id)).size, 10_000);
		const lists = fx.sb.requests.filter((r) => r.path.endsWith('/contacts'));
		assert.equal(lists.length, Math.ceil(10_000 / 100));
		assert.ok(lists.every((r) => r.query.limit === '100'));
	});

	it('stops at the limit, asking only for what is missing', async () => {
		const run = await fx.brote({
			resource: 'contact',
			operation: 'getAll',
			returnAll: false,
			limit: 250,
		});
		assert.equal(run.outputs[0].length, 250);
		assert.deepEqual(
			fx.sb.requests.map((r) => r.query.limit),
			['100', '100', '50'],
		);
	});
});

describe('429 storms', () => {
	it('waits out a storm of 429s, Retry-After in seconds', async () => {
		fx.sb.faults.set({ platform: 'brote', next429: 5, retryAfter: '0' });
		const run = await fx.brote(createContact('+56900000002'));
		assert.equal(run.error, undefined);
		assert.equal(
			fx.count('POST', '/contacts'),
			6,
			'a 429 is certainly not applied, so even a create is retried',
		);
		assert.equal(
			[...fx.sb.brote.contacts.values()].filter((c) => c.phone === '+56900000002').length,
			1,
		);
	});

	it('honours Retry-After given as an HTTP date', async () => {
		const at = new Date(Date.now() + 1_500);
		fx.sb.faults.set({ platform: 'brote', next429: 1, retryAfter: at });
		const started = Date.now();
		const run = await fx.brote(getContact());
		assert.equal(run.error, undefined);
		// The date has whole seconds, so the wait ends within the second before `at`.
		assert.ok(
			Date.now() >= Math.floor(at.getTime() / 1000) * 1000 - 20,
			'did not retry before the date',
		);
		assert.ok(Date.now() - started < 3_000);
		assert.equal(fx.count('GET'), 2);
	});

	it('gives up after the try limit with a clear error', async () => {
		fx.sb.faults.set({ platform: 'brote', next429: 50, retryAfter: '0' });
		const run = await fx.brote(getContact());
		assert.equal(run.error?.name, 'NodeApiError');
		assert.equal(run.error?.httpCode, '429');
		assert.match(
			run.error?.description ?? '',
			/failed after 10 tries in [\d.]+ s; last: HTTP 429 \(rate limited\)\. Not retried further: the platform kept answering 429/,
		);
		assert.equal(fx.count('GET'), 10);
	});
});

describe('5xx storms, timeouts and broken connections', () => {
	it('retries a read through a storm of 503s', async () => {
		fx.sb.faults.set({ platform: 'brote', next5xx: 3, status5xx: 503 });
		const run = await fx.brote(getContact());
		assert.equal(run.error, undefined);
		assert.equal(json(run)[0].id, contactId);
		assert.equal(fx.count('GET'), 4);
	});

	it('gives up after the try limit, saying how many tries and why', async () => {
		fx.sb.faults.set({ platform: 'brote', next5xx: 50, status5xx: 502 });
		const run = await fx.brote(getContact());
		assert.equal(run.error?.httpCode, '502');
		assert.match(
			run.error?.description ?? '',
			/failed after 5 tries in [\d.]+ s; last: HTTP 502 \(server error\)\. Not retried further: limit of 5 tries reached/,
		);
		assert.equal(fx.count('GET'), 5);
	});

	it('retries moving a ticket stage, which is idempotent', async () => {
		fx.sb.brote.seed({ tickets: 1 });
		const ticket = [...fx.sb.brote.tickets.values()].at(-1);
		fx.sb.faults.set({ platform: 'brote', next5xx: 2 });
		const run = await fx.brote({
			resource: 'ticket',
			operation: 'moveStage',
			ticketId: byId(ticket?.id ?? ''),
			stage: 'proposal',
		});
		assert.equal(run.error, undefined);
		assert.equal(fx.count('PATCH'), 3);
	});

	it('retries a read whose connection was reset', async () => {
		fx.sb.faults.set({ platform: 'brote', resetNext: 2 });
		const run = await fx.brote(getContact());
		assert.equal(run.error, undefined);
		assert.equal(json(run)[0].id, contactId);
	});

	it('times out a read that gets no answer, and says so', async () => {
		fx.sb.faults.set({ platform: 'brote', latencyMs: 400 });
		try {
			const run = await fx.brote(getContact(), undefined, {
				credentials: fx.broteCredentials(undefined, { requestTimeout: 0.1, maxTries: 3 }),
			});
			assert.match(run.error?.message ?? '', /no answer before the timeout/);
			assert.match(run.error?.description ?? '', /failed after 3 tries/);
		} finally {
			fx.sb.faults.clear();
		}
	});
});

describe('No duplicate writes', () => {
	it('does not send a create again when a 5xx follows it', async () => {
		fx.sb.faults.set({ platform: 'brote', failAfterProcessing: true, status5xx: 500 });
		const run = await fx.brote(createContact('+56900000003'));
		assert.equal(run.error?.httpCode, '500');
		assert.match(
			run.error?.description ?? '',
			/may already have been applied, so it is not sent again/,
		);
		assert.equal(fx.count('POST', '/contacts'), 1);
		assert.equal(
			[...fx.sb.brote.contacts.values()].filter((c) => c.phone === '+56900000003').length,
			1,
		);
	});

	it('does not send a create again when its connection is reset', async () => {
		fx.sb.faults.set({ platform: 'brote', resetNext: 1 });
		const run = await fx.brote(createContact('+56900000004'));
		assert.match(run.error?.message ?? '', /connection was reset/);
		assert.equal(fx.count('POST', '/contacts'), 1);
	});

	it('retries a create whose connection was refused, since it never arrived', async () => {
		const port = await closedPort();
		const run = await fx.engine.run({
			type: 'brote',
			parameters: createContact('+56900000005'),
			credentials: fx.broteCredentials(undefined, { baseUrl: `http://127.0.0.1:${port}/v1` }),
		});
		assert.match(run.error?.message ?? '', /connection was refused/);
		assert.match(run.error?.description ?? '', /failed after 5 tries/);
	});
});

describe('Test set-up', () => {
	it("paces the nodes with the credential's timeout and retry settings", async () => {
		fx.sb.faults.set({ platform: 'brote', next5xx: 3, status5xx: 503 });
		const started = Date.now();
		const scaled = await fx.brote(getContact());
		assert.equal(scaled.error, undefined);
		// Three backoffs take at least 0.5 + 1 + 2 s at the default first retry wait of 1 s.
		assert.ok(Date.now() - started < 3_500, `took ${Date.now() - started} ms`);

		fx.sb.faults.set({ platform: 'brote', next5xx: 5, status5xx: 503 });
		fx.sb.resetRequests();
		const limited = await fx.brote(getContact(), undefined, {
			credentials: fx.broteCredentials(undefined, { maxTries: 2 }),
		});
		assert.match(limited.error?.description ?? '', /failed after 2 tries/);
		assert.equal(fx.count('GET'), 2);
	});
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
