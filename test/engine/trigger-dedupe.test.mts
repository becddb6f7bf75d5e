// The triggers' memory of delivery ids: long enough for every platform's retries, bounded per
// trigger and for the process; keyed on what the signature vouches for; and forgotten again when
// n8n could not start the run, so the platform's retry runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import {
	DeliveryMemory,
	retryWindowMs,
	TOTAL_CAPACITY,
	TRIGGER_CAPACITY,
} from '../../nodes/trigger/dedupe.ts';
import { buildEnvelope } from '../../sandbox/envelope.mts';
import { clock } from '../harness/clock.mts';
import {
	armTrigger,
	catalogEvent,
	PLATFORMS,
	type TriggerFixture,
	triggerFixture,
} from './trigger-fixture.mts';

const HOUR = 3_600_000;

describe('DeliveryMemory', () => {
	it('recognises a key until its time is up, and forgets it after', () => {
		const time = clock(1_000_000);
		const memory = new DeliveryMemory({ now: time.now });
		assert.ok(memory.record('t', 'evt_1', 10 * HOUR));
		time.advance(10 * HOUR - 1);
		assert.equal(memory.record('t', 'evt_1', 10 * HOUR), undefined);
		time.advance(1);
		assert.ok(memory.record('t', 'evt_1', 10 * HOUR), 'expired, so a new first sighting');
		assert.equal(memory.size, 1);
	});

	it('counts the time from the first sighting: retries do not extend it', () => {
		const time = clock(1_000_000);
		const memory = new DeliveryMemory({ now: time.now });
		memory.record('t', 'evt', HOUR);
		time.advance(HOUR / 2);
		assert.equal(memory.record('t', 'evt', HOUR), undefined);
		time.advance(HOUR / 2);
		assert.ok(memory.record('t', 'evt', HOUR));
	});

	it('drops expired entries as time passes, so size follows the rate, not the history', () => {
		const time = clock(1_000_000);
		const memory = new DeliveryMemory({ now: time.now });
		for (let i = 0; i < 1_000; i++) {
			memory.record('t', `evt_${i}`, HOUR);
			time.advance(HOUR / 100);
		}
		assert.ok(memory.size <= 101, `size ${memory.size}`);
	});

	it('keeps each trigger apart: one key in two triggers is two first sightings', () => {
		const memory = new DeliveryMemory();
		assert.ok(memory.record('workflow A', 'evt', HOUR));
		assert.ok(memory.record('workflow B', 'evt', HOUR));
		assert.equal(memory.record('workflow A', 'evt', HOUR), undefined);
	});

	it("never holds more than a trigger's bound, forgetting that trigger's oldest first", () => {
		const memory = new DeliveryMemory({ perTrigger: 3 });
		for (const key of ['a', 'b', 'c', 'd']) memory.record('t', key, 24 * HOUR);
		assert.equal(memory.size, 3);
		assert.equal(memory.record('t', 'd', 24 * HOUR), undefined);
		assert.equal(memory.record('t', 'c', 24 * HOUR), undefined);
		assert.ok(memory.record('t', 'a', 24 * HOUR), 'the oldest was forgotten');
		assert.equal(memory.size, 3);
		assert.equal(TRIGGER_CAPACITY, 50_000);
		assert.equal(TOTAL_CAPACITY, 200_000);
	});

	it("lets no trigger's flood evict another trigger's entries, and holds at most its total", () => {
		const memory = new DeliveryMemory({ perTrigger: 100, total: 400 });
		const victim = Array.from({ length: 50 }, (_, i) => `victim_${i}`);
		for (const key of victim) memory.record('victim', key, 24 * HOUR);
		// One flooding trigger, then five at once: the victim stays below each one's share.
		for (const flooders of [['flood 0'], ['flood 1', 'flood 2', 'flood 3', 'flood 4', 'flood 5']]) {
			for (let i = 0; i < 5_000; i++) {
				for (const flooder of flooders) memory.record(flooder, `evt_${i}`, 24 * HOUR);
				assert.ok(memory.size <= 400, `size ${memory.size}`);
			}
		}
		assert.equal(memory.size, 400);
		for (const key of victim) {
			assert.equal(memory.record('victim', key, 24 * HOUR), undefined, `${key} was evicted`);
		}
		// A flooder forgot its own old keys, and keeps its recent ones.
		assert.ok(memory.record('flood 0', 'evt_0', 24 * HOUR));
		assert.equal(memory.record('flood 5', 'evt_4999', 24 * HOUR), undefined);
	});

	it('forgets a record when asked, and only that record', () => {
		const time = clock(1_000_000);
		const memory = new DeliveryMemory({ now: time.now });
		const forget = memory.record('t', 'evt', HOUR);
		assert.ok(forget);
		forget();
		const again = memory.record('t', 'evt', HOUR);
		assert.ok(again, 'forgotten, so a first sighting');
		forget();
		assert.equal(memory.record('t', 'evt', HOUR), undefined, 'the later record stays');
	});

	it('stores digests, so a long key costs no more than a short one', () => {
		const memory = new DeliveryMemory();
		const long = 'x'.repeat(100_000);
		assert.ok(memory.record('t', long, HOUR));
		assert.equal(memory.record('t', long, HOUR), undefined);
		assert.ok(memory.record('t', `${long}y`, HOUR));
	});
});

