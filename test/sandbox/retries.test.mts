import assert from 'node:assert/strict';
import { test } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import { type DeliverOptions, type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { type Answer, type Receiver, startReceiver } from '../harness/receiver.mts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const PLATFORMS = Object.keys(profiles) as PlatformId[];
/** Timers and a loaded CI machine can be this late; never early. */
const JITTER_MS = 100;

/** docs/platforms.md's delivery table for the first five platforms, written out here so their profiles are checked against it. */
interface DocumentedDelivery {
	timeoutMs: number;
	retryOn: string;
	check: (delays: readonly number[]) => void;
}

const DOCUMENTED: Partial<Record<PlatformId, DocumentedDelivery>> = {
	brote: {
		timeoutMs: 10_000,
		retryOn: 'server-error-or-timeout',
		check: (d) => assert.deepEqual(d, [MIN, 5 * MIN, 30 * MIN, 2 * HOUR, 12 * HOUR]),
	},
	horneross: {
		timeoutMs: 10_000,
		retryOn: 'not-200',
		check: (d) => assert.deepEqual(d, [MIN, 5 * MIN, 30 * MIN, 2 * HOUR]),
	},
	cablenetai: {
		timeoutMs: 10_000,
		retryOn: 'non-2xx',
		check: (d) => {
			assert.equal(
				d.reduce((a, b) => a + b, 0),
				24 * HOUR,
				'the last retry lands 24 h after the first try',
			);
			d.slice(1, -1).forEach((delay, i) => assert.equal(delay, 2 * d[i], 'exponential'));
		},
	},
	buzzbip: {
		timeoutMs: 10_000,
		retryOn: 'non-2xx',
		check: (d) => {
			assert.equal(d.length, 5, 'up to 5 retries');
			d.slice(1).forEach((delay, i) => assert.equal(delay, 2 * d[i], 'exponential'));
		},
	},
	notmeta: {
		timeoutMs: 30_000,
		retryOn: 'non-2xx',
		check: (d) => assert.deepEqual(d, [MIN, 5 * MIN, 15 * MIN, HOUR]),
	},
};

test('the profiles hold the delivery behaviour docs/platforms.md documents', () => {
	for (const [platform, doc] of Object.entries(DOCUMENTED) as [PlatformId, DocumentedDelivery][]) {
		const { delivery } = profiles[platform];
		assert.equal(delivery.timeoutMs, doc.timeoutMs, platform);
		assert.equal(delivery.retryOn, doc.retryOn, platform);
		doc.check(delivery.retryDelaysMs);
	}
});

/** Runs one delivery against a receiver that answers `answer`, with schedules compressed by `timeScale`. */
async function run(
	platform: PlatformId,
	answer: (i: number) => Answer,
	timeScale: number,
	extra: Partial<DeliverOptions> = {},
) {
	const sb = await startSandbox({ timeScale, deliveryTimeoutScale: 0.005 });
	const receiver = await startReceiver((_, i) => answer(i));
	try {
		const type = Object.keys(profiles[platform].events)[0];
		const result = await sb.deliver({
			platform,
			type,
			url: receiver.url,
			secret: 's3cret',
			...extra,
		});
		return { result, received: receiver.received };
	} finally {
		await sb.close();
		await receiver.close();
	}
}

test('a receiver that always answers 500 sees 1 + retries attempts, spaced by the scaled schedule', async () => {
	// Each schedule is squeezed into about 10 s of real time, all platforms at once. Everything
	// starts, and undici compiles its parser, before the clock matters.
	const runs = await Promise.all(
		PLATFORMS.map(async (platform) => {
			const delays = profiles[platform].delivery.retryDelaysMs;
			const timeScale = Math.min(0.002, 10_000 / delays.reduce((a, b) => a + b, 0));
			const sb = await startSandbox({ timeScale });
			const receiver = await startReceiver(() => ({ status: 500, body: 'boom' }));
			return { platform, delays, timeScale, sb, receiver };
		}),
	);
	try {
		const warm = await runs[0].sb.deliver({
			platform: 'brote',
			type: 'x',
			url: runs[0].receiver.url,
			secret: 's',
			retry: false,
		});
		assert.equal(warm.attempts[0].status, 500);
		runs[0].receiver.received.length = 0;
		runs[0].sb.deliveries.length = 0;
		await Promise.all(runs.map((r) => check(r)));
	} finally {
		await Promise.all(runs.flatMap((r) => [r.sb.close(), r.receiver.close()]));
	}
});

async function check({
	platform,
	delays,
	timeScale,
	sb,
	receiver,
}: {
	platform: PlatformId;
	delays: readonly number[];
	timeScale: number;
	sb: Sandbox;
	receiver: Receiver;
}): Promise<void> {
	const type = Object.keys(profiles[platform].events)[0];
	const result = await sb.deliver({ platform, type, url: receiver.url, secret: 's3cret' });
	const { received } = receiver;

	assert.equal(received.length, 1 + delays.length, platform);
	assert.equal(result.ok, false);
	assert.deepEqual(
		result.attempts.map((a) => a.attempt),
		[...delays.keys(), delays.length].map((i) => i + 1),
	);
	assert.ok(
		received.every((r) => r.body.equals(received[0].body)),
		`${platform}: every retry resends the same bytes`,
	);
	assert.equal(sb.deliveries.length, received.length);
	assert.ok(
		sb.deliveries.every((a) => a.status === 500 && a.answer === 'boom' && a.platform === platform),
	);

	const gaps = received.slice(1).map((r, i) => r.at - received[i].at);
	const expected = delays.map((d) => d * timeScale);
	gaps.forEach((gap, i) => {
		const slack = JITTER_MS + expected[i] * 0.1;
		assert.ok(
			gap >= expected[i] - 2 && gap <= expected[i] + slack,
			`${platform} gap ${i + 1}: ${gap.toFixed(1)} ms, expected ${expected[i].toFixed(1)} ms`,
		);
	});
	// Wherever the schedule grows clearly, the measured gaps grow too.
	for (let i = 1; i < gaps.length; i++) {
		if (expected[i] > expected[i - 1] * 1.5 + JITTER_MS)
			assert.ok(gaps[i] > gaps[i - 1], `${platform}: gaps grow`);
	}
}

const TINY = 0.00001;

test('Brote treats a 4xx as final and retries a 5xx', async () => {
	const notFound = await run('brote', () => ({ status: 404 }), TINY);
	assert.equal(notFound.received.length, 1);
	assert.equal(notFound.result.ok, false);
	const recovers = await run('brote', (i) => ({ status: i < 2 ? 503 : 200 }), TINY);
	assert.deepEqual(
		recovers.result.attempts.map((a) => a.status),
		[503, 503, 200],
	);
	assert.equal(recovers.result.ok, true);
});

test('Horneross retries anything but 200, a 201 included', async () => {
	const created = await run('horneross', () => ({ status: 201 }), TINY);
	assert.equal(created.received.length, 1 + profiles.horneross.delivery.retryDelaysMs.length);
	assert.equal(created.result.ok, false);
	const ok = await run('horneross', () => ({ status: 200 }), TINY);
	assert.equal(ok.received.length, 1);
});

test('the other platforms accept any 2xx and retry any other answer, a 4xx or a 3xx included', async () => {
	for (const platform of ['cablenetai', 'buzzbip', 'notmeta'] as const) {
		const created = await run(platform, () => ({ status: 202 }), TINY);
		assert.equal(created.received.length, 1, platform);
		assert.equal(created.result.ok, true);
		const rejected = await run(platform, (i) => ({ status: i % 2 ? 302 : 400 }), TINY);
		assert.equal(
			rejected.received.length,
			1 + profiles[platform].delivery.retryDelaysMs.length,
			platform,
		);
	}
});

test('an answer later than the scaled timeout is a failed attempt, and retried', async () => {
	await Promise.all(
		PLATFORMS.map(async (platform) => {
			const { result, received } = await run(platform, () => 'hang', TINY);
			const tries = 1 + profiles[platform].delivery.retryDelaysMs.length;
			assert.equal(received.length, tries, platform);
			const timeoutMs = profiles[platform].delivery.timeoutMs * 0.005;
			for (const attempt of result.attempts) {
				assert.equal(attempt.status, null);
				assert.match(attempt.error ?? '', /timeout/);
				assert.ok(
					attempt.latencyMs >= timeoutMs - 1 && attempt.latencyMs < timeoutMs + 200,
					`${attempt.latencyMs}`,
				);
			}
		}),
	);
});

test('retry: false makes a single attempt', async () => {
	const { received, result } = await run('notmeta', () => ({ status: 500 }), TINY, {
		retry: false,
	});
	assert.equal(received.length, 1);
	assert.equal(result.attempts.length, 1);
});

test('a lost answer counts as a timeout: the receiver got the request, the platform retries it', async () => {
	const { result, received } = await run('brote', () => ({ status: 200, body: 'OK' }), TINY, {
		loseAnswers: 2,
	});
	assert.equal(
		received.length,
		3,
		'two handled requests whose answers were lost, then one that got back',
	);
	assert.deepEqual(
		result.attempts.map((a) => [a.status, a.lostStatus]),
		[
			[null, 200],
			[null, 200],
			[200, undefined],
		],
	);
	assert.match(result.attempts[0].error ?? '', /answered 200, but the answer was lost/);
	assert.equal(result.ok, true);
	assert.ok(
		received.every((r) => r.body.equals(received[0].body)),
		'each retry resends the same bytes',
	);
});
