import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

import { profiles, type PlatformProfile } from '../../nodes/platforms/index.ts';
import { envelopeItemField, readEnvelope } from '../../nodes/trigger/envelope.ts';
import { buildEnvelope } from '../../sandbox/envelope.mts';

// Hashes from Python's hashlib, so the dedupe id is not checked against our own hashing.
function pythonSha256(bodies: Buffer[]): string[] {
	const script =
		'import hashlib,json,sys,base64;' +
		'print("\\n".join(hashlib.sha256(base64.b64decode(b)).hexdigest() for b in json.load(sys.stdin)))';
	const input = JSON.stringify(bodies.map((body) => body.toString('base64')));
	return execFileSync('python3', ['-c', script], { input }).toString().trim().split('\n');
}

function send(
	profile: PlatformProfile,
	body: unknown,
	headers: Record<string, string | string[] | undefined> = {},
) {
	const raw = Buffer.from(JSON.stringify(body));
	return { raw, result: readEnvelope(profile, JSON.parse(raw.toString()), headers, raw) };
}

const OCCURRED_AT = '2026-05-19T10:23:45.000Z';

describe('buildEnvelope then readEnvelope', () => {
	const cases = Object.values(profiles).flatMap((profile) =>
		Object.entries(profile.events).map(([type, spec], n) => {
			const id = `evt_${profile.id}_${n}`;
			const body = buildEnvelope(profile, { type, data: spec.sample, id, occurredAt: OCCURRED_AT });
			return { profile, type, sample: spec.sample, id, ...send(profile, body) };
		}),
	);
	const broteCases = cases.filter((c) => c.profile.dedupe === 'body-sha256');
	const hashes = pythonSha256(broteCases.map((c) => c.raw));

	it('round-trips all 51 events of the five platforms', () => {
		assert.equal(cases.length, 51);
		for (const { profile, type, sample, id, raw, result } of cases) {
			const where = `${profile.id} ${type}`;
			assert.ok(result.ok, where);
			const { event } = result;
			assert.equal(event.platform, profile.id, where);
			assert.equal(event.type, type, where);
			assert.equal(event.known, true, where);
			assert.equal(event.occurredAt, OCCURRED_AT, where);
			assert.deepEqual(event.data, sample, where);
			const extras = Object.entries(profile.envelope.extraFields ?? {}).map(([field, value]) => [
				envelopeItemField(field),
				value,
			]);
			assert.deepEqual(result.extras, Object.fromEntries(extras), where);
			if (profile.dedupe === 'event-id') assert.equal(event.id, id, where);
			else assert.equal(event.id, hashes[broteCases.findIndex((c) => c.raw === raw)], where);
		}
	});

	it('identifies a Brote delivery by the SHA-256 of its raw bytes', () => {
		assert.equal(broteCases.length, 16);
		assert.equal(new Set(hashes).size, 16);
		for (const [i, { result }] of broteCases.entries()) {
			assert.ok(result.ok);
			assert.match(result.event.id, /^[0-9a-f]{64}$/);
			assert.equal(result.event.id, hashes[i]);
		}
	});

	it('gives a resent Brote body the same id and different bytes another one', () => {
		const brote = profiles.brote;
		const body = buildEnvelope(brote, {
			type: 'payment.received',
			data: brote.events['payment.received'].sample,
			occurredAt: OCCURRED_AT,
		});
		const compact = Buffer.from(JSON.stringify(body));
		const pretty = Buffer.from(JSON.stringify(body, null, 2));
		const ids = [compact, compact, pretty].map((raw) => {
			const result = readEnvelope(brote, JSON.parse(raw.toString()), {}, raw);
			assert.ok(result.ok);
			return result.event.id;
		});
		assert.deepEqual(ids, [...pythonSha256([compact, compact]), pythonSha256([pretty])[0]]);
		assert.notEqual(ids[0], ids[2]);
	});
});

describe('buildEnvelope', () => {
	it("fills Brote's organization_id from the profile unless given", () => {
		const brote = profiles.brote;
		const input = { type: 'contact.created', data: {}, occurredAt: OCCURRED_AT };
		assert.equal(
			buildEnvelope(brote, input).organization_id,
			brote.envelope.extraFields?.organization_id,
		);
		const org = '6f1d1c3e-2b7a-4e51-9c8d-0a4b5e6f7a8b';
		assert.deepEqual(buildEnvelope(brote, { ...input, extra: { organization_id: org } }), {
			event: 'contact.created',
			timestamp: OCCURRED_AT,
			organization_id: org,
			data: {},
		});
	});

	it('makes up an id and the current time when none is given', () => {
		const before = Date.now();
		const body = buildEnvelope(profiles.notmeta, { type: 'user.online', data: {} });
		assert.match(String(body.id), /^[0-9a-f-]{36}$/);
		const time = Date.parse(String(body.created_at));
		assert.ok(time >= before && time <= Date.now());
	});
});

