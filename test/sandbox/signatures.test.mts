import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import { verify } from '../../nodes/trigger/signature.ts';
import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { pythonHmac } from '../harness/python-hmac.mts';
import { type Receiver, startReceiver } from '../harness/receiver.mts';

const PLATFORMS = Object.keys(profiles) as PlatformId[];
const SECRET = 'whsec_test_5f0c1d';

function headerOf(platform: PlatformId, headers: Record<string, unknown>): string {
	const value = headers[profiles[platform].signature.header.toLowerCase()];
	assert.equal(
		typeof value,
		'string',
		`${platform}: ${profiles[platform].signature.header} header`,
	);
	return value as string;
}

/** What the header must be for a digest, by the profile's format: sha256=<hex> or bare hex. */
function expectedHeader(platform: PlatformId, hex: string): string {
	return profiles[platform].signature.prefix === 'required' ? `sha256=${hex}` : hex;
}

describe('delivery signatures', () => {
	let sb: Sandbox;
	let receiver: Receiver;

	before(async () => {
		sb = await startSandbox();
		receiver = await startReceiver();
	});
	after(async () => {
		await sb.close();
		await receiver.close();
	});

	test('every platform signs the raw body in its own header format, as Python computes it', async () => {
		const results = await Promise.all(
			PLATFORMS.map((platform) => {
				const type = Object.keys(profiles[platform].events)[0];
				return sb.deliver({ platform, type, url: receiver.url, secret: SECRET });
			}),
		);
		const bodies = results.map((r) => receiver.received.find((q) => q.body.equals(r.body)));
		const digests = await pythonHmac(bodies.map((b) => ({ secret: SECRET, body: b!.body })));
		PLATFORMS.forEach((platform, i) => {
			const got = bodies[i]!;
			assert.equal(headerOf(platform, got.headers), expectedHeader(platform, digests[i]), platform);
			assert.equal(got.headers['content-type'], 'application/json');
			const envelope = JSON.parse(got.body.toString('utf8'));
			assert.equal(envelope[profiles[platform].envelope.typeField], results[i].type);
			assert.ok(results[i].ok && results[i].attempts.length === 1);
		});
		assert.match(
			headerOf('brote', bodies[PLATFORMS.indexOf('brote')]!.headers),
			/^sha256=[0-9a-f]{64}$/,
		);
		assert.match(
			headerOf('buzzbip', bodies[PLATFORMS.indexOf('buzzbip')]!.headers),
			/^[0-9a-f]{64}$/,
		);
	});

	test('pretty bodies are signed over the exact bytes sent', async () => {
		const result = await sb.deliver({
			platform: 'notmeta',
			type: 'message.received',
			url: receiver.url,
			secret: SECRET,
			pretty: true,
		});
		assert.ok(result.body.includes('\n  "'));
		const [digest] = await pythonHmac([{ secret: SECRET, body: result.body }]);
		assert.equal(result.headers['x-notmeta-signature'], `sha256=${digest}`);
	});

	test('compact-json signing covers the compact form, which only the fallback verifies', async () => {
		const result = await sb.deliver({
			platform: 'horneross',
			type: 'lead.captured',
			url: receiver.url,
			secret: SECRET,
			pretty: true,
			signedForm: 'compact-json',
		});
		const [rawDigest, compactDigest] = await pythonHmac([
			{ secret: SECRET, body: result.body },
			{ secret: SECRET, body: result.body, compact: true },
		]);
		const header = result.headers['x-horneross-signature'];
		assert.equal(header, compactDigest);
		assert.notEqual(header, rawDigest);
		const format = profiles.horneross.signature;
		assert.equal(verify({ body: result.body, header, secrets: [SECRET], format }).ok, false);
		const fallback = verify({
			body: result.body,
			header,
			secrets: [SECRET],
			format,
			compactJsonFallback: true,
		});
		assert.deepEqual(fallback.ok && fallback.form, 'compact-json');
	});

	test('a bad signature is a well-formed HMAC with another secret; omitSignature sends no header', async () => {
		const bad = await sb.deliver({
			platform: 'brote',
			type: 'contact.created',
			url: receiver.url,
			secret: SECRET,
			badSignature: true,
		});
		const header = bad.headers['x-brote-signature'];
		assert.match(header, /^sha256=[0-9a-f]{64}$/);
		const [digest] = await pythonHmac([{ secret: SECRET, body: bad.body }]);
		assert.notEqual(header, `sha256=${digest}`);
		assert.equal(
			verify({ body: bad.body, header, secrets: [SECRET], format: profiles.brote.signature }).ok,
			false,
		);

		const unsigned = await sb.deliver({
			platform: 'buzzbip',
			type: 'message.sent',
			url: receiver.url,
			secret: SECRET,
			omitSignature: true,
		});
		const arrived = receiver.received.find((r) => r.body.equals(unsigned.body));
		assert.equal(arrived?.headers['x-buzzbip-signature'], undefined);
	});

	test('rawBody bytes are sent and signed exactly', async () => {
		const rawBody = Buffer.from('{"type":"lead.created","weird":  "spacing ñ"}');
		const result = await sb.deliver({
			platform: 'cablenetai',
			type: 'lead.created',
			url: receiver.url,
			secret: SECRET,
			rawBody,
		});
		const arrived = receiver.received.find((r) => r.body.equals(rawBody));
		assert.ok(arrived);
		const [digest] = await pythonHmac([{ secret: SECRET, body: rawBody }]);
		assert.equal(arrived.headers['x-cablenetai-signature'], digest);
		assert.equal(arrived.headers['x-cablenetai-event'], 'lead.created');
		assert.equal(result.ok, true);
	});

	test('duplicate resends identical bytes and signature; burst sends distinct events', async () => {
		const dup = await sb.deliver({
			platform: 'horneross',
			type: 'conversation.created',
			url: receiver.url,
			secret: SECRET,
			duplicate: true,
		});
		const copies = receiver.received.filter((r) => r.body.equals(dup.body));
		assert.equal(copies.length, 2);
		assert.equal(
			copies[0].headers['x-horneross-signature'],
			copies[1].headers['x-horneross-signature'],
		);
		assert.deepEqual(
			dup.attempts.map((a) => [a.attempt, a.duplicate ?? false]),
			[
				[1, false],
				[2, true],
			],
		);

		const burst = await sb.deliver({
			platform: 'notmeta',
			type: 'message.read',
			url: receiver.url,
			secret: SECRET,
			burst: 20,
		});
		assert.equal(burst.burst?.length, 20);
		const ids = new Set(burst.burst!.map((r) => JSON.parse(r.body.toString()).id));
		assert.equal(ids.size, 20);
		const digests = await pythonHmac(burst.burst!.map((r) => ({ secret: SECRET, body: r.body })));
		burst.burst!.forEach((r, i) =>
			assert.equal(r.headers['x-notmeta-signature'], `sha256=${digests[i]}`),
		);
	});
});