describe('retryWindowMs', () => {
	it("covers each platform's whole retry schedule and answer timeouts", () => {
		for (const profile of Object.values(profiles)) {
			const { retryDelaysMs, timeoutMs } = profile.delivery;
			const lastTryStarts =
				retryDelaysMs.reduce((sum, delay) => sum + delay, 0) + retryDelaysMs.length * timeoutMs;
			assert.ok(retryWindowMs(profile.delivery) > lastTryStarts + timeoutMs, profile.id);
		}
		assert.ok(
			retryWindowMs(profiles.cablenetai.delivery) >= 24 * HOUR,
			'CablenetAI retries until 24 h',
		);
		assert.ok(retryWindowMs(profiles.brote.delivery) >= 14.6 * HOUR);
	});
});

describe('de-duplication in the engine', () => {
	let fx: TriggerFixture;
	before(async () => {
		fx = await triggerFixture();
	});
	after(async () => {
		await fx.close();
	});

	for (const profile of Object.values(profiles).filter((p) => p.signature.compactJsonFallback)) {
		const platform = profile.id;
		const type = catalogEvent(platform, 0);

		it(`${profile.displayName}: an event without an id runs once, however its signed JSON is laid out`, async () => {
			const { endpoint, secret } = await armTrigger(fx, platform, { events: [type] });
			const body = buildEnvelope(profile, {
				type,
				data: profile.events[type as keyof typeof profile.events].sample,
			});
			delete body[profile.envelope.idField!];
			const compact = JSON.stringify(body);
			const shapes = [
				JSON.stringify(body, null, 2),
				JSON.stringify(body, null, '\t'),
				`${compact}\n`,
				` ${compact}\r\n`,
				compact.replace(`"${profile.envelope.typeField}"`, '"\\u0074ype"'),
			];
			const send = (text: string, signedForm: 'raw' | 'compact-json') =>
				fx.sb.deliver({
					platform,
					type,
					url: endpoint.url,
					secret,
					rawBody: Buffer.from(text),
					signedForm,
					retry: false,
				});
			// The platform's own compact bytes first, then the shapes whose compact form they are.
			const first = await send(compact, 'raw');
			assert.equal(first.attempts[0]!.status, 200);
			for (const shape of shapes) {
				const copy = await send(shape, 'compact-json');
				assert.equal(copy.attempts[0]!.status, 200, shape);
				assert.match(copy.attempts[0]!.answer, /duplicate/, shape);
			}
			assert.equal(endpoint.runs.length, 1);
			assert.equal(endpoint.runs[0]![0]![0]!.json.signature, 'raw');

			// Pretty-printed first: its compact form, sent as it is, is the same event.
			const other = { ...body, data: {} };
			await send(JSON.stringify(other, null, 2), 'compact-json');
			const resent = await send(JSON.stringify(other), 'raw');
			assert.match(resent.attempts[0]!.answer, /duplicate/);
			assert.equal(endpoint.runs.length, 2);
			if (profile.subscription) await endpoint.deactivate();
		});
	}

	for (const platform of ['buzzbip', 'horneross'] as const) {
		const profile = profiles[platform];
		it(`${profile.displayName}: a numeric id past 2^53 keeps its digits, in the key and the item`, async () => {
			const type = catalogEvent(platform, 0);
			const { endpoint, secret } = await armTrigger(fx, platform, { events: [type] });
			const { timeField } = profile.envelope;
			const ids = ['12345678901234567891', '12345678901234567890'];
			// Both read as the same number; they are two events.
			assert.equal(JSON.parse(ids[0]!), JSON.parse(ids[1]!));
			for (const id of ids) {
				const text = `{"id":${id},"type":"${type}","${timeField}":"${new Date().toISOString()}","data":{"id":1}}`;
				const sent = await fx.sb.deliver({
					platform,
					type,
					url: endpoint.url,
					secret,
					rawBody: Buffer.from(text),
					retry: false,
				});
				assert.equal(sent.attempts[0]!.status, 200);
			}
			assert.deepEqual(
				endpoint.runs.map((run) => run[0]![0]!.json.id),
				ids,
			);
		});
	}

	for (const platform of PLATFORMS) {
		const profile = profiles[platform];
		it(`${profile.displayName}: a run n8n could not start is answered 500, and the platform's retry runs`, async () => {
			const type = catalogEvent(platform, 0);
			const { endpoint, secret } = await armTrigger(fx, platform, { events: [type] });
			endpoint.runStartFailures = 1;
			const delivery = await fx.sb.deliver({ platform, type, url: endpoint.url, secret });
			assert.deepEqual(
				delivery.attempts.map((a) => a.status),
				[500, 200],
			);
			assert.doesNotMatch(delivery.attempts[1]!.answer, /duplicate/);
			assert.equal(endpoint.runs.length, 1);
			if (profile.envelope.idField) assert.equal(endpoint.runs[0]![0]![0]!.json.id, delivery.id);
			if (profile.subscription) await endpoint.deactivate();
		});
	}
});
