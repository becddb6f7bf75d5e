import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { BroteApi } from '../../credentials/BroteApi.credentials.ts';
import { BuzzBipWebhookApi } from '../../credentials/BuzzBipWebhookApi.credentials.ts';
import { CablenetAiWebhookApi } from '../../credentials/CablenetAiWebhookApi.credentials.ts';
import { HornerossWebhookApi } from '../../credentials/HornerossWebhookApi.credentials.ts';
import { NotMetaApi } from '../../credentials/NotMetaApi.credentials.ts';

// Properties built by shared functions escape n8n's lint of password fields, so this checks them.
const credentials = [
	new BroteApi(),
	new NotMetaApi(),
	new HornerossWebhookApi(),
	new CablenetAiWebhookApi(),
	new BuzzBipWebhookApi(),
];

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

	it('the dashboard credentials require the current secret and name the signature header', () => {
		for (const credential of credentials.slice(2)) {
			const [current, previous] = credential.properties;
			assert.equal(current.name, 'webhookSecret');
			assert.equal(current.required, true);
			assert.match(current.description ?? '', /X-\w+-Signature/);
			assert.equal(previous.name, 'previousWebhookSecret');
			assert.notEqual(previous.required, true);
		}
	});
});
