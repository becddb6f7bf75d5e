// Stopping an execution while the node waits (for a rate-limit token, to retry, for an answer)
// ends the node at once and sends nothing more, with or without Continue On Fail, on n8n 2.x
// and with n8n 1.x's `sleep`, which ignores the signal it is given.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { actionFixture, byId, type Fixture, json, separateWorker } from './brote-fixture.mts';
import { waitUntil } from '../harness/clock.mts';
import type { Engine } from '../harness/n8n.mts';
import type { FaultSettings } from '../../sandbox/faults.mts';

let fx: Fixture;
let contactId: string;

before(async () => {
	fx = await actionFixture({ seedContacts: 1 });
	contactId = fx.sb.brote.contacts.keys().next().value ?? '';
});

beforeEach(() => {
	fx.sb.faults.clear();
	fx.sb.resetRequests();
});

after(async () => {
	fx.sb.faults.clear();
	await fx.close();
});

/**
 * n8n-workflow 1.97.0's `sleep` (n8n 1.100.1): it takes no signal. Its timer does not hold the
 * test process open, as n8n's server outlives it anyway.
 */
async function sleepOfN8n1(ms: number): Promise<void> {
	await new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
}

/** How long a stopped run may take to end. */
const PROMPTLY_MS = 1_000;

interface Wait {
	name: string;
	credentials?: ICredentialDataDecryptedObject;
	faults?: FaultSettings;
	/** Whether the node is in its wait once the sandbox has answered the first request. */
	afterAnswer: boolean;
}

const waits: Wait[] = [
	{
		name: 'waiting a minute for a rate-limit token',
		credentials: { rateLimitPerMinute: 1, rateLimitBurst: 1 },
		afterAnswer: true,
	},
	{
		name: 'waiting 15 to 30 s to retry a server error',
		credentials: { retryWait: 30 },
		faults: { platform: 'brote', next5xx: 1 },
		afterAnswer: true,
	},
	{
		name: 'waiting for an answer that takes 5 s',
		faults: { platform: 'brote', latencyMs: 5_000 },
		afterAnswer: false,
	},
];

const versions: Array<{ name: string; engine: () => Engine }> = [
	{ name: 'n8n 2.x', engine: () => fx.engine },
	{ name: "n8n 1.x's sleep", engine: () => separateWorker({ sleep: sleepOfN8n1 }) },
];

const getContact = () => ({ resource: 'contact', operation: 'get', contactId: byId(contactId) });

for (const version of versions) {
	describe(`Stopping a run (${version.name})`, () => {
		it('a run stopped while it waits for a token leaves that token to the run queued behind it', async () => {
			const engine = version.engine();
			const node = {
				type: 'brote',
				parameters: getContact(),
				credentials: fx.broteCredentials(fx.sb.newApiKey('brote'), {
					rateLimitPerMinute: 60,
					rateLimitBurst: 1,
				}),
			};
			const stopped = engine.start(node, [{}, {}, {}]);
			await waitUntil(() => fx.sb.requests.length === 1, 'the first request');
			const firstAt = Date.now();
			const queued = engine.start(node, [{}]);
			await delay(100);
			stopped.stop();
			await stopped.done;
			const run = await queued.done;
			const waitedMs = Date.now() - firstAt;
			assert.equal(run.error, undefined);
			assert.equal(fx.sb.requests.length, 2);
			// The next token is due a second after the first request; the one after it, two.
			assert.ok(waitedMs < 1_500, `the queued run waited ${waitedMs} ms`);
		});

		for (const wait of waits) {
			for (const continueOnFail of [false, true]) {
				it(`${wait.name}${continueOnFail ? ', with Continue On Fail' : ''}: ends at once and sends nothing more`, async () => {
					if (wait.faults) fx.sb.faults.set(wait.faults);
					const execution = version.engine().start(
						{
							type: 'brote',
							parameters: getContact(),
							credentials: fx.broteCredentials(fx.sb.newApiKey('brote'), wait.credentials),
							onError: continueOnFail ? 'continueRegularOutput' : undefined,
						},
						[{}, {}, {}],
					);
					await waitUntil(
						() => fx.sb.requests.some((r) => !wait.afterAnswer || r.status !== null),
						'the first request',
					);
					await delay(100);
					const sent = fx.sb.requests.length;
					const stoppedAt = Date.now();
					execution.stop();
					const run = await Promise.race([execution.done, delay(PROMPTLY_MS * 3, undefined)]);
					const tookMs = Date.now() - stoppedAt;
					assert.ok(run, `the run still went on ${tookMs} ms after the stop`);
					assert.ok(tookMs < PROMPTLY_MS, `the run ended ${tookMs} ms after the stop`);
					assert.ok(run.error, 'the node stopped with the execution');
					assert.deepEqual(
						json(run).filter((item) => 'error' in item),
						[],
						'no item became an error item',
					);
					await delay(200);
					assert.equal(fx.sb.requests.length, sent, 'no request after the stop');
				});
			}
		}
	});
}
