import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { RefusalThrottle } from '../../nodes/trigger/refusalLog.ts';
import { clock } from '../harness/clock.mts';

describe('RefusalThrottle', () => {
	it('logs the first refusal of a node, counts the rest of the minute, and reports the count next', () => {
		const time = clock();
		const throttle = new RefusalThrottle(60_000, time.now);
		assert.deepEqual(throttle.admit('a'), { log: true, suppressed: 0 });
		for (let i = 1; i <= 3; i++) {
			time.advance(10_000);
			assert.deepEqual(throttle.admit('a'), { log: false, suppressed: i });
		}
		time.advance(30_000);
		assert.deepEqual(throttle.admit('a'), { log: true, suppressed: 3 });
		assert.deepEqual(throttle.admit('a'), { log: false, suppressed: 1 });
	});

	it('throttles each node on its own', () => {
		const throttle = new RefusalThrottle(60_000, clock().now);
		assert.equal(throttle.admit('a').log, true);
		assert.equal(throttle.admit('b').log, true);
		assert.equal(throttle.admit('a').log, false);
	});

	it('keeps a bounded number of nodes, forgetting the longest-quiet one first', () => {
		const time = clock();
		const throttle = new RefusalThrottle(60_000, time.now);
		for (let i = 0; i < 1_001; i++) throttle.admit(`node-${i}`);
		// node-0 was forgotten, so it logs again at once; node-1000 is still throttled.
		assert.equal(throttle.admit('node-0').log, true);
		assert.equal(throttle.admit('node-1000').log, false);
	});
});
