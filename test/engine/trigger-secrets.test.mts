// A credential read costs n8n's server a database query, a decryption and an expression
// isolate, so the trigger reuses what it read a moment ago, and reads again on a mismatch, at
// most once a second.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';

import type { TriggerEndpoint } from '../harness/webhook.mts';
import { type TriggerFixture, triggerFixture } from './trigger-fixture.mts';

const REUSE_MS = 5_000;
const MISMATCH_REREAD_MS = 1_000;
const CREDENTIAL = 'hornerossWebhookApi';

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture();
});
after(async () => {
	await fx.close();
});

async function status(endpoint: TriggerEndpoint, secret: string): Promise<number | null> {
	const result = await fx.sb.deliver({
		platform: 'horneross',
		type: 'lead.captured',
		url: endpoint.url,
		secret,
		retry: false,
	});
	return result.attempts[0].status;
}

/** A Horneross trigger whose credential holds `webhookSecret`. */
function horneross(webhookSecret: string): TriggerEndpoint {
	return fx.endpoint('horneross', { events: ['lead.captured'] }, { secrets: { webhookSecret } });
}

/** Edits the stored credential in place, as a user does in n8n's credential dialog. */
function editSecret(endpoint: TriggerEndpoint, webhookSecret: string): void {
	const ref = endpoint.node.credentials?.[CREDENTIAL];
	assert.ok(ref?.id);
	fx.engine.credentials.add({
		id: ref.id,
		name: ref.name,
		type: CREDENTIAL,
		data: { webhookSecret },
	});
}

describe('credential reads on the delivery path', () => {
	it('reads once, reuses the secrets for matching deliveries, and reads again on a mismatch', async () => {
		const endpoint = horneross('first');
		const reads = () => fx.engine.credentials.reads;
		const start = reads();
		assert.equal(await status(endpoint, 'first'), 200);
		assert.equal(reads() - start, 1);
		assert.equal(await status(endpoint, 'first'), 200);
		assert.equal(reads() - start, 1, 'a matching delivery needs no new read');
		assert.equal(await status(endpoint, 'forged'), 401);
		assert.equal(reads() - start, 2, 'a mismatch is checked against a fresh read');
	});

	it('accepts a new secret at once, and refuses a removed one once it has been read again', async () => {
		const endpoint = horneross('old');
		assert.equal(await status(endpoint, 'old'), 200);
		editSecret(endpoint, 'new');
		assert.equal(await status(endpoint, 'new'), 200);
		assert.equal(await status(endpoint, 'old'), 401);
	});

	it('stops accepting a removed secret within the reuse window', async () => {
		const endpoint = horneross('leaked');
		assert.equal(await status(endpoint, 'leaked'), 200);
		editSecret(endpoint, 'replacement');
		await sleep(REUSE_MS + 100);
		assert.equal(await status(endpoint, 'leaked'), 401);
		assert.equal(await status(endpoint, 'replacement'), 200);
	});

	it('reads at most once a second for a flood of forged deliveries, and still takes a new secret', async () => {
		const endpoint = horneross('kept');
		const reads = () => fx.engine.credentials.reads;
		assert.equal(await status(endpoint, 'kept'), 200);
		const start = reads();
		const started = Date.now();
		for (let i = 0; i < 30; i++) assert.equal(await status(endpoint, `forged-${i}`), 401);
		const seconds = (Date.now() - started) / 1000;
		assert.ok(
			reads() - start <= Math.ceil(seconds / (MISMATCH_REREAD_MS / 1000)) + 1,
			`${reads() - start} reads for 30 forged deliveries in ${seconds.toFixed(2)} s`,
		);
		editSecret(endpoint, 'rotated');
		await sleep(MISMATCH_REREAD_MS + 50);
		assert.equal(await status(endpoint, 'rotated'), 200, 'a new secret works a second after a forgery');
	});
});
