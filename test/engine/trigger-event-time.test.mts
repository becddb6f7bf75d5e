// Event times against the n8n host's own clock and zone: the triggers run in n8n's engine on a host
// in America/Santiago (UTC-3 in December), on a clock the test moves, forward only (only Date is
// mocked; timers run as they do). A time without a zone is UTC; epoch numbers are times; a time the check cannot
// read runs and is logged once per trigger; and the duplicate memory holds a delivery for as long
// as its event time would let a copy of it through.
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import { retryWindowMs } from '../../nodes/trigger/dedupe.ts';
import { defaultMaxEventAgeMinutes } from '../../nodes/trigger/freshness.ts';
import { RETRY_LATER } from '../../nodes/trigger/refusal.ts';
import { buildEnvelope } from '../../sandbox/envelope.mts';
import { recordWarnings } from '../harness/n8n.mts';
import {
	armTrigger,
	catalogEvent,
	PLATFORMS,
	type TriggerFixture,
	triggerFixture,
} from './trigger-fixture.mts';

process.env.TZ = 'America/Santiago';
const T0 = Date.parse('2026-12-02T12:00:00.000Z');
const MINUTE = 60_000;
mock.timers.enable({ apis: ['Date'], now: T0 });

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture();
});
after(async () => {
	await fx.close();
	mock.timers.reset();
});

/** ISO 8601 in UTC without its zone designator, as some senders write it. */
function zoneless(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19);
}

/** A production trigger of the platform, and a way to send it a body with this time field. */
async function armed(platform: PlatformId, options: INodeParameters = {}) {
	const profile = profiles[platform];
	const type = catalogEvent(platform, 0);
	const { endpoint, secret } = await armTrigger(fx, platform, { events: [type], options });
	const deliver = async (time: unknown, rawBody?: Buffer) => {
		const body = buildEnvelope(profile, { type, data: {} });
		body[profile.envelope.timeField] = time;
		const sent = await fx.sb.deliver({
			platform,
			type,
			url: endpoint.url,
			secret,
			rawBody: rawBody ?? Buffer.from(JSON.stringify(body)),
			retry: false,
		});
		return { status: sent.attempts[0]!.status, answer: sent.attempts[0]!.answer, body: sent.body };
	};
	return {
		endpoint,
		deliver,
		done: async () => {
			if (profile.subscription) await endpoint.deactivate();
		},
	};
}

describe('event times on a host in America/Santiago', () => {
	it('is a host whose zone is not UTC', () => {
		assert.equal(new Date().getTimezoneOffset(), 180);
		assert.equal(Date.now(), T0);
	});

	for (const platform of PLATFORMS) {
		const profile = profiles[platform];
		const maxAge = defaultMaxEventAgeMinutes(profile.delivery);

		it(`${profile.displayName}: reads a time without a zone designator as UTC`, async () => {
			const trigger = await armed(platform);
			const now = await trigger.deliver(zoneless(T0));
			assert.equal(trigger.endpoint.runs.length, 1, now.answer);
			assert.equal(now.status, 200);
			assert.equal(trigger.endpoint.runs[0]![0]![0]!.json.occurredAt, zoneless(T0));
			const old = await trigger.deliver(zoneless(T0 - (maxAge + 1) * MINUTE));
			assert.equal(old.status, RETRY_LATER);
			assert.match(old.answer, new RegExp(`${maxAge + 1} minutes old`));
			assert.equal(trigger.endpoint.runs.length, 1);
			await trigger.done();
		});

		it(`${profile.displayName}: reads epoch seconds and milliseconds, as numbers and as digits`, async () => {
			const trigger = await armed(platform);
			const staleSeconds = Math.floor((T0 - (maxAge + 1) * MINUTE) / 1000);
			for (const stale of [staleSeconds, staleSeconds * 1000, String(staleSeconds)]) {
				const refused = await trigger.deliver(stale);
				assert.equal(refused.status, RETRY_LATER, String(stale));
				assert.match(refused.answer, /refused as a possible replay/);
			}
			assert.equal(trigger.endpoint.runs.length, 0);
			for (const fresh of [T0 / 1000, T0 - MINUTE]) {
				assert.equal((await trigger.deliver(fresh)).status, 200);
			}
			assert.deepEqual(
				trigger.endpoint.runs.map((run) => run[0]![0]!.json.occurredAt),
				[new Date(T0).toISOString(), new Date(T0 - MINUTE).toISOString()],
			);
			await trigger.done();
		});
	}

	it('runs an event whose time the check cannot read, and logs that once per trigger', async () => {
		const log = recordWarnings();
		try {
			const first = await armed('buzzbip');
			const second = await armed('notmeta');
			for (const time of ['yesterday', 42, '2026-13-01T00:00:00Z']) {
				assert.equal((await first.deliver(time)).status, 200);
			}
			assert.equal((await second.deliver('soon')).status, 200);
			assert.equal(first.endpoint.runs.length + second.endpoint.runs.length, 4);
			const lines = log.warnings.filter((w) => w.meta.reason === 'unreadable-time');
			assert.deepEqual(
				lines.map((w) => w.meta.platform),
				['buzzbip', 'notmeta'],
			);
			assert.match(lines[0]!.message, /cannot read the "createdAt" time of its events/);
			await second.done();
		} finally {
			log.stop();
		}
	});
});

