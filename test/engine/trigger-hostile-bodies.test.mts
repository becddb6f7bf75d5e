// What a trigger does before a delivery's signature holds is work anyone can make it do. n8n
// inflates a gzip body before its size limit, so 14 kB on the wire can be 14 MiB of nested
// brackets here: the triggers must not parse, re-serialize or look up secrets for bytes nobody
// has vouched for, beyond the bounds of the platforms' documented events.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import {
	COMPACT_FALLBACK_MAX_BYTES,
	COMPACT_FALLBACK_MAX_DEPTH,
} from '../../nodes/trigger/signature.ts';
import { sign } from '../../sandbox/signing.mts';
import type { TriggerEndpoint } from '../harness/webhook.mts';
import { armTrigger, type TriggerFixture, triggerFixture } from './trigger-fixture.mts';

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture();
});
after(async () => {
	await fx.close();
});

interface Answer {
	status: number;
	text: string;
}

async function post(
	endpoint: TriggerEndpoint,
	body: Buffer,
	headers: Record<string, string>,
): Promise<Answer> {
	const response = await fetch(endpoint.url, {
		method: 'POST',
		body,
		headers: { 'content-type': 'text/plain', ...headers },
	});
	return { status: response.status, text: await response.text() };
}

/** Counts the JSON.parse calls whose text passes `select`, while `run` runs. */
async function parsesDuring<T>(
	select: (text: string) => boolean,
	run: () => Promise<T>,
): Promise<{ result: T; parses: number }> {
	const original = JSON.parse;
	let parses = 0;
	JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
		if (typeof text === 'string' && select(text)) parses++;
		return original(text, reviver);
	}) as typeof JSON.parse;
	try {
		return { result: await run(), parses };
	} finally {
		JSON.parse = original;
	}
}

/** 14 MiB of nested brackets: valid JSON that costs a parser and a serializer the most. */
const BRACKETS = Buffer.concat([Buffer.alloc(7 << 20, '['), Buffer.alloc(7 << 20, ']')]);

function event(platform: 'horneross' | 'notmeta', data: unknown): Record<string, unknown> {
	const { envelope } = profiles[platform];
	return {
		[envelope.idField ?? 'id']: `evt_${Math.random().toString(36).slice(2)}`,
		[envelope.typeField]: Object.keys(profiles[platform].events)[0],
		[envelope.timeField]: new Date().toISOString(),
		[envelope.dataField]: data,
	};
}

function nested(depth: number): unknown {
	let value: unknown = 'leaf';
	for (let i = 0; i < depth; i++) value = { level: value };
	return value;
}

function signatureHeaders(platform: 'horneross' | 'notmeta', bytes: Buffer, secret: string) {
	const { signature } = profiles[platform];
	return {
		[signature.header.toLowerCase()]: sign(bytes, secret, signature.prefix === 'required'),
	};
}

for (const platform of ['horneross', 'notmeta'] as const) {
	const profile = profiles[platform];
	const first = Object.keys(profile.events)[0];

	describe(`${profile.displayName} Trigger before the signature holds`, () => {
		let endpoint: TriggerEndpoint;
		let secret: string;
		before(async () => {
			({ endpoint, secret } = await armTrigger(fx, platform, { events: [first] }));
		});

		it('refuses 14 MiB of nested brackets with a wrong signature without parsing them', async () => {
			const { result, parses } = await parsesDuring(
				(text) => text.length >= BRACKETS.length,
				() => post(endpoint, BRACKETS, signatureHeaders(platform, BRACKETS, 'not-the-secret')),
			);
			assert.equal(result.status, 401);
			assert.equal(parses, 0, 'no parse of bytes nobody has vouched for');
			assert.equal(endpoint.runs.length, 0);
		});

		it('parses a refused delivery at most once, whatever it is checked against', async () => {
			const marker = `marker-${Math.random().toString(36).slice(2)}`;
			const body = Buffer.from(JSON.stringify(event(platform, { marker }), null, 2));
			const { result, parses } = await parsesDuring(
				(text) => text.includes(marker),
				() => post(endpoint, body, signatureHeaders(platform, body, 'not-the-secret')),
			);
			assert.equal(result.status, 401);
			assert.equal(parses, 1);
		});

		it('tries the compact JSON form only for bodies shaped like its documented events', async () => {
			const within = event(platform, nested(COMPACT_FALLBACK_MAX_DEPTH - 2));
			const tooDeep = event(platform, nested(COMPACT_FALLBACK_MAX_DEPTH + 1));
			const tooLarge = event(platform, { text: 'x'.repeat(COMPACT_FALLBACK_MAX_BYTES) });
			const compactSigned = (value: unknown) => {
				const pretty = Buffer.from(JSON.stringify(value, null, 2));
				const compact = Buffer.from(JSON.stringify(value));
				return post(endpoint, pretty, signatureHeaders(platform, compact, secret));
			};
			assert.equal((await compactSigned(within)).status, 200);
			assert.equal((await compactSigned(tooDeep)).status, 401);
			assert.equal((await compactSigned(tooLarge)).status, 401);
			// Past the bounds the received bytes themselves still verify.
			const raw = Buffer.from(JSON.stringify(tooDeep, null, 2));
			assert.equal(
				(await post(endpoint, raw, signatureHeaders(platform, raw, secret))).status,
				200,
			);
		});
	});
}

describe("NotMeta's handshake", () => {
	it('is read only from a small body: a large one goes to the signature check', async () => {
		const { endpoint } = await armTrigger(fx, 'notmeta', { events: ['message.received'] });
		const challenge = `challenge_${Math.random().toString(36).slice(2)}`;
		const handshake = (padding: number) =>
			Buffer.from(
				JSON.stringify({
					type: 'webhook.verified',
					data: { webhook_id: 'wh_x', challenge, padding: 'x'.repeat(padding) },
				}),
			);
		const small = await post(endpoint, handshake(100), {});
		assert.deepEqual(small, { status: 200, text: challenge });
		const large = await post(endpoint, handshake(8 * 1024), {});
		assert.equal(large.status, 401);
		assert.notEqual(large.text, challenge);
	});
});

describe('A trigger whose credential has no secret yet', () => {
	it('reads no credential for unsigned requests, and at most once in a while for signed ones', async () => {
		const endpoint = fx.endpoint('horneross', { events: ['lead.captured'] });
		const reads = () => fx.engine.credentials.reads;
		const body = Buffer.from(JSON.stringify(event('horneross', {})));
		const start = reads();
		for (let i = 0; i < 10; i++) assert.equal((await post(endpoint, body, {})).status, 401);
		assert.equal(reads() - start, 0, 'an unsigned request is refused before any read');

		const answers: Answer[] = [];
		for (let i = 0; i < 10; i++) {
			answers.push(await post(endpoint, body, signatureHeaders('horneross', body, `guess-${i}`)));
		}
		assert.ok(answers.every((a) => a.status === 500));
		assert.ok(reads() - start <= 2, `${reads() - start} reads for 10 signed requests`);
		for (const { text } of answers) {
			assert.doesNotMatch(text, /secret|credential/i, 'the sender learns nothing of the set-up');
		}
	});
});
