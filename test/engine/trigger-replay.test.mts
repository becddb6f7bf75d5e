// Replays and refusals through n8n-core's WebhookContext, with the sandbox's signed deliveries
// and its retry rules: a recorded delivery whose event time is past the retry window starts
// nothing however the de-duplication memory stands, and is answered so that the platform retries
// (a false alarm heals); a late retry inside it runs once; a refusal by time is in n8n's log with
// its event, whatever came before; and a refusal reaches the editor while it listens for a test
// event, and so does the reason an event starts no run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { profiles } from '../../nodes/platforms/index.ts';
import { defaultMaxEventAgeMinutes } from '../../nodes/trigger/freshness.ts';
import { RETRY_LATER } from '../../nodes/trigger/refusal.ts';
import type { DeliverOptions } from '../../sandbox/index.mts';
import { minutesAgo } from '../harness/clock.mts';
import { recordWarnings } from '../harness/n8n.mts';
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
		it('refuses a recorded delivery older than the retry window with an answer the platform retries, and starts nothing', async () => {
			const checked = await armed();
			const recorded = await checked.send({ occurredAt: minutesAgo(maxAge + 5), retry: false });
			assert.deepEqual(
				recorded.attempts.map((a) => [a.status, a.ok]),
				[[RETRY_LATER, false]],
			);
			assert.match(recorded.attempts[0].answer, /refused as a possible replay/);
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

		it("runs a stale event at the platform's next retry once the builder raises Maximum Event Age", async () => {
			const trigger = await armed();
			const delivery = await trigger.send({
				occurredAt: minutesAgo(maxAge + 5),
				onAttempt: (attempt) => {
					if (attempt.attempt === 1) {
						trigger.endpoint.setParameters({
							events: [type],
							options: { maxEventAge: 2 * maxAge },
						});
					}
				},
			});
			assert.deepEqual(
				delivery.attempts.map((a) => a.status),
				[RETRY_LATER, 200],
			);
			assert.equal(trigger.endpoint.runs.length, 1);
			await trigger.done();
		});

		it('refuses an event time more than the clock skew ahead, with an answer the platform retries', async () => {
			const trigger = await armed();
			const ahead = await trigger.send({ occurredAt: minutesAgo(-10), retry: false });
			assert.deepEqual(
				ahead.attempts.map((a) => [a.status, a.ok]),
				[[RETRY_LATER, false]],
			);
			assert.match(ahead.attempts[0].answer, /ahead of n8n's clock/);
			assert.equal(trigger.endpoint.runs.length, 0);
			await trigger.done();
		});
	});
}

describe('a refusal by event time in the log', () => {
	it('is a line with its event id and type, whatever forged deliveries came first; a copy of it adds none', async () => {
		const platform = 'horneross';
		const type = 'lead.captured';
		const { endpoint, secret } = await armTrigger(fx, platform, { events: [type] });
		const marker = `${Math.random()}`.slice(2);
		const body = `body-${marker}`;
		const log = recordWarnings();
		const send = (delivery: Partial<DeliverOptions>) =>
			fx.sb.deliver({
				platform,
				type,
				url: endpoint.url,
				secret,
				data: { note: body },
				retry: false,
				...delivery,
			});
		try {
			for (let i = 0; i < 5; i++) await send({ badSignature: true });
			const stale = await send({ id: `evt_stale_${marker}`, occurredAt: minutesAgo(24 * 60) });
			await send({ rawBody: stale.body });
			const other = await send({ id: `evt_other_${marker}`, occurredAt: minutesAgo(-60) });
			assert.deepEqual(
				log.warnings.filter((w) => w.meta.reason !== 'no-match').map((w) => w.meta.reason),
				['stale', 'future'],
			);
			const byEvent = (id: string) => log.warnings.filter((w) => w.meta.eventId === id);
			assert.equal(byEvent(stale.id).length, 1);
			assert.equal(byEvent(other.id).length, 1);
			const [line] = byEvent(stale.id);
			assert.equal(line!.meta.eventType, type);
			assert.equal(line!.meta.reason, 'stale');
			assert.match(line!.message, /refused a delivery with 503: The event's time is/);
			assert.ok(line!.message.includes(`Event ${stale.id} (${type}).`), line!.message);
			assert.equal(byEvent(other.id)[0]!.meta.reason, 'future');
			for (const warning of log.warnings) {
				const text = warning.message + JSON.stringify(warning.meta);
				assert.ok(!text.includes(body) && !text.includes(secret), text);
			}
			assert.deepEqual(
				[stale, other].map((d) => d.attempts[0]!.status),
				[RETRY_LATER, RETRY_LATER],
			);
		} finally {
			log.stop();
		}
	});
});

describe('while the editor listens for a test event', () => {
	it('a refusal throws its reason, which n8n shows on the trigger, and starts no run', async () => {
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

	/** A Horneross trigger listening for one event, and the signed delivery of an event to it. */
	function listening(test: boolean) {
		const secret = 'test-secret';
		const [selected, other] = [catalogEvent('horneross', 0), catalogEvent('horneross', 1)];
		const endpoint = fx.endpoint(
			'horneross',
			{ events: [selected] },
			{ test, secrets: { webhookSecret: secret } },
		);
		const send = (type: string, id?: string) =>
			fx.sb.deliver({ platform: 'horneross', type, url: endpoint.url, secret, id, retry: false });
		return { endpoint, send, selected, other };
	}

	it('an event that is not selected throws why it starts nothing, where production answers 200', async () => {
		for (const test of [true, false]) {
			const { endpoint, send, other } = listening(test);
			const ignored = await send(other);
			assert.equal(endpoint.runs.length, 0);
			if (!test) {
				assert.equal(ignored.attempts[0].status, 200);
				continue;
			}
			assert.equal(ignored.attempts[0].status, 500);
			assert.match(
				endpoint.exchanges.at(-1)!.body,
				new RegExp(`NodeOperationError: Delivery ignored: the event ${other} is not selected`),
			);
		}
	});

	it('a copy of an event that already ran at the test URL throws why it starts nothing', async () => {
		const { endpoint, send, selected } = listening(true);
		const first = await send(selected, 'evt-listened-twice');
		assert.equal(first.attempts[0].status, 200);
		const copy = await send(selected, 'evt-listened-twice');
		assert.equal(copy.attempts[0].status, 500);
		assert.equal(endpoint.runs.length, 1);
		assert.match(
			endpoint.exchanges.at(-1)!.body,
			/NodeOperationError: Delivery ignored: event evt-listened-twice \([^)]+\) already arrived at the test URL/,
		);
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
