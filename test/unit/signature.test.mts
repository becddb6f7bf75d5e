import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import {
	COMPACT_FALLBACK_MAX_BYTES,
	COMPACT_FALLBACK_MAX_DEPTH,
	fitsCompactFallback,
	verify,
	type VerifyInput,
} from '../../nodes/trigger/signature.ts';
import { sign } from '../../sandbox/signing.mts';
import { pythonHmacSync } from '../harness/python-hmac.mts';

const SECRET = 'whsec_rotating_new';
const OLD_SECRET = 'whsec_rotating_old';
// Escapes and spacing that JSON.stringify would not produce: a re-serializing verifier fails here.
const PRETTY = Buffer.from(
	'{\n  "id": "evt_1",\n  "type": "lead.captured",\n  "data": { "name": "Mar\\u00eda", "n": 1.50 }\n}',
);
const COMPACT = Buffer.from(JSON.stringify(JSON.parse(PRETTY.toString())));

const brote = { header: 'X-Brote-Signature', prefix: 'required' } as const;
const horneross = { header: 'X-Horneross-Signature', prefix: 'none' } as const;
const buzzbip = { header: 'X-BuzzBip-Signature', prefix: 'optional' } as const;

/**
 * verify's verdict, and on a match which secret matched. The nodes need only that one did, so
 * the index is found here: the first secret that alone matches in the same form.
 */
function check(overrides: Partial<VerifyInput>) {
	const input: VerifyInput = {
		body: PRETTY,
		header: `sha256=${pythonHmacSync(PRETTY, SECRET)}`,
		secrets: [SECRET],
		format: brote,
		...overrides,
	};
	const result = verify(input);
	if (!result.ok) return result;
	const secretIndex = input.secrets.findIndex((secret) => {
		const alone = verify({ ...input, secrets: [secret] });
		return alone.ok && alone.form === result.form;
	});
	return { ...result, secretIndex };
}

describe('sign', () => {
	it('matches an independent HMAC-SHA256 over the raw bytes', () => {
		assert.equal(sign(PRETTY, SECRET), pythonHmacSync(PRETTY, SECRET));
		const binary = Buffer.from([0xff, 0x00, 0xc3, 0x28]);
		assert.equal(sign(binary, SECRET), pythonHmacSync(binary, SECRET));
	});

	it('adds the sha256= prefix on request', () => {
		assert.equal(sign(PRETTY, SECRET, true), `sha256=${pythonHmacSync(PRETTY, SECRET)}`);
	});
});

