import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
	backoffDelay,
	bucketFor,
	defaultPacingSettings,
	parseRetryAfter,
	RetryBudget,
	TokenBucket,
} from '../../nodes/common/pacing.ts';
import { clock } from '../harness/clock.mts';

const NOW = Date.parse('2026-05-19T10:23:45.000Z');

describe('parseRetryAfter', () => {
	it('reads delta-seconds', () => {
		assert.equal(parseRetryAfter('120', NOW), 120_000);
		assert.equal(parseRetryAfter(' 0 ', NOW), 0);
		assert.equal(parseRetryAfter('1.5', NOW), 1_500);
		assert.equal(parseRetryAfter(['3'], NOW), 3_000);
	});

	it('reads an HTTP date as the time left until it', () => {
		assert.equal(parseRetryAfter('Tue, 19 May 2026 10:24:15 GMT', NOW), 30_000);
	});

	it('treats an HTTP date in the past as no wait', () => {
		assert.equal(parseRetryAfter('Tue, 19 May 2026 10:00:00 GMT', NOW), 0);
	});

	it('ignores what is neither form', () => {
		for (const value of [undefined, '', 'soon', '-5', '1e3', {}, null]) {
			assert.equal(parseRetryAfter(value, NOW), undefined, String(value));
		}
	});
});

describe('TokenBucket', () => {
	it('lets the burst through, then one token per refill interval', () => {
		const { advance, now } = clock();
		const bucket = new TokenBucket(200, 100 / 60_000, now);
		for (let i = 0; i < 200; i++) assert.equal(bucket.take(), 0, `token ${i}`);
		assert.equal(Math.round(bucket.take()), 600);
		advance(600);
		assert.equal(bucket.take(), 0);
		assert.equal(Math.round(bucket.take()), 600);
		advance(60_000);
		let granted = 0;
		while (bucket.take() === 0) granted++;
		assert.equal(granted, 100, 'a minute refills 100 tokens');
	});

	it('never holds more than its capacity', () => {
		const { advance, now } = clock();
		const bucket = new TokenBucket(5, 1, now);
		advance(1_000_000);
		let granted = 0;
		while (bucket.take() === 0) granted++;
		assert.equal(granted, 5);
	});

	it('a drain makes everyone wait for the Retry-After, then allows one', () => {
		const { advance, now } = clock();
		const bucket = new TokenBucket(200, 100 / 60_000, now);
		bucket.drain(1_000);
		assert.equal(bucket.take(), 1_000);
		advance(400);
		assert.equal(bucket.take(), 600);
		advance(600);
		assert.equal(bucket.take(), 0);
		assert.equal(Math.round(bucket.take()), 600);
	});

	it('a shorter drain does not cut a longer pause short', () => {
		const { now } = clock();
		const bucket = new TokenBucket(10, 1, now);
		bucket.drain(5_000);
		bucket.drain(1_000);
		assert.equal(bucket.take(), 5_000);
	});

	it('a clock stepped back (an NTP correction) is not waited out', () => {
		const { advance, now } = clock();
		const bucket = new TokenBucket(2, 1 / 1_000, now);
		assert.equal(bucket.take(), 0);
		advance(-3_600_000);
		assert.equal(bucket.take(), 0, 'the token left is there at once');
		assert.equal(Math.round(bucket.take()), 1_000, 'then one a second, not an hour');
		bucket.drain(5_000);
		advance(-3_600_000);
		assert.ok(bucket.take() <= 5_000, 'a pause lasts no longer than it was set for');
	});

	it('hands out tokens in arrival order and sleeps the real time', async () => {
		const bucket = new TokenBucket(2, 1 / 20);
		const order: number[] = [];
		const started = Date.now();
		await Promise.all([0, 1, 2, 3].map(async (n) => bucket.acquire().then(() => order.push(n))));
		assert.deepEqual(order, [0, 1, 2, 3]);
		assert.ok(Date.now() - started >= 38, 'two tokens beyond the burst take two intervals');
	});
});

describe('bucketFor', () => {
	it('shares one bucket per key, with the burst less the headroom and the refill per minute', () => {
		const limit = { capacity: 200, refillPerMinute: 10_000 };
		const a = bucketFor('unit-k', limit);
		assert.equal(bucketFor('unit-k', limit), a);
		assert.notEqual(bucketFor('unit-other', limit), a);
		assert.equal(a.capacity, 198);
		assert.equal(a.refillPerMs, 10_000 / 60_000);
	});
});

