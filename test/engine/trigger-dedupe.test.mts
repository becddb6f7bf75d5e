// The triggers' memory of delivery ids: long enough for every platform's retries, never larger
// than its cap.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import { DEFAULT_CAPACITY, DeliveryMemory, retryWindowMs } from '../../nodes/trigger/dedupe.ts';
import { clock } from '../harness/clock.mts';

const HOUR = 3_600_000;

describe('DeliveryMemory', () => {
	it('recognises a key until its time is up, and forgets it after', () => {
		const time = clock(1_000_000);
		const memory = new DeliveryMemory({ ttlMs: 10 * HOUR, now: time.now });
		assert.equal(memory.seenBefore('evt_1'), false);
		time.advance(10 * HOUR - 1);
		assert.equal(memory.seenBefore('evt_1'), true);
		time.advance(1);
		assert.equal(memory.seenBefore('evt_1'), false, 'expired, so a new first sighting');
		assert.equal(memory.size, 1);
	});

	it('counts the window from the first sighting: retries do not extend it', () => {
		const time = clock(1_000_000);
		const memory = new DeliveryMemory({ ttlMs: HOUR, now: time.now });
		memory.seenBefore('evt');
		time.advance(HOUR / 2);
		assert.equal(memory.seenBefore('evt'), true);
		time.advance(HOUR / 2);
		assert.equal(memory.seenBefore('evt'), false);
	});

	it('drops expired entries as time passes, so size follows the rate, not the history', () => {
		const time = clock(1_000_000);
		const memory = new DeliveryMemory({ ttlMs: HOUR, now: time.now });
		for (let i = 0; i < 1_000; i++) {
			memory.seenBefore(`evt_${i}`);
			time.advance(HOUR / 100);
		}
		assert.ok(memory.size <= 101, `size ${memory.size}`);
	});

	it('never holds more than its capacity, forgetting the oldest first', () => {
		const time = clock(1_000_000);
		const memory = new DeliveryMemory({ ttlMs: 24 * HOUR, capacity: 3, now: time.now });
		for (const key of ['a', 'b', 'c', 'd']) memory.seenBefore(key);
		assert.equal(memory.size, 3);
		assert.equal(memory.seenBefore('d'), true);
		assert.equal(memory.seenBefore('c'), true);
		assert.equal(memory.seenBefore('a'), false, 'the oldest was forgotten');
		assert.equal(memory.size, 3);
		assert.equal(DEFAULT_CAPACITY, 50_000);
	});

	it('stores digests, so a long key costs no more than a short one', () => {
		const memory = new DeliveryMemory({ ttlMs: HOUR });
		const long = 'x'.repeat(100_000);
		assert.equal(memory.seenBefore(long), false);
		assert.equal(memory.seenBefore(long), true);
		assert.equal(memory.seenBefore(`${long}y`), false);
	});
});

describe('retryWindowMs', () => {
	it("covers each platform's whole retry schedule and answer timeouts", () => {
		for (const profile of Object.values(profiles)) {
			const { retryDelaysMs, timeoutMs } = profile.delivery;
			const lastTryStarts =
				retryDelaysMs.reduce((sum, delay) => sum + delay, 0) + retryDelaysMs.length * timeoutMs;
			assert.ok(retryWindowMs(profile.delivery) > lastTryStarts + timeoutMs, profile.id);
		}
		assert.ok(
			retryWindowMs(profiles.cablenetai.delivery) >= 24 * HOUR,
			'CablenetAI retries until 24 h',
		);
		assert.ok(retryWindowMs(profiles.brote.delivery) >= 14.6 * HOUR);
	});
});
