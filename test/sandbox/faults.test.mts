import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { client } from './helpers.mts';

describe('fault injection', () => {
	let sb: Sandbox;
	let call: ReturnType<typeof client>;
	before(async () => {
		sb = await startSandbox({ seedContacts: 5 });
		call = client(sb.urls.brote, sb.apiKeys.brote);
	});
	afterEach(() => sb.faults.clear());
	after(() => sb.close());

	test('the next N requests answer 429 with Retry-After in seconds, then the API answers again', async () => {
		sb.faults.set({ next429: 2, retryAfter: '7' });
		for (let i = 0; i < 2; i++) {
			const answer = await call('GET', '/contacts');
			assert.equal(answer.status, 429);
			assert.equal(answer.headers.get('retry-after'), '7');
			assert.equal(answer.body.error.code, 'rate_limited');
		}
		assert.equal((await call('GET', '/contacts')).status, 200);
	});

	test('Retry-After can be an HTTP-date', async () => {
		const when = new Date(Date.now() + 3_000);
		sb.faults.set({ next429: 1, retryAfter: when });
		const answer = await call('GET', '/contacts');
		assert.equal(answer.status, 429);
		const header = answer.headers.get('retry-after')!;
		assert.match(header, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
		assert.equal(Date.parse(header), Math.floor(when.getTime() / 1000) * 1000);
	});

	test('the next N requests answer the chosen 5xx', async () => {
		sb.faults.set({ next5xx: 2, status5xx: 502 });
		assert.equal((await call('GET', '/contacts')).status, 502);
		const second = await call('POST', '/contacts', { name: 'Lost', phone: '+56900000001' });
		assert.equal(second.status, 502);
		assert.equal(second.body.error.code, 'server_error');
		assert.equal(
			[...sb.brote.contacts.values()].some((c) => c.name === 'Lost'),
			false,
			'a plain 5xx applies nothing',
		);
		assert.equal((await call('GET', '/contacts')).status, 200);
	});

	test('a reset connection gets no answer at all', async () => {
		sb.resetRequests();
		sb.faults.set({ resetNext: 1 });
		await assert.rejects(
			call('GET', '/contacts'),
			(err: Error & { cause?: { code?: string; message?: string } }) => {
				assert.match(`${err.cause?.code} ${err.cause?.message}`, /ECONNRESET|closed|socket/i);
				return true;
			},
		);
		assert.equal(sb.requests[0].status, null);
		assert.equal((await call('GET', '/contacts')).status, 200);
	});

	test('latency delays every answer until cleared', async () => {
		sb.faults.set({ latencyMs: 150 });
		let started = performance.now();
		assert.equal((await call('GET', '/contacts')).status, 200);
		assert.ok(performance.now() - started >= 145);
		sb.faults.clear();
		started = performance.now();
		await call('GET', '/contacts');
		assert.ok(performance.now() - started < 145);
	});

	test('failAfterProcessing applies the next write, then answers 5xx', async () => {
		sb.faults.set({ failAfterProcessing: true });
		assert.equal((await call('GET', '/contacts')).status, 200, 'reads are not affected');
		const before = sb.brote.contacts.size;
		const failed = await call('POST', '/contacts', {
			name: 'Applied Anyway',
			phone: '+56900000002',
		});
		assert.equal(failed.status, 500);
		assert.equal(sb.brote.contacts.size, before + 1, 'the write was applied');
		const again = await call('POST', '/contacts', { name: 'Second', phone: '+56900000003' });
		assert.equal(again.status, 201, 'only the next write fails');
	});

	test('a redirect answers its status with the Location of another origin, path and query kept', async () => {
		sb.faults.set({ redirectNext: 1, redirectStatus: 308, redirectTo: 'http://127.0.0.1:9' });
		const moved = await fetch(`${sb.urls.brote}/contacts?limit=2`, { redirect: 'manual' });
		assert.equal(moved.status, 308);
		assert.equal(
			moved.headers.get('location'),
			`http://127.0.0.1:9${new URL(sb.urls.brote).pathname}/contacts?limit=2`,
		);
		assert.equal((await call('GET', '/contacts')).status, 200, 'only the next request');
	});

	test('a redirect can wait for a request of one method, with a relative Location', async () => {
		sb.faults.set({ redirectNext: 1, redirectTo: '', redirectMethod: 'POST' });
		assert.equal((await call('GET', '/contacts')).status, 200);
		const moved = await fetch(`${sb.urls.brote}/contacts`, { method: 'POST', redirect: 'manual' });
		assert.equal(moved.status, 307);
		assert.equal(moved.headers.get('location'), `${new URL(sb.urls.brote).pathname}/contacts`);
	});

	test('a list can repeat its cursor, or never end, until cleared', async () => {
		const first = await call('GET', '/contacts?limit=2');
		assert.equal(first.body.data.length, 2);
		sb.faults.set({ listCursor: 'repeat' });
		const start = await call('GET', '/contacts?limit=2');
		const again = await call('GET', `/contacts?limit=2&cursor=${start.body.next_cursor}`);
		assert.equal(again.body.next_cursor, start.body.next_cursor);
		assert.deepEqual(again.body.data, first.body.data, 'the looping cursor reads the first page');
		sb.faults.clear();
		sb.faults.set({ listCursor: 'endless' });
		const cursors = new Set<string>();
		let cursor = '';
		for (let page = 0; page < 5; page++) {
			const answer = await call('GET', `/contacts?limit=2${cursor && `&cursor=${cursor}`}`);
			assert.equal(answer.status, 200);
			cursor = answer.body.next_cursor;
			cursors.add(cursor);
		}
		assert.equal(cursors.size, 5);
	});

	test('a list can serve smaller pages than asked, or answer a bare array, until cleared', async () => {
		sb.faults.set({ listPageSize: 2 });
		const capped = await call('GET', '/contacts?limit=4');
		assert.equal(capped.body.data.length, 2);
		assert.ok(capped.body.next_cursor);
		assert.equal((await call('GET', '/contacts?limit=1')).body.data.length, 1);
		sb.faults.clear();
		sb.faults.set({ listShape: 'array' });
		const bare = await call('GET', '/contacts?limit=3');
		assert.ok(Array.isArray(bare.body));
		assert.equal(bare.body.length, 3);
		sb.faults.clear();
		assert.equal((await call('GET', '/contacts?limit=4')).body.data.length, 4);
	});

	test('faults can target one platform', async () => {
		sb.faults.set({ platform: 'notmeta', next5xx: 1 });
		assert.equal((await call('GET', '/contacts')).status, 200);
		const notmeta = client(sb.urls.notmeta, sb.apiKeys.notmeta);
		assert.equal((await notmeta('GET', '/webhooks')).status, 500);
		assert.equal((await notmeta('GET', '/webhooks')).status, 200);
	});

	test('the control API switches faults on and off', async () => {
		const control = client(sb.controlUrl);
		assert.equal((await control('POST', '/faults', { next429: 5, retryAfter: '2' })).status, 204);
		assert.equal((await call('GET', '/contacts')).headers.get('retry-after'), '2');
		assert.equal((await control('DELETE', '/faults')).status, 204);
		assert.equal((await call('GET', '/contacts')).status, 200);
		assert.equal(
			(await control('POST', '/faults', { platform: 'nowhere', next429: 1 })).status,
			422,
		);
	});
});
