// The event-time check on each platform's own time field: the envelope the sandbox builds is read
// back by the trigger's envelope reader, so a profile naming the wrong field is caught here. The
// host runs in America/Santiago (UTC-3 in December), so a time read in the host's zone shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { profiles, type PlatformProfile } from '../../nodes/platforms/index.ts';
import { readEnvelope } from '../../nodes/trigger/envelope.ts';
import {
	CLOCK_SKEW_MS,
	checkEventTime,
	defaultMaxEventAgeMinutes,
	eventTimeMs,
	rememberForMs,
} from '../../nodes/trigger/freshness.ts';
import { DeliveryMemory, retryWindowMs } from '../../nodes/trigger/dedupe.ts';
import { RETRY_LATER } from '../../nodes/trigger/refusal.ts';
import { buildEnvelope } from '../../sandbox/envelope.mts';
import { clock } from '../harness/clock.mts';

// Node reads TZ again when it is set: every Date below is on a host in Santiago.
process.env.TZ = 'America/Santiago';

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
			assert.deepEqual(checkEventTime(undefined, maxAge, NOW), { ok: true });
			assert.deepEqual(checkEventTime('yesterday', maxAge, NOW), { ok: true, unreadable: true });
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

describe('event times', () => {
	it('runs on a host whose zone is not UTC', () => {
		assert.equal(new Date(NOW).getTimezoneOffset(), 180);
		assert.notEqual(Date.parse('2026-12-02T12:00:00'), NOW);
	});

	it('reads a time without a zone designator as UTC, not in the host zone', () => {
		for (const text of [
			'2026-12-02T12:00:00',
			'2026-12-02T12:00:00.000',
			'2026-12-02 12:00:00',
			'2026-12-02T12:00',
			'2026-12-02T12:00:00Z',
			'2026-12-02T09:00:00-03:00',
			'2026-12-02T15:30:00+0330',
			'2026-12-02T13:00:00+01',
		]) {
			assert.equal(eventTimeMs(text), NOW, text);
		}
		assert.equal(eventTimeMs('2026-12-02'), NOW - 12 * 60 * MINUTE);
		assert.equal(eventTimeMs('2026-12-02T12:00:00.123456789Z'), NOW + 123);
		const maxAge = defaultMaxEventAgeMinutes(profiles.notmeta.delivery);
		assert.deepEqual(checkEventTime('2026-12-02T12:00:00', maxAge, NOW), { ok: true });
	});

	it('reads epoch seconds and milliseconds, as numbers and as strings of digits', () => {
		for (const value of [NOW / 1000, NOW, String(NOW / 1000), String(NOW), `${NOW / 1000}.000`]) {
			assert.equal(eventTimeMs(value), NOW, String(value));
		}
		assert.equal(eventTimeMs(NOW / 1000 + 0.25), NOW + 250);
		const maxAge = defaultMaxEventAgeMinutes(profiles.buzzbip.delivery);
		const stale = NOW / 1000 - (maxAge + 1) * 60;
		for (const value of [stale, stale * 1000, String(stale)]) {
			const result = checkEventTime(value, maxAge, NOW);
			assert.equal(!result.ok && result.reason, 'stale', String(value));
		}
	});

	it('reads nothing else, and says so: such an event passes, marked unreadable', () => {
		for (const value of [
			'yesterday',
			'02/12/2026 12:00',
			'Wed, 02 Dec 2026 12:00:00 GMT',
			'2026-02-30T12:00:00Z',
			'2026-12-02T24:00:00Z',
			'2026-12-02T12:00:00+24:00',
			'0099-12-02T12:00:00Z',
			'20261202',
			'x'.repeat(100_000),
			`2026-12-02T12:00:00.${'1'.repeat(50_000)}Z`,
			42,
			1e15,
			-NOW,
			Number.NaN,
			true,
			{ seconds: NOW / 1000 },
		]) {
			assert.equal(eventTimeMs(value), undefined, String(value).slice(0, 40));
			assert.deepEqual(checkEventTime(value, 60, NOW), { ok: true, unreadable: true });
		}
	});
});

describe('rememberForMs: the duplicate memory outlasts the event-time check', () => {
	/** Whether a copy of an event first let through at `arrival` is still known at `later`. */
	function known(ttlMs: number, arrival: number, later: number): boolean {
		const time = clock(arrival);
		const memory = new DeliveryMemory({ now: time.now });
		memory.record('trigger', 'evt', ttlMs);
		time.advance(later - arrival);
		return memory.record('trigger', 'evt', ttlMs) === undefined;
	}

	for (const profile of Object.values(profiles)) {
		const fallback = defaultMaxEventAgeMinutes(profile.delivery);
		for (const maxAge of [fallback, 1, 3 * fallback, 100_000]) {
			it(`${profile.id}, ${maxAge} minutes: a copy the check would run is a duplicate`, () => {
				const ttl = rememberForMs(profile.delivery, maxAge);
				// The event's time as far ahead as the check lets through, now, and as old as it lets through.
				for (const offset of [CLOCK_SKEW_MS, 0, -(maxAge * MINUTE - 1)]) {
					const at = NOW + offset;
					assert.ok(checkEventTime(new Date(at).toISOString(), maxAge, NOW).ok);
					const lastAccepted = at + maxAge * MINUTE - 1;
					assert.ok(checkEventTime(new Date(at).toISOString(), maxAge, lastAccepted).ok);
					assert.equal(
						checkEventTime(new Date(at).toISOString(), maxAge, lastAccepted + 1).ok,
						false,
					);
					assert.ok(known(ttl, NOW, lastAccepted), `offset ${offset}`);
				}
				assert.ok(ttl >= retryWindowMs(profile.delivery));
			});
		}

		it(`${profile.id}, check off: the memory holds the retry window, and no longer`, () => {
			const ttl = rememberForMs(profile.delivery, 0);
			const window = retryWindowMs(profile.delivery);
			assert.equal(ttl, window);
			assert.ok(known(ttl, NOW, NOW + window - 1));
			assert.equal(known(ttl, NOW, NOW + window), false);
		});
	}
});

describe('the answer to an event refused by its time', () => {
	/** What each retry rule retries, as docs/platforms.md describes the platforms. */
	const retried: Record<string, (status: number) => boolean> = {
		'server-error-or-timeout': (status) => status >= 500,
		'not-200': (status) => status !== 200,
		'non-2xx': (status) => status < 200 || status >= 300,
	};

	it('is one every platform retries', () => {
		for (const profile of Object.values(profiles)) {
			assert.ok(retried[profile.delivery.retryOn]!(RETRY_LATER), profile.id);
		}
		assert.equal(RETRY_LATER, 503);
	});
});
