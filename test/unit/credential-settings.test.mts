import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import { profiles } from '../../nodes/platforms/index.ts';
import { defaultPacingSettings } from '../../nodes/common/pacing.ts';
import { planRateLimit } from '../../nodes/common/planLimit.ts';
import { exhaustedForMs, resetDelayMs } from '../../nodes/common/rateLimitHeaders.ts';
import { retrySettings } from '../../nodes/common/retrySettings.ts';
import { bucketKey } from '../../nodes/common/transport.ts';

const NOW = Date.parse('2026-05-19T10:23:45.000Z');
const node: INode = {
	id: 'n',
	name: 'Brote',
	type: 'brote',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Each bad value stops the node with the field's label, the value and `hint`. */
function assertRefused(
	read: (credentials: ICredentialDataDecryptedObject) => unknown,
	cases: ReadonlyArray<readonly [string, string, unknown]>,
	hint: RegExp,
): void {
	for (const [field, label, value] of cases) {
		assert.throws(
			() => read({ [field]: value } as ICredentialDataDecryptedObject),
			(error: Error & { description?: string }) => {
				assert.equal(error.name, 'NodeOperationError');
				assert.match(error.message, /^The \w+ credential's "/);
				assert.ok(
					error.message.includes(
						`"${label}" must be a number above 0; it is ${JSON.stringify(value)}`,
					),
					error.message,
				);
				assert.match(error.description ?? '', hint);
				return true;
			},
			`${field} = ${String(value)}`,
		);
	}
}

describe('planRateLimit', () => {
	const brote = profiles.brote;

	it('takes the plan’s limit from the credential, numbers typed as text included', () => {
		assert.deepEqual(
			planRateLimit(node, brote, { rateLimitPerMinute: 600, rateLimitBurst: '20' }),
			{ capacity: 20, refillPerMinute: 600 },
		);
	});

	it('falls back to the documented limit where a credential saved before the fields has none', () => {
		for (const empty of [undefined, null, '']) {
			const saved = { apiKey: 'k', rateLimitPerMinute: empty, rateLimitBurst: empty };
			assert.deepEqual(planRateLimit(node, brote, saved as ICredentialDataDecryptedObject), {
				capacity: 200,
				refillPerMinute: 100,
			});
		}
		assert.deepEqual(planRateLimit(node, brote, { apiKey: 'k' }), {
			capacity: 200,
			refillPerMinute: 100,
		});
	});

	it('refuses what is not a number above 0, naming the field and the value', () => {
		assertRefused(
			(credentials) => planRateLimit(node, brote, credentials),
			[
				['rateLimitPerMinute', 'Requests per Minute', 0],
				['rateLimitPerMinute', 'Requests per Minute', -1],
				['rateLimitPerMinute', 'Requests per Minute', 'ten'],
				['rateLimitBurst', 'Burst (Requests at Once)', Number.NaN],
				['rateLimitBurst', 'Burst (Requests at Once)', Number.POSITIVE_INFINITY],
				['rateLimitBurst', 'Burst (Requests at Once)', true],
			],
			/limit of your Brote plan/,
		);
	});

	it('gives no limit for a platform that documents none, whatever the credential holds', () => {
		assert.equal(planRateLimit(node, profiles.notmeta, { rateLimitPerMinute: 5 }), undefined);
	});
});

describe('retrySettings', () => {
	const notmeta = profiles.notmeta;

	it('keeps the defaults for a credential saved before the fields existed', () => {
		assert.deepEqual(retrySettings(node, notmeta, { apiKey: 'k' }), defaultPacingSettings);
	});

	it('takes the timeout and tries from the credential, numbers typed as text included', () => {
		const settings = retrySettings(node, notmeta, { requestTimeout: '2.5', maxTries: 3 });
		assert.equal(settings.requestTimeoutMs, 2_500);
		assert.equal(settings.maxTries, 3);
	});

	it('scales every backoff with the first retry wait, keeping their proportions', () => {
		const settings = retrySettings(node, notmeta, { retryWait: 0.01 });
		assert.equal(settings.backoffBaseMs, 10);
		assert.equal(settings.backoffMaxMs, defaultPacingSettings.backoffMaxMs / 100);
		assert.equal(settings.maxBackoffTotalMs, defaultPacingSettings.maxBackoffTotalMs / 100);
		assert.equal(settings.maxRateLimitWaitMs, defaultPacingSettings.maxRateLimitWaitMs);
	});

	it('refuses what is not a number above 0, naming the field and the value', () => {
		assertRefused(
			(credentials) => retrySettings(node, notmeta, credentials),
			[
				['requestTimeout', 'Request Timeout (Seconds)', 0],
				['maxTries', 'Tries per Request', 'five'],
				['retryWait', 'First Retry Wait (Seconds)', -1],
			],
			/Clear it to use the default of/,
		);
	});
});

describe('bucketKey', () => {
	it('differs with the limit, so a credential edited to another plan gets a bucket of its own', () => {
		const key = (capacity: number, refillPerMinute: number) =>
			bucketKey(profiles.brote, 'https://api.brote.ai/v1', 'k', { capacity, refillPerMinute });
		assert.equal(key(200, 100), key(200, 100));
		assert.notEqual(key(200, 100), key(20, 100));
		assert.notEqual(key(200, 100), key(200, 600));
		assert.notEqual(key(20, 100), key(201, 0), 'the figures cannot run together');
	});
});

describe('resetDelayMs', () => {
	it('reads small values as delta-seconds', () => {
		assert.equal(resetDelayMs(0, NOW), 0);
		assert.equal(resetDelayMs(30, NOW), 30_000);
		assert.equal(resetDelayMs(1.5, NOW), 1_500);
	});

	it('reads an epoch timestamp in seconds or milliseconds as the time left until it', () => {
		assert.equal(resetDelayMs(NOW / 1000 + 42, NOW), 42_000);
		assert.equal(resetDelayMs(NOW + 42_000, NOW), 42_000);
	});

	it('treats a moment already past as no wait', () => {
		assert.equal(resetDelayMs(NOW / 1000 - 10, NOW), 0);
		assert.equal(resetDelayMs(NOW - 10_000, NOW), 0);
	});
});

describe('exhaustedForMs', () => {
	it('waits for Reset when Remaining is 0, in either family', () => {
		assert.equal(
			exhaustedForMs({ 'ratelimit-remaining': '0', 'ratelimit-reset': '2' }, NOW),
			2_000,
		);
		assert.equal(
			exhaustedForMs(
				{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 3) },
				NOW,
			),
			3_000,
		);
	});

	it('does not wait while some are left, or without a Reset to wait for', () => {
		assert.equal(
			exhaustedForMs({ 'ratelimit-remaining': '1', 'ratelimit-reset': '60' }, NOW),
			undefined,
		);
		assert.equal(exhaustedForMs({ 'ratelimit-remaining': '0' }, NOW), undefined);
		assert.equal(
			exhaustedForMs({ 'ratelimit-remaining': 'none', 'ratelimit-reset': '5' }, NOW),
			undefined,
		);
		assert.equal(exhaustedForMs({}, NOW), undefined);
		assert.equal(exhaustedForMs(undefined, NOW), undefined);
	});

	it('prefers the draft’s headers to the X- ones, and reads any case, arrays and policies', () => {
		assert.equal(
			exhaustedForMs(
				{
					'ratelimit-remaining': '5',
					'ratelimit-reset': '1',
					'x-ratelimit-remaining': '0',
					'x-ratelimit-reset': '9',
				},
				NOW,
			),
			undefined,
		);
		assert.equal(
			exhaustedForMs({ 'RateLimit-Remaining': ['0'], 'RateLimit-Reset': '7, 60;w=60' }, NOW),
			7_000,
		);
		assert.equal(
			exhaustedForMs({ 'x-ratelimit-remaining': 0, 'x-ratelimit-reset': 4 }, NOW),
			4_000,
		);
	});
});