describe('verify', () => {
	it('accepts the raw bytes signed by the platform', () => {
		assert.deepEqual(check({}), { ok: true, form: 'raw', secretIndex: 0 });
	});

	it('accepts uppercase hex and an uppercase prefix', () => {
		const header = `SHA256=${pythonHmacSync(PRETTY, SECRET).toUpperCase()}`;
		assert.deepEqual(check({ header }), { ok: true, form: 'raw', secretIndex: 0 });
	});

	it('takes the first value when a header arrives twice', () => {
		const good = `sha256=${pythonHmacSync(PRETTY, SECRET)}`;
		assert.equal(check({ header: [good, 'sha256=00'] }).ok, true);
	});

	it('accepts any live secret during rotation and says which', () => {
		const header = `sha256=${pythonHmacSync(PRETTY, OLD_SECRET)}`;
		assert.deepEqual(check({ header, secrets: [SECRET, OLD_SECRET] }), {
			ok: true,
			form: 'raw',
			secretIndex: 1,
		});
	});

	it('ignores empty secrets, and reports none configured when nothing is left', () => {
		const result = check({ secrets: ['', ''] });
		assert.equal(result.ok, false);
		assert.equal(!result.ok && result.reason, 'no-secret');
	});

	it('reports a missing header', () => {
		for (const header of [undefined, '', '   ']) {
			const result = check({ header });
			assert.equal(!result.ok && result.reason, 'missing-header');
			assert.match(!result.ok ? result.message : '', /X-Brote-Signature/);
		}
	});

	it('reports a malformed header: missing required prefix, forbidden prefix, truncated, non-hex', () => {
		const hex = pythonHmacSync(PRETTY, SECRET);
		const cases: Array<[string, typeof brote | typeof horneross]> = [
			[hex, brote],
			[`sha256=${hex}`, horneross],
			[`sha256=${hex.slice(0, 63)}`, brote],
			[`sha256=${hex.slice(0, 62)}zz`, brote],
			[`sha1=${hex}`, brote],
		];
		for (const [header, format] of cases) {
			const result = check({ header, format });
			assert.equal(!result.ok && result.reason, 'malformed-header', header);
		}
	});

	it('accepts the prefix either way where it is optional', () => {
		const hex = pythonHmacSync(PRETTY, SECRET);
		assert.equal(check({ header: hex, format: buzzbip }).ok, true);
		assert.equal(check({ header: `sha256=${hex}`, format: buzzbip }).ok, true);
	});

	it('rejects a tampered body and a wrong secret', () => {
		const tampered = Buffer.from(PRETTY.toString().replace('evt_1', 'evt_2'));
		const changed = check({ body: tampered });
		assert.equal(!changed.ok && changed.reason, 'no-match');
		const wrong = check({ header: `sha256=${pythonHmacSync(PRETTY, 'another-secret')}` });
		assert.equal(!wrong.ok && wrong.reason, 'no-match');
		assert.doesNotMatch(!wrong.ok ? wrong.message : '', new RegExp(SECRET));
	});

	it('refuses a parsed body instead of re-serializing it', () => {
		for (const body of [JSON.parse(PRETTY.toString()), PRETTY.toString(), undefined]) {
			const result = check({ body });
			assert.equal(!result.ok && result.reason, 'body-not-raw');
		}
	});

	it('matches the compact re-serialization only when the fallback is on, and says so', () => {
		const header = pythonHmacSync(COMPACT, SECRET);
		const without = check({ header, format: horneross });
		assert.equal(!without.ok && without.reason, 'no-match');
		assert.deepEqual(check({ header, format: horneross, compactJsonFallback: true }), {
			ok: true,
			form: 'compact-json',
			secretIndex: 0,
		});
	});

	it('prefers the raw form when the body already is compact', () => {
		const header = pythonHmacSync(COMPACT, SECRET);
		assert.deepEqual(
			check({ body: COMPACT, header, format: horneross, compactJsonFallback: true }),
			{ ok: true, form: 'raw', secretIndex: 0 },
		);
	});

	it('does not fall back on a body that is not JSON', () => {
		const body = Buffer.from('not json');
		const header = pythonHmacSync(Buffer.from('"not json"'), SECRET);
		const result = check({ body, header, format: horneross, compactJsonFallback: true });
		assert.equal(!result.ok && result.reason, 'no-match');
	});
});

describe('the compact JSON fallback', () => {
	it('fits every documented event of the platforms that sign JSON.stringify, with room to spare', () => {
		for (const profile of Object.values(profiles)) {
			if (!profile.signature.compactJsonFallback) continue;
			for (const [type, spec] of Object.entries(profile.events)) {
				const envelope = {
					id: 'evt_1',
					type,
					created_at: '2026-12-06T12:00:00Z',
					data: spec.sample,
				};
				const pretty = Buffer.from(JSON.stringify(envelope, null, 2));
				assert.ok(
					pretty.length * 8 <= COMPACT_FALLBACK_MAX_BYTES,
					`${profile.id} ${type}: ${pretty.length} bytes`,
				);
				assert.ok(fitsCompactFallback(pretty), `${profile.id} ${type}`);
			}
		}
	});

	it('is not tried past its depth or size, where only the raw bytes can match', () => {
		const deep = Buffer.from(
			`${'['.repeat(COMPACT_FALLBACK_MAX_DEPTH + 1)}${']'.repeat(COMPACT_FALLBACK_MAX_DEPTH + 1)}`,
		);
		assert.equal(fitsCompactFallback(deep), false);
		// Brackets inside strings are text, not depth.
		assert.equal(fitsCompactFallback(Buffer.from(JSON.stringify({ text: '['.repeat(100) }))), true);
		assert.equal(fitsCompactFallback(Buffer.alloc(COMPACT_FALLBACK_MAX_BYTES + 1, ' ')), false);
		const header = sign(COMPACT, SECRET);
		const pretty = Buffer.from(`${PRETTY.toString()}${' '.repeat(COMPACT_FALLBACK_MAX_BYTES)}`);
		assert.equal(
			check({ body: pretty, header, format: horneross, compactJsonFallback: true }).ok,
			false,
		);
		assert.equal(
			check({ body: PRETTY, header, format: horneross, compactJsonFallback: true }).ok,
			true,
		);
	});

	it('refuses an unsigned request before it looks for a secret', () => {
		const result = check({ header: undefined, secrets: [] });
		assert.equal(!result.ok && result.reason, 'missing-header');
	});
});