describe('the duplicate memory holds a delivery as long as its event time lets a copy through', () => {
	/** Moves the clock on from where it stands; it never goes back, as n8n's own would not. */
	const at = (start: number, offsetMs: number) => mock.timers.setTime(start + offsetMs);

	for (const platform of PLATFORMS) {
		const profile = profiles[platform];
		const maxAge = defaultMaxEventAgeMinutes(profile.delivery);
		const window = retryWindowMs(profile.delivery);

		it(`${profile.displayName}: past the retry window, a copy inside the maximum age is a duplicate`, async () => {
			const start = Date.now();
			const trigger = await armed(platform);
			const sent = await trigger.deliver(new Date(start).toISOString());
			assert.equal(sent.status, 200);
			at(start, window + 4 * MINUTE);
			const copy = await trigger.deliver(undefined, sent.body);
			assert.match(copy.answer, /duplicate/);
			// Once the event is as old as the maximum age, its time refuses it.
			at(start, maxAge * MINUTE);
			assert.equal((await trigger.deliver(undefined, sent.body)).status, RETRY_LATER);
			assert.equal(trigger.endpoint.runs.length, 1);
			await trigger.done();
		});

		it(`${profile.displayName}: an event stamped up to the clock skew ahead is remembered that much longer`, async () => {
			const start = Date.now();
			const trigger = await armed(platform);
			const sent = await trigger.deliver(new Date(start + 4 * MINUTE).toISOString());
			assert.equal(sent.status, 200);
			at(start, 4 * MINUTE + maxAge * MINUTE - 1_000);
			assert.match((await trigger.deliver(undefined, sent.body)).answer, /duplicate/);
			assert.equal(trigger.endpoint.runs.length, 1);
			await trigger.done();
		});

		it(`${profile.displayName}: a Maximum Event Age above the default is remembered as long`, async () => {
			const start = Date.now();
			const trigger = await armed(platform, { maxEventAge: 3 * maxAge });
			const sent = await trigger.deliver(new Date(start).toISOString());
			at(start, 2 * maxAge * MINUTE);
			assert.match((await trigger.deliver(undefined, sent.body)).answer, /duplicate/);
			assert.equal(trigger.endpoint.runs.length, 1);
			await trigger.done();
		});
	}

	it('with the check off (0), holds the retry window, and no longer', async () => {
		const start = Date.now();
		const trigger = await armed('cablenetai', { maxEventAge: 0 });
		const window = retryWindowMs(profiles.cablenetai.delivery);
		const sent = await trigger.deliver(new Date(start).toISOString());
		at(start, window - MINUTE);
		assert.match((await trigger.deliver(undefined, sent.body)).answer, /duplicate/);
		at(start, window + MINUTE);
		assert.doesNotMatch((await trigger.deliver(undefined, sent.body)).answer, /duplicate/);
		assert.equal(trigger.endpoint.runs.length, 2);
	});
});
