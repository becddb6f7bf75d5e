// The event-time check on each platform's own time field: the envelope the sandbox builds is read
// back by the trigger's envelope reader, so a profile naming the wrong field is caught here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { profiles, type PlatformProfile } from '../../nodes/platforms/index.ts';
import { readEnvelope } from '../../nodes/trigger/envelope.ts';
import {
	CLOCK_SKEW_MS,
	checkEventTime,
	defaultMaxEventAgeMinutes,
} from '../../nodes/trigger/freshness.ts';
import { retryWindowMs } from '../../nodes/trigger/dedupe.ts';
import { finalStatus } from '../../nodes/trigger/refusal.ts';
import { buildEnvelope } from '../../sandbox/envelope.mts';

const MINUTE = 60_000;
const NOW = Date.parse('2026-12-02T12:00:00.000Z');

/** The event time the trigger reads from a body the platform would send at `occurredAt`. */
function readTime(profile: PlatformProfile, body: Record<string, unknown>): string | null {
	const raw = Buffer.from(JSON.stringify(body));
	const read = readEnvelope(profile, JSON.parse(raw.toString()), {}, raw);
	assert.ok(read.ok, profile.id);
	return read.event.occurredAt;
}

function sentAt(profile: PlatformProfile, offsetMs: number): string | null {
	const [type, spec] = Object.entries(profile.events)[0];
	const occurredAt = new Date(NOW + offsetMs).toISOString();
	return readTime(profile, buildEnvelope(profile, { type, data: spec.sample, occurredAt }));
}

describe('checkEventTime on each platform', () => {
	for (const profile of Object.values(profiles)) {
		const maxAge = defaultMaxEventAgeMinutes(profile.delivery);
		const field = profile.envelope.timeField;

		it(`${profile.id}: reads "${field}" and passes a retry up to the end of the retry window`, () => {
			const lastRetry = -retryWindowMs(profile.delivery);
			assert.deepEqual(checkEventTime(sentAt(profile, lastRetry), maxAge, NOW), { ok: true });
			assert.deepEqual(checkEventTime(sentAt(profile, 0), maxAge, NOW), { ok: true });
		});

		it(`${profile.id}: refuses an event older than the window plus skew as stale`, () => {
			const result = checkEventTime(sentAt(profile, -(maxAge + 1) * MINUTE), maxAge, NOW);
			assert.equal(result.ok, false);
			assert.equal(!result.ok && result.reason, 'stale');
			assert.match(!result.ok ? result.message : '', new RegExp(`more than the ${maxAge} minutes`));
		});

		it(`${profile.id}: allows ${CLOCK_SKEW_MS / MINUTE} minutes of clock skew ahead, and no more`, () => {
			assert.deepEqual(checkEventTime(sentAt(profile, CLOCK_SKEW_MS - MINUTE), maxAge, NOW), {
				ok: true,
			});
			const ahead = checkEventTime(sentAt(profile, CLOCK_SKEW_MS + MINUTE), maxAge, NOW);
			assert.equal(!ahead.ok && ahead.reason, 'future');
		});

		it(`${profile.id}: passes a body without "${field}", or with a time that is not one`, () => {
			const [type, spec] = Object.entries(profile.events)[0];
			const body = buildEnvelope(profile, { type, data: spec.sample });
			delete body[field];
			assert.equal(readTime(profile, body), null);
			assert.deepEqual(checkEventTime(null, maxAge, NOW), { ok: true });
			assert.deepEqual(checkEventTime('yesterday', maxAge, NOW), { ok: true });
		});
	}

	it('turns both checks off at 0 minutes', () => {
		assert.deepEqual(checkEventTime('2020-01-01T00:00:00Z', 0, NOW), { ok: true });
		assert.deepEqual(checkEventTime('2030-01-01T00:00:00Z', 0, NOW), { ok: true });
	});

	it('defaults to the retry window plus skew: 24 h and more for CablenetAI, under an hour for BuzzBip', () => {
		assert.equal(defaultMaxEventAgeMinutes(profiles.cablenetai.delivery), 1457);
		assert.equal(defaultMaxEventAgeMinutes(profiles.brote.delivery), 892);
		assert.equal(defaultMaxEventAgeMinutes(profiles.buzzbip.delivery), 47);
	});
});

describe('finalStatus', () => {
	/** What each retry rule takes as final, as docs/platforms.md describes the platforms. */
	const final: Record<string, (status: number) => boolean> = {
		'server-error-or-timeout': (status) => status < 500,
		'not-200': (status) => status === 200,
		'non-2xx': (status) => status >= 200 && status < 300,
	};

	it('is an answer each platform takes as final, and a 4xx where the platform allows one', () => {
		for (const profile of Object.values(profiles)) {
			const status = finalStatus(profile.delivery);
			assert.ok(final[profile.delivery.retryOn]!(status), profile.id);
			assert.equal(status >= 400, final[profile.delivery.retryOn]!(422), profile.id);
		}
		assert.equal(finalStatus(profiles.brote.delivery), 422);
		assert.equal(finalStatus(profiles.horneross.delivery), 200);
	});
});