describe('backoffDelay', () => {
	const options = {
		...defaultPacingSettings,
		backoffBaseMs: 1_000,
		backoffMaxMs: 8_000,
	};

	it('doubles per retry within half to all of each step', () => {
		assert.equal(
			backoffDelay(1, () => 0, options),
			500,
		);
		assert.equal(
			backoffDelay(1, () => 1, options),
			1_000,
		);
		assert.equal(
			backoffDelay(2, () => 0, options),
			1_000,
		);
		assert.equal(
			backoffDelay(3, () => 1, options),
			4_000,
		);
	});

	it('is capped per wait', () => {
		assert.equal(
			backoffDelay(10, () => 1, options),
			8_000,
		);
		assert.equal(
			backoffDelay(50, () => 1, options),
			8_000,
		);
	});

	it('starts from the first wait it is given', () => {
		assert.equal(
			backoffDelay(1, () => 1, { backoffBaseMs: 10, backoffMaxMs: 160 }),
			10,
		);
	});
});

describe('RetryBudget', () => {
	const options = {
		...defaultPacingSettings,
		maxTries: 4,
		backoffBaseMs: 100,
		backoffMaxMs: 1_000,
		maxBackoffTotalMs: 10_000,
		maxRateLimitedTries: 3,
		maxRateLimitWaitMs: 5_000,
	};

	it('retries server errors of an idempotent request up to the try cap', () => {
		const budget = new RetryBudget(true, options, () => 1);
		const waits = [1, 2, 3].map(() => budget.decide({ kind: 'server-error', status: 503 }));
		assert.deepEqual(waits, [
			{ retry: true, waitMs: 100 },
			{ retry: true, waitMs: 200 },
			{ retry: true, waitMs: 400 },
		]);
		const last = budget.decide({ kind: 'server-error', status: 503 });
		assert.equal(last.retry, false);
		assert.match((last as { reason: string }).reason, /limit of 4 tries/);
		assert.equal(budget.tries, 4);
	});

	it('stops when the backoff total would pass its cap', () => {
		const budget = new RetryBudget(
			true,
			{ ...options, maxTries: 50, maxBackoffTotalMs: 500 },
			() => 1,
		);
		assert.equal(budget.decide({ kind: 'timeout' }).retry, true);
		assert.equal(budget.decide({ kind: 'timeout' }).retry, true);
		const last = budget.decide({ kind: 'timeout' });
		assert.equal(last.retry, false);
		assert.match((last as { reason: string }).reason, /backoff/);
	});

	it('never repeats a write that may have been applied', () => {
		for (const kind of ['server-error', 'timeout', 'connection-reset'] as const) {
			const budget = new RetryBudget(false, options);
			const decision = budget.decide(kind === 'server-error' ? { kind, status: 500 } : { kind });
			assert.equal(decision.retry, false, kind);
			assert.match((decision as { reason: string }).reason, /may already have been applied/);
		}
	});

	it('repeats a write that certainly did not arrive', () => {
		const budget = new RetryBudget(false, options, () => 0);
		assert.equal(budget.decide({ kind: 'connection-refused' }).retry, true);
		assert.deepEqual(budget.decide({ kind: 'rate-limited', status: 429, retryAfterMs: 700 }), {
			retry: true,
			waitMs: 700,
		});
	});

	it('waits what Retry-After says, up to the rate-limit caps', () => {
		const budget = new RetryBudget(true, options);
		assert.deepEqual(budget.decide({ kind: 'rate-limited', status: 429, retryAfterMs: 2_000 }), {
			retry: true,
			waitMs: 2_000,
		});
		const tooLong = budget.decide({ kind: 'rate-limited', status: 429, retryAfterMs: 3_500 });
		assert.equal(tooLong.retry, false);
		assert.match((tooLong as { reason: string }).reason, /pass the 5 s allowed/);
	});

	it('gives up after the rate-limited try cap', () => {
		const budget = new RetryBudget(true, options);
		assert.equal(budget.decide({ kind: 'rate-limited', status: 429, retryAfterMs: 0 }).retry, true);
		assert.equal(budget.decide({ kind: 'rate-limited', status: 429, retryAfterMs: 0 }).retry, true);
		const last = budget.decide({ kind: 'rate-limited', status: 429, retryAfterMs: 0 });
		assert.equal(last.retry, false);
		assert.match((last as { reason: string }).reason, /kept answering 429/);
		assert.equal(budget.tries, 3);
	});

	it('backs off when a 429 has no Retry-After', () => {
		const budget = new RetryBudget(true, options, () => 1);
		assert.deepEqual(budget.decide({ kind: 'rate-limited', status: 429 }), {
			retry: true,
			waitMs: 100,
		});
	});
});
