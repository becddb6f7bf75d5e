import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { BroteApi } from '../../credentials/BroteApi.credentials.ts';
import { NotMetaApi } from '../../credentials/NotMetaApi.credentials.ts';
import { profiles } from '../../nodes/platforms/index.ts';
import { CLASSES, CREDENTIAL_CLASSES, PLATFORMS } from '../harness/platforms.mts';

// Properties built by shared functions escape n8n's lint of password fields, so this checks them.
const credentials = CREDENTIAL_CLASSES.map((Credential) => new Credential());

describe('credentials', () => {
	for (const credential of credentials) {
		it(`${credential.displayName} masks every key and secret, with no default value`, () => {
			const secrets = credential.properties.filter((p) => /key|secret/i.test(p.name));
			assert.ok(secrets.length >= 2);
			for (const property of secrets) {
				assert.equal(property.typeOptions?.password, true, property.name);
				assert.equal(property.default, '', property.name);
			}
		});
	}

	it('the API credentials answer a refused key with what to do, not only "Unauthorized"', () => {
		for (const [credential, platform] of [
			[new BroteApi(), 'Brote'],
			[new NotMetaApi(), 'NotMeta'],
		] as const) {
			const rule = credential.test.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === 401,
			);
			assert.match(
				String(rule?.properties.message),
				new RegExp(
					`^${platform} refused this API key\\. Copy it again from .+, and check the Base URL\\.$`,
				),
			);
		}
	});

	it('Brote API takes the plan’s limit, with the documented Business plan’s as defaults', () => {
		const byName = new Map(new BroteApi().properties.map((p) => [p.name, p]));
		const perMinute = byName.get('rateLimitPerMinute');
		const burst = byName.get('rateLimitBurst');
		assert.equal(perMinute?.type, 'number');
		assert.equal(perMinute?.default, 100);
		assert.equal(burst?.type, 'number');
		assert.equal(burst?.default, 200);
		for (const property of [perMinute, burst]) {
			assert.notEqual(property?.required, true, 'credentials saved before it existed lack it');
			assert.match(property?.description ?? '', /Brote plan/);
			assert.match(property?.description ?? '', /Business plan/);
		}
		assert.match(perMinute?.description ?? '', /100 a minute with bursts of 200/);
	});

	it('NotMeta API, whose limit is not documented, has no limit fields, but the retry ones', () => {
		const names = new NotMetaApi().properties.map((p) => p.name);
		assert.deepEqual(names, [
			'apiKey',
			'baseUrl',
			'webhookSecret',
			'previousWebhookSecret',
			'requestTimeout',
			'maxTries',
			'retryWait',
		]);
	});

	it('the dashboard credentials require the current secret and name the signature header', () => {
		const dashboard = PLATFORMS.filter((platform) => !profiles[platform].subscription);
		for (const credential of dashboard.map((platform) => new CLASSES[platform].credential())) {
			const [current, previous] = credential.properties;
			assert.equal(current.name, 'webhookSecret');
			assert.equal(current.required, true);
			assert.match(current.description ?? '', /X-\w+-Signature/);
			assert.equal(previous.name, 'previousWebhookSecret');
			assert.notEqual(previous.required, true);
		}
	});
});
