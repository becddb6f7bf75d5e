// Replays and refusals through n8n-core's WebhookContext, with the sandbox's signed deliveries
// and its retry rules: a recorded delivery whose event time is past the retry window starts
// nothing however the de-duplication memory stands, a late retry inside it runs once, and a
// refusal reaches the editor while it listens for a test event.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { profiles } from '../../nodes/platforms/index.ts';
import { defaultMaxEventAgeMinutes } from '../../nodes/trigger/freshness.ts';
import { finalStatus } from '../../nodes/trigger/refusal.ts';
import type { DeliverOptions } from '../../sandbox/index.mts';
import { minutesAgo } from '../harness/clock.mts';
import {
	armTrigger,
	catalogEvent,
	PLATFORMS,
	type TriggerFixture,
	triggerFixture,
} from './trigger-fixture.mts';

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture();
});
after(async () => {
	await fx.close();
});

for (const platform of PLATFORMS) {
	const profile = profiles[platform];
	const type = catalogEvent(platform, 0);
	const maxAge = defaultMaxEventAgeMinutes(profile.delivery);

	/** A production trigger of this platform, and how its platform sends it a delivery. */
	async function armed(options: INodeParameters = {}) {
		const { endpoint, secret } = await armTrigger(fx, platform, { events: [type], options });
		return {
			endpoint,
			send: (delivery: Partial<DeliverOptions>) =>
				fx.sb.deliver({ platform, type, url: endpoint.url, secret, ...delivery }),
			done: async () => {
				if (profile.subscription) await endpoint.deactivate();
			},
		};
	}

	describe(`${profile.displayName} Trigger, replays`, () => {
		it('refuses a recorded delivery older than the retry window, so the platform does not retry, and starts nothing', async () => {
			const checked = await armed();
			const recorded = await checked.send({ occurredAt: minutesAgo(maxAge + 5) });
			assert.deepEqual(
				recorded.attempts.map((a) => a.status),
				[finalStatus(profile.delivery)],
			);
			assert.match(recorded.attempts[0].answer, /refused as a replay/);
			assert.equal(checked.endpoint.runs.length, 0);

			// The same signed bytes run where the check is off: the event time alone refused them.
			const unchecked = await armed({ maxEventAge: 0 });
			const replayed = await unchecked.send({ rawBody: recorded.body, retry: false });
			assert.equal(replayed.attempts[0].status, 200);
			assert.equal(unchecked.endpoint.runs.length, 1);
			await checked.done();
			await unchecked.done();
		});

		it('runs a late retry inside the window once', async () => {
			const trigger = await armed();
			const late = await trigger.send({ occurredAt: minutesAgo(maxAge - 10), duplicate: true });
			assert.deepEqual(
				late.attempts.map((a) => [a.status, a.duplicate ?? false]),
				[
					[200, false],
					[200, true],
				],
			);
			assert.equal(trigger.endpoint.runs.length, 1);
			await trigger.done();
		});

		it('refuses an event time more than the clock skew ahead', async () => {
			const trigger = await armed();
			const ahead = await trigger.send({ occurredAt: minutesAgo(-10) });
			assert.equal(ahead.attempts.length, 1);
			assert.match(ahead.attempts[0].answer, /ahead of n8n's clock/);
			assert.equal(trigger.endpoint.runs.length, 0);
			await trigger.done();
		});
	});
}

describe('refusals while the editor listens for a test event', () => {
	it('throw the reason, which n8n shows on the trigger, and start no run', async () => {
		const secret = 'test-secret';
		const endpoint = fx.endpoint(
			'horneross',
			{ events: ['*'] },
			{ test: true, secrets: { webhookSecret: secret } },
		);
		const refused = await fx.sb.deliver({
			platform: 'horneross',
			type: 'lead.captured',
			url: endpoint.url,
			secret,
			badSignature: true,
			retry: false,
		});
		assert.equal(refused.attempts[0].status, 500);
		assert.equal(endpoint.runs.length, 0);
		const thrown = endpoint.exchanges.at(-1)!.body;
		assert.match(
			thrown,
			/NodeOperationError: Delivery refused: The X-Horneross-Signature signature matches none/,
		);
		assert.doesNotMatch(thrown, new RegExp(secret));
	});
});

describe('a Maximum Event Age that is not a number of minutes', () => {
	it('answers 500, so the platform retries while the option is fixed', async () => {
		const { endpoint, secret } = await armTrigger(fx, 'buzzbip', {
			events: ['*'],
			options: { maxEventAge: -1 },
		});
		const delivered = await fx.sb.deliver({
			platform: 'buzzbip',
			type: 'message.received',
			url: endpoint.url,
			secret,
			retry: false,
		});
		assert.equal(delivered.attempts[0].status, 500);
		assert.match(delivered.attempts[0].answer, /Maximum Event Age option must be a number/);
		assert.equal(endpoint.runs.length, 0);
	});
});
