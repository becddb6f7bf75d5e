// The plan's limit from the credential, and the server's rate-limit headers, against a Brote
// stand-in whose limit is not the documented one: a bucket of 20 refilling at 20 a second,
// on the real clock (time scale 1), like issue 10's (20 at 10 a second) but twice as quick.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { actionFixture, type Fixture, separateWorker } from './brote-fixture.mts';
import type { Engine, NodeRun } from '../harness/n8n.mts';
import { profiles } from '../../nodes/platforms/index.ts';
import type { RateLimitSpec } from '../../nodes/platforms/types.ts';
import type { RateLimitHeaders, RequestRecord } from '../../sandbox/index.mts';

const SERVER_LIMIT: RateLimitSpec = { capacity: 20, refillPerMinute: 1_200 };
const documented = profiles.brote.api?.rateLimit ?? { capacity: 0, refillPerMinute: 0 };

let prefixes = 0;

function phones(count: number): string[] {
	const prefix = String(++prefixes).padStart(3, '0');
	return Array.from({ length: count }, (_, i) => `+5698${prefix}${String(i).padStart(4, '0')}`);
}

/** The Brote credential with the plan's limit stated; without `limit`, saved as before the fields existed. */
function credentials(
	fx: Fixture,
	apiKey: string,
	limit?: Partial<Record<'rateLimitPerMinute' | 'rateLimitBurst', unknown>>,
): Record<string, ICredentialDataDecryptedObject> {
	return {
		broteApi: { apiKey, baseUrl: fx.sb.urls.brote, ...limit } as ICredentialDataDecryptedObject,
	};
}

const matched = {
	rateLimitPerMinute: SERVER_LIMIT.refillPerMinute,
	rateLimitBurst: SERVER_LIMIT.capacity,
};

function createAll(
	engine: Engine,
	creds: Record<string, ICredentialDataDecryptedObject>,
	numbers: string[],
): Promise<NodeRun> {
	return engine.run(
		{
			type: 'brote',
			parameters: {
				resource: 'contact',
				operation: 'create',
				name: 'Plan',
				phone: '={{ $json.phone }}',
			},
			credentials: creds,
		},
		numbers.map((phone) => ({ phone })),
	);
}

function answered429(fx: Fixture): number {
	return fx.sb.requests.filter((r) => r.status === 429).length;
}

/** Every phone became exactly one contact and one output item. */
function assertCreatedOnce(fx: Fixture, runs: NodeRun[], numbers: string[]): void {
	for (const run of runs) assert.equal(run.error, undefined, run.error?.message);
	const outputs = runs.flatMap((run) => run.outputs[0] ?? []);
	assert.equal(outputs.length, numbers.length);
	assert.deepEqual(fx.sb.brote.phoneTally(numbers), { lost: 0, duplicated: 0 });
}

/** The requests came no closer together, first to last, than `perMinute` allows (20 ms for clocks). */
function assertSpaced(requests: RequestRecord[], perMinute: number): void {
	const times = requests.map((r) => Date.parse(r.at));
	assert.ok(times.length >= 3, `only ${times.length} requests to measure`);
	const spanMs = times[times.length - 1] - times[0];
	const leastMs = ((times.length - 1) * 60_000) / perMinute - 20;
	assert.ok(
		spanMs >= leastMs,
		`${times.length} requests in ${spanMs} ms, at least ${leastMs} expected`,
	);
}

/**
 * `count` creates with a new key and the credential stated as `limit` (as saved before the
 * fields existed, without it); every one must come out created once. Answers the 429s met.
 */
async function createdOnce(fx: Fixture, count: number, limit?: Parameters<typeof credentials>[2]) {
	const numbers = phones(count);
	fx.sb.resetRequests();
	const run = await createAll(fx.engine, credentials(fx, fx.sb.newApiKey('brote'), limit), numbers);
	assertCreatedOnce(fx, [run], numbers);
	return answered429(fx);
}

describe('The plan limit from the credential', () => {
	let fx: Fixture;

	before(async () => {
		fx = await actionFixture({ timeScale: 1, rateLimit: SERVER_LIMIT });
	});

	after(async () => {
		await fx.close();
	});

	it('stated to match the plan, 40 creates go through without a single 429', async () => {
		assert.equal(await createdOnce(fx, 40, matched), 0);
	});

	it('its figures set the pace: with a burst of 3 and 60 a minute, one goes at once, then one a second', async () => {
		// The documented figures would send all four at once; the server alone, 20 a second.
		const slow = { rateLimitPerMinute: 60, rateLimitBurst: 3 };
		assert.equal(await createdOnce(fx, 4, slow), 0);
		// The burst less the headroom of 2 leaves one request at once.
		assertSpaced(fx.sb.requests, slow.rateLimitPerMinute);
	});

	it('saved before the fields existed, it paces by the documented limit, even against a faster plan', async () => {
		// A 429 empties the bucket, so the documented pace shows without 200 requests of burst.
		fx.sb.faults.set({ platform: 'brote', next429: 1, retryAfter: '0' });
		assert.equal(await createdOnce(fx, 5), 1);
		assertSpaced(fx.sb.requests.slice(1), documented.refillPerMinute);
	});

	for (const [field, value] of [
		['rateLimitPerMinute', 0],
		['rateLimitPerMinute', -5],
		['rateLimitPerMinute', 'fast'],
		['rateLimitBurst', 0],
		['rateLimitBurst', 'lots'],
	] as const) {
		it(`refuses ${field} = ${JSON.stringify(value)} before any request, naming the field`, async () => {
			fx.sb.resetRequests();
			const run = await createAll(
				fx.engine,
				credentials(fx, fx.sb.newApiKey('brote'), { ...matched, [field]: value }),
				phones(1),
			);
			assert.ok(run.error, 'the run fails');
			assert.equal(run.error.name, 'NodeOperationError');
			const label = field === 'rateLimitPerMinute' ? 'Requests per Minute' : 'Burst';
			assert.match(
				run.error.message,
				new RegExp(`Brote credential's "${label}.*" must be a number above 0`),
			);
			assert.match(run.error.message, new RegExp(JSON.stringify(value)));
			assert.equal(fx.sb.requests.length, 0);
		});
	}
});

for (const family of ['ietf', 'x'] as const satisfies readonly RateLimitHeaders[]) {
	describe(`Following the server's ${family === 'ietf' ? 'RateLimit-*' : 'X-RateLimit-*'} headers`, () => {
		let fx: Fixture;

		before(async () => {
			fx = await actionFixture({ timeScale: 1, rateLimit: SERVER_LIMIT, rateLimitHeaders: family });
		});

		after(async () => {
			await fx.close();
		});

		it('a credential that overstates the burst waits for Reset at Remaining 0: no 429', async () => {
			assert.equal(await createdOnce(fx, 30, { ...matched, rateLimitBurst: 200 }), 0);
		});

		it('two workers with buckets of their own share one key: few 429s, nothing lost or doubled', async () => {
			const numbers = phones(60);
			const creds = credentials(fx, fx.sb.newApiKey('brote'), matched);
			fx.sb.resetRequests();
			const runs = await Promise.all([
				createAll(fx.engine, creds, numbers.slice(0, 30)),
				createAll(separateWorker(), creds, numbers.slice(30)),
			]);
			assertCreatedOnce(fx, runs, numbers);
			// 60 creates empty the server's bucket at most twice (at once, and maybe near the
			// end). Each time the worker that reads Remaining 0 pauses without a 429, and the
			// other meets one at most; without the headers each meets its own, 4 in all.
			assert.ok(answered429(fx) <= 2, `${answered429(fx)} answered 429`);
		});
	});
}
