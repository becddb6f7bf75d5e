// Executions running side by side in one n8n process share one token bucket per API key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import { actionFixture, byId, type Fixture } from './brote-fixture.mts';
import { profiles } from '../../nodes/platforms/index.ts';

// Slow enough a refill that n8n's engine, sending as fast as it can, would outrun it.
const TIME_SCALE = 0.03;

let fx: Fixture;

before(async () => {
	fx = await actionFixture({ seedContacts: 10, timeScale: TIME_SCALE });
});

after(async () => {
	await fx.close();
});

const limit = profiles.brote.api?.rateLimit ?? { capacity: 0, refillPerMinute: 0 };

function creates(prefix: string, count: number) {
	return Array.from({ length: count }, (_, i) => ({
		phone: `+569${prefix}${String(i).padStart(4, '0')}`,
	}));
}

describe('Pacing across executions', () => {
	it('two concurrent runs of 150 creates each stay under the limit: no 429 at all', async () => {
		const apiKey = fx.sb.newApiKey('brote');
		const run = (prefix: string) =>
			fx.engine.run(
				{
					type: 'brote',
					parameters: {
						resource: 'contact',
						operation: 'create',
						name: 'Bulk',
						phone: '={{ $json.phone }}',
					},
					credentials: fx.broteCredentials(apiKey),
				},
				creates(prefix, 150),
			);
		fx.sb.resetRequests();
		const started = Date.now();
		const [a, b] = await Promise.all([run('1111'), run('2222')]);
		const elapsed = Date.now() - started;
		assert.equal(a.error, undefined);
		assert.equal(b.error, undefined);
		assert.equal(a.outputs[0].length + b.outputs[0].length, 300);
		assert.equal(fx.sb.requests.filter((r) => r.status === 429).length, 0);
		assert.equal(fx.count('POST', '/contacts'), 300);
		// 300 requests against a burst of 200 take at least the refill time of the other 100.
		const refillMs = ((300 - limit.capacity) * 60_000 * TIME_SCALE) / limit.refillPerMinute;
		assert.ok(elapsed >= refillMs * 0.9, `paced: ${elapsed} ms for a refill of ${refillMs} ms`);
	});

	it('a 429 pauses every execution using the key until its Retry-After', async () => {
		const apiKey = fx.sb.newApiKey('brote');
		const contactId = fx.sb.brote.contacts.keys().next().value ?? '';
		const get = () =>
			fx.engine.run(
				{
					type: 'brote',
					parameters: { resource: 'contact', operation: 'get', contactId: byId(contactId) },
					credentials: fx.broteCredentials(apiKey),
				},
				[{}, {}],
			);
		fx.sb.resetRequests();
		fx.sb.faults.set({ platform: 'brote', next429: 1, retryAfter: '1' });
		const first = get();
		await delay(150);
		const second = get();
		const [a, b] = await Promise.all([first, second]);
		assert.equal(a.error, undefined);
		assert.equal(b.error, undefined);
		const [refused, ...rest] = fx.sb.requests;
		assert.equal(refused.status, 429);
		assert.equal(rest.length, 4);
		const pausedUntil = Date.parse(refused.at) + 1_000;
		for (const request of rest) {
			assert.ok(
				Date.parse(request.at) >= pausedUntil - 10,
				`sent ${pausedUntil - Date.parse(request.at)} ms early`,
			);
		}
	});
});