describe('readEnvelope', () => {
	const cablenetai = profiles.cablenetai;
	const data = cablenetai.events['lead.created'].sample;
	const base = { id: 'a7604578-c7f1-4319-aea5-623a4775e55a', created_at: OCCURRED_AT, data };

	it('reads the CablenetAI type from "event" when "type" is absent', () => {
		const { result } = send(cablenetai, { ...base, event: 'lead.created' });
		assert.ok(result.ok);
		assert.equal(result.event.type, 'lead.created');
		assert.equal(result.event.known, true);
		assert.equal(result.event.id, base.id);
	});

	it('reads the CablenetAI type from the X-CablenetAI-Event header, in any case', () => {
		for (const headers of [
			{ 'x-cablenetai-event': 'contract.signed' },
			{ 'X-CablenetAI-Event': 'contract.signed' },
			{ 'x-cablenetai-event': ['contract.signed', 'lead.created'] },
		]) {
			const { result } = send(cablenetai, base, headers);
			assert.ok(result.ok, JSON.stringify(headers));
			assert.equal(result.event.type, 'contract.signed');
		}
	});

	it('prefers the type field, then the alias, then the header', () => {
		const headers = { 'x-cablenetai-event': 'payment.received' };
		const both = send(
			cablenetai,
			{ ...base, type: 'lead.created', event: 'contract.signed' },
			headers,
		);
		assert.ok(both.result.ok);
		assert.equal(both.result.event.type, 'lead.created');
		const alias = send(cablenetai, { ...base, type: '', event: 'contract.signed' }, headers);
		assert.ok(alias.result.ok);
		assert.equal(alias.result.event.type, 'contract.signed');
	});

	it('refuses a body with no event type and says where it looked', () => {
		const { result } = send(cablenetai, base, { 'x-other': 'lead.created' });
		assert.equal(result.ok, false);
		assert.match(result.reason, /no event type/);
		assert.match(result.reason, /"type".*"event".*X-CablenetAI-Event/);

		const brote = send(profiles.brote, {
			type: 'payment.received',
			timestamp: OCCURRED_AT,
			data: {},
		});
		assert.equal(brote.result.ok, false);
		assert.match(brote.result.reason, /"event" field/);

		const numeric = send(profiles.notmeta, { id: 'evt_1', type: 42, data: {} });
		assert.equal(numeric.result.ok, false);
	});

	it('refuses a body that is not a JSON object', () => {
		for (const parsed of [null, [], 'message.received', 42]) {
			const raw = Buffer.from(JSON.stringify(parsed));
			const result = readEnvelope(profiles.notmeta, parsed, {}, raw);
			assert.equal(result.ok, false, JSON.stringify(parsed));
			assert.match(result.reason, /JSON object/);
		}
	});

	it("carries Brote's organization_id as organizationId, and null when the body lacks it", () => {
		assert.equal(envelopeItemField('organization_id'), 'organizationId');
		const body = { event: 'contact.created', timestamp: OCCURRED_AT, data: {} };
		const sent = send(profiles.brote, { ...body, organization_id: 'org_7' });
		assert.ok(sent.result.ok);
		assert.deepEqual(sent.result.extras, { organizationId: 'org_7' });
		const missing = send(profiles.brote, body);
		assert.ok(missing.result.ok);
		assert.deepEqual(missing.result.extras, { organizationId: null });
		const none = send(cablenetai, { ...base, type: 'lead.created' });
		assert.ok(none.result.ok);
		assert.deepEqual(none.result.extras, {});
	});

	it('passes an unknown type through with known false', () => {
		const data = { invoice_id: 'inv_2207', total: 125000 };
		const { result } = send(profiles.notmeta, {
			id: 'evt_987',
			type: 'invoice.paid',
			created_at: OCCURRED_AT,
			data,
		});
		assert.ok(result.ok);
		assert.deepEqual(result.event, {
			platform: 'notmeta',
			id: 'evt_987',
			type: 'invoice.paid',
			occurredAt: OCCURRED_AT,
			data,
			known: false,
		});
	});

	it('does not mistake inherited names for catalog events', () => {
		const { result } = send(profiles.buzzbip, { id: 'evt_1', type: 'toString', data: {} });
		assert.ok(result.ok);
		assert.equal(result.event.known, false);
	});

	it('falls back to the body hash when an event id is missing', () => {
		const { raw, result } = send(profiles.horneross, {
			type: 'lead.captured',
			data: profiles.horneross.events['lead.captured'].sample,
		});
		assert.ok(result.ok);
		assert.equal(result.event.id, pythonSha256([raw])[0]);
		assert.equal(result.event.occurredAt, null);
	});

	it('gives occurredAt an epoch time in ISO 8601, and null for a time that is neither text nor epoch', () => {
		const sent = (createdAt: unknown) => {
			const { result } = send(profiles.buzzbip, {
				id: 'evt_7f3a9b2c',
				type: 'message.received',
				createdAt,
				data: {},
			});
			assert.ok(result.ok);
			return [result.event.occurredAt, result.time];
		};
		assert.deepEqual(sent(1780324320), ['2026-06-01T14:32:00.000Z', 1780324320]);
		assert.deepEqual(sent(1780324320123), ['2026-06-01T14:32:00.123Z', 1780324320123]);
		assert.deepEqual(sent('1780324320'), ['1780324320', '1780324320']);
		assert.deepEqual(sent(42), [null, 42]);
		assert.deepEqual(sent({ at: 1 }), [null, { at: 1 }]);
	});
});

