import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import { type SandboxOptions, startSandbox } from '../../sandbox/index.mts';
import { client } from './helpers.mts';

const limit = profiles.brote.api!.rateLimit!;

/** Fires `n` requests at once; returns how many got 200 and the 429 answers' Retry-After values. */
async function fire(call: ReturnType<typeof client>, n: number, key?: string) {
	const answers = await Promise.all(
		Array.from({ length: n }, () => call('GET', '/contacts?limit=1', undefined, key)),
	);
	const other = answers.filter((a) => a.status !== 200 && a.status !== 429);
	assert.deepEqual(other, [], 'only 200 and 429 answers');
	return {
		ok: answers.filter((a) => a.status === 200).length,
		retryAfter: answers.filter((a) => a.status === 429).map((a) => a.headers.get('retry-after')),
		bodies: answers.filter((a) => a.status === 429).map((a) => a.body),
	};
}

test('the profile states the documented limit: bursts of 200, 100 per minute', () => {
	assert.deepEqual(limit, { capacity: 200, refillPerMinute: 100 });
});

test('on a frozen clock exactly the burst passes, then exactly 100 per scaled minute', async () => {
	let clock = 0;
	const timeScale = 0.01;
	const sb = await startSandbox({ timeScale, now: () => clock });
	try {
		const call = client(sb.urls.brote, sb.apiKeys.brote);
		const burst = await fire(call, limit.capacity + 50);
		assert.equal(burst.ok, limit.capacity);
		assert.equal(burst.retryAfter.length, 50);
		assert.ok(
			burst.retryAfter.every((v) => v === '1'),
			'a few scaled ms round up to 1 whole second',
		);
		assert.equal(burst.bodies[0].error.code, 'rate_limited');

		clock += 60_000 * timeScale;
		assert.equal((await fire(call, 150)).ok, limit.refillPerMinute);

		clock += (60_000 * timeScale) / 2;
		assert.equal((await fire(call, 100)).ok, limit.refillPerMinute / 2);

		clock += 10 * 60_000 * timeScale;
		assert.equal((await fire(call, 300)).ok, limit.capacity, 'refill stops at the burst size');

		const otherKey = sb.newApiKey('brote');
		assert.equal((await fire(call, 10, otherKey)).ok, 10, 'each API key has its own bucket');
		assert.equal((await fire(call, 1)).ok, 0);
	} finally {
		await sb.close();
	}
});

test('Retry-After rounds a long scaled wait up to whole seconds', async () => {
	let clock = 0;
	const sb = await startSandbox({ timeScale: 1, now: () => clock });
	try {
		const call = client(sb.urls.brote, sb.apiKeys.brote);
		await fire(call, limit.capacity);
		// One token takes 0.6 s at timeScale 1; 0.25 s of it has passed.
		clock += 250;
		const { retryAfter } = await fire(call, 1);
		assert.deepEqual(retryAfter, ['1']);
		clock += 100;
		assert.equal((await fire(call, 1)).ok, 0);
		clock += 250;
		assert.equal((await fire(call, 1)).ok, 1);
	} finally {
		await sb.close();
	}
});

test('on the real clock, 200 at once and then about 100 per scaled minute (600 ms)', async () => {
	const sb = await startSandbox({ timeScale: 0.01 });
	try {
		const call = client(sb.urls.brote, sb.apiKeys.brote);
		const perMs = limit.refillPerMinute / 600;
		// Tokens refill while a batch is in flight, so a batch may pass up to that many more.
		const refillSince = (t: number) => Math.ceil((performance.now() - t) * perMs);

		let started = performance.now();
		const first = await fire(call, 300);
		const firstMax = limit.capacity + refillSince(started);
		assert.ok(first.ok >= limit.capacity && first.ok <= firstMax, `${first.ok} passed`);

		// A 429 shows the bucket below one token at some moment after `started`; a scaled minute
		// later it holds at least 100.
		for (let probes = 0; ; probes++) {
			assert.ok(probes < 20, 'batches of 20 drain the bucket faster than it refills');
			started = performance.now();
			if ((await fire(call, 20)).retryAfter.length > 0) break;
		}
		await sleep(600);
		const second = await fire(call, 250);
		const secondMax = 1 + refillSince(started);
		assert.ok(
			second.ok >= limit.refillPerMinute && second.ok <= secondMax,
			`${second.ok} passed, at most ${secondMax}`,
		);
	} finally {
		await sb.close();
	}
});

