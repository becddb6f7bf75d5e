import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { INode } from 'n8n-workflow';

import { profiles } from '../../nodes/platforms/index.ts';
import { defaultPacingSettings } from '../../nodes/shared/pacing.ts';
import { retrySettings } from '../../nodes/shared/retrySettings.ts';

const node: INode = {
	id: 'n',
	name: 'NotMeta',
	type: 'notMeta',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

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
		for (const [field, label, value] of [
			['requestTimeout', 'Request Timeout (Seconds)', 0],
			['maxTries', 'Tries per Request', 'five'],
			['retryWait', 'First Retry Wait (Seconds)', -1],
		] as const) {
			assert.throws(
				() => retrySettings(node, notmeta, { [field]: value }),
				(error: Error & { description?: string }) => {
					assert.equal(error.name, 'NodeOperationError');
					assert.equal(
						error.message,
						`The NotMeta credential's "${label}" must be a number above 0; it is ${JSON.stringify(value)}`,
					);
					assert.match(error.description ?? '', /Clear it to use the default of/);
					return true;
				},
				`${field} = ${String(value)}`,
			);
		}
	});
});