describe('the delivery id of a signed body', () => {
	const horneross = profiles.horneross;
	const idless = {
		type: 'lead.captured',
		timestamp: OCCURRED_AT,
		data: horneross.events['lead.captured'].sample,
	};

	function idOf(
		profile: PlatformProfile,
		raw: Buffer,
		form: 'raw' | 'compact-json' = 'raw',
	): string {
		const result = readEnvelope(profile, JSON.parse(raw.toString()), {}, raw, form);
		assert.ok(result.ok);
		return result.event.id;
	}

	it('is, without an id, the SHA-256 of the compact JSON when the signature matched that', () => {
		const compact = Buffer.from(JSON.stringify(idless));
		const shapes = [
			JSON.stringify(idless, null, 2),
			JSON.stringify(idless, null, '\t'),
			`${JSON.stringify(idless)}\n`,
			` ${JSON.stringify(idless).replace('"type"', '"\\u0074ype"')}`,
		].map((text) => Buffer.from(text));
		const [expected] = pythonSha256([compact]);
		// The raw form of the compact bytes and the compact form of every other shape: one event.
		assert.equal(idOf(horneross, compact), expected);
		for (const shape of shapes) assert.equal(idOf(horneross, shape, 'compact-json'), expected);
		// Bytes the signature matched as they are stay their own.
		assert.equal(idOf(horneross, shapes[0]!), pythonSha256([shapes[0]!])[0]);
	});

	it('keeps the digits of a numeric id past 2^53, from the top level of the raw body', () => {
		const bodies: Array<[string, string]> = [
			['{"id":12345678901234567891,"type":"message.received","data":{}}', '12345678901234567891'],
			['{"id":12345678901234567890,"type":"message.received","data":{}}', '12345678901234567890'],
			[
				'{ "data" : { "id" : 99999999999999999999, "note": "\\"id\\":1" },\n "type":"x", "id" :\n-98765432109876543210 }',
				'-98765432109876543210',
			],
			// JSON.parse keeps the last of two fields of one name; so does the id.
			['{"id":11111111111111111111,"type":"x","id":22222222222222222222}', '22222222222222222222'],
			['{"type":"x","\\u0069d":33333333333333333333,"data":[{"id":1}]}', '33333333333333333333'],
			['{"id":1.5e300,"type":"x"}', '1.5e300'],
			['{"id":9007199254740991,"type":"x"}', '9007199254740991'],
		];
		for (const [text, id] of bodies) {
			assert.equal(idOf(profiles.buzzbip, Buffer.from(text)), id, text);
		}
		// The compact form a signature matched carries JSON.stringify's digits, and so does its id.
		const [text] = bodies[0]!;
		assert.equal(idOf(horneross, Buffer.from(text), 'compact-json'), String(JSON.parse(text).id));
	});
});