test('rateLimit: false turns the limit off', async () => {
	const sb = await startSandbox({ rateLimit: false, now: () => 0 });
	try {
		assert.equal((await fire(client(sb.urls.brote, sb.apiKeys.brote), 300)).ok, 300);
	} finally {
		await sb.close();
	}
});

/** A sandbox on the real time scale whose limiter's clock only `advance` moves; closed after `body`. */
async function onFrozenClock(
	options: SandboxOptions,
	body: (call: ReturnType<typeof client>, advance: (ms: number) => void) => Promise<void>,
): Promise<void> {
	let clock = 0;
	const sb = await startSandbox({ timeScale: 1, now: () => clock, ...options });
	try {
		await body(client(sb.urls.brote, sb.apiKeys.brote), (ms) => void (clock += ms));
	} finally {
		await sb.close();
	}
}

test('a rateLimit of its own replaces the profile’s, as a plan other than the documented one', () =>
	onFrozenClock({ rateLimit: { capacity: 5, refillPerMinute: 600 } }, async (call, advance) => {
		assert.equal((await fire(call, 8)).ok, 5);
		advance(300);
		assert.equal((await fire(call, 8)).ok, 3, '600 a minute is 3 in 300 ms');
	}));

test('rate-limit headers: Limit, whole Remaining, and Reset when the bucket is full again', () =>
	onFrozenClock(
		{ rateLimit: { capacity: 4, refillPerMinute: 60 }, rateLimitHeaders: 'ietf' },
		async (call, advance) => {
			const read = (headers: Headers) =>
				['limit', 'remaining', 'reset'].map((name) => headers.get(`ratelimit-${name}`));
			assert.deepEqual(read((await call('GET', '/contacts?limit=1')).headers), ['4', '3', '1']);
			await fire(call, 2);
			advance(500);
			// 0.5 token back: still nothing whole to spend, 3.5 tokens (3.5 s) short of full.
			const last = await call('GET', '/contacts?limit=1');
			assert.equal(last.status, 200);
			assert.deepEqual(read(last.headers), ['4', '0', '4']);
			const refused = await call('GET', '/contacts?limit=1');
			assert.equal(refused.status, 429);
			assert.deepEqual(read(refused.headers), ['4', '0', '4']);
			assert.equal(refused.headers.get('retry-after'), '1');
			assert.equal(refused.headers.get('x-ratelimit-remaining'), null, 'only the family asked for');
		},
	));

test('X-RateLimit-Reset is the epoch second the bucket is full again; both families when asked', () =>
	onFrozenClock(
		{ rateLimit: { capacity: 2, refillPerMinute: 60 }, rateLimitHeaders: 'both' },
		async (call) => {
			await call('GET', '/contacts?limit=1');
			const before = Date.now();
			const { headers } = await call('GET', '/contacts?limit=1');
			const after = Date.now();
			assert.equal(headers.get('x-ratelimit-limit'), '2');
			assert.equal(headers.get('x-ratelimit-remaining'), '0');
			assert.equal(headers.get('ratelimit-remaining'), '0');
			assert.equal(headers.get('ratelimit-reset'), '2');
			const reset = Number(headers.get('x-ratelimit-reset'));
			const earliest = Math.ceil((before + 2_000) / 1000);
			assert.ok(reset >= earliest && reset <= Math.ceil((after + 2_000) / 1000), String(reset));
		},
	));

test('no rate-limit headers unless asked for', async () => {
	const sb = await startSandbox({ now: () => 0 });
	try {
		const { headers } = await client(sb.urls.brote, sb.apiKeys.brote)('GET', '/contacts?limit=1');
		assert.equal(headers.get('ratelimit-remaining'), null);
		assert.equal(headers.get('x-ratelimit-remaining'), null);
	} finally {
		await sb.close();
	}
});
