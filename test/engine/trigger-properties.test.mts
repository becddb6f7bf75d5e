// Property-based tests of the delivery path, with fast-check: generated bodies, signature headers
// and secrets sent over loopback HTTP to every trigger in n8n's engine. A fixed seed and a bounded
// number of runs keep every run the same; a failure is shrunk to its smallest case.
//
// The oracle is written here, apart from the node's code: the HMAC-SHA256 of the bytes received,
// or for the platforms that sign JSON.stringify, of the compact form within the bounds the
// package documents.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import fc from 'fast-check';

import { profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId, PlatformProfile } from '../../nodes/platforms/types.ts';
import {
	COMPACT_FALLBACK_MAX_BYTES,
	COMPACT_FALLBACK_MAX_DEPTH,
} from '../../nodes/trigger/signature.ts';
import { DeliveryMemory, deliveryMemory, TOTAL_CAPACITY } from '../../nodes/trigger/dedupe.ts';
import { buildEnvelope } from '../../sandbox/envelope.mts';
import type { TriggerEndpoint } from '../harness/webhook.mts';
import {
	armTrigger,
	catalogEvent,
	PLATFORMS,
	type TriggerFixture,
	triggerFixture,
} from './trigger-fixture.mts';

const SEED = 20261206;
const RUNS_PER_PLATFORM = 300;

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture();
});
after(async () => {
	await fx.close();
});

function hmac(bytes: Buffer | string, secret: string): string {
	return createHmac('sha256', secret).update(bytes).digest('hex');
}

function depthOf(value: unknown): number {
	if (value === null || typeof value !== 'object') return 0;
	const children = Array.isArray(value) ? value : Object.values(value);
	return 1 + Math.max(0, ...children.map(depthOf));
}

/** The compact form the platform may have signed instead of the bytes, where the package tries it. */
function compactForm(profile: PlatformProfile, body: Buffer): string | undefined {
	if (!profile.signature.compactJsonFallback || body.length > COMPACT_FALLBACK_MAX_BYTES) {
		return undefined;
	}
	try {
		const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
		return depthOf(value) <= COMPACT_FALLBACK_MAX_DEPTH ? JSON.stringify(value) : undefined;
	} catch {
		return undefined;
	}
}

/** Whether the header carries a valid HMAC of the body, or of its compact form, under `secret`. */
function carriesValidHmac(
	profile: PlatformProfile,
	body: Buffer,
	header: string | undefined,
	secret: string,
): boolean {
	if (header === undefined) return false;
	const value = header.trim();
	const prefixed = /^sha256=/i.test(value);
	const { prefix } = profile.signature;
	if ((prefix === 'required' && !prefixed) || (prefix === 'none' && prefixed)) return false;
	const hex = (prefixed ? value.slice(7) : value).toLowerCase();
	const compact = compactForm(profile, body);
	return hex === hmac(body, secret) || (compact !== undefined && hex === hmac(compact, secret));
}

interface Delivery {
	body: Buffer;
	header: string | undefined;
	contentType: string;
}

let sequence = 0;

/** A signed event of the platform, or bytes, in any of the shapes a sender could send. */
function deliveries(profile: PlatformProfile, secret: string): fc.Arbitrary<Delivery> {
	const event = fc
		.record({
			type: fc.constantFrom(...Object.keys(profile.events), 'unknown.event'),
			id: fc.string({ minLength: 1, maxLength: 20 }),
			// Most events are new; some reuse an id, as a platform's retry does.
			fresh: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, fc.constant(false)),
			data: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)),
			indent: fc.constantFrom(undefined, 2, '\t'),
		})
		.map(({ type, id, fresh, data, indent }) =>
			Buffer.from(
				JSON.stringify(
					buildEnvelope(profile, {
						type,
						id: fresh ? `evt_${id}_${++sequence}` : `evt_${id}`,
						data: data ?? profile.events[type]?.sample ?? {},
						occurredAt: new Date().toISOString(),
					}),
					null,
					indent,
				),
			),
		);
	const body = fc.oneof(
		{ arbitrary: event, weight: 4 },
		fc.json().map((text) => Buffer.from(text)),
		fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
		fc.nat({ max: 60 }).map((depth) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
	);
	const withPrefix = (hex: string, prefixed: boolean) => (prefixed ? `sha256=${hex}` : hex);
	return fc
		.record({
			body,
			signer: fc.oneof(
				{ arbitrary: fc.constant('raw' as const), weight: 3 },
				{ arbitrary: fc.constant('compact' as const), weight: 2 },
				fc.constantFrom('other-secret' as const, 'garbage' as const, 'none' as const),
			),
			// Mostly the platform's own format, sometimes the other one.
			prefixed: fc.oneof(
				{ arbitrary: fc.constant(profile.signature.prefix !== 'none'), weight: 4 },
				fc.boolean(),
			),
			upper: fc.boolean(),
			garbage: fc.string({ maxLength: 80 }),
			contentType: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'),
		})
		.map(({ body, signer, prefixed, upper, garbage, contentType }) => {
			const compact = (() => {
				try {
					return JSON.stringify(JSON.parse(body.toString('utf8')));
				} catch {
					return body.toString('utf8');
				}
			})();
			const hex = {
				raw: hmac(body, secret),
				compact: hmac(compact, secret),
				'other-secret': hmac(body, `${secret}-other`),
				garbage,
				none: undefined,
			}[signer];
			const header =
				hex === undefined ? undefined : withPrefix(upper ? hex.toUpperCase() : hex, prefixed);
			return { body, header, contentType };
		});
}

async function send(endpoint: TriggerEndpoint, profile: PlatformProfile, delivery: Delivery) {
	const headers: Record<string, string> = { 'content-type': delivery.contentType };
	if (delivery.header !== undefined) {
		headers[profile.signature.header.toLowerCase()] = delivery.header;
	}
	const before = endpoint.exchanges.length;
	const started = performance.now();
	const response = await fetch(endpoint.url, { method: 'POST', body: delivery.body, headers });
	const text = await response.text();
	return {
		status: response.status,
		text,
		ms: performance.now() - started,
		exchanges: endpoint.exchanges.slice(before),
	};
}

describe('the delivery path, for generated deliveries', () => {
	const cases: Partial<Record<PlatformId, { sent: number; ran: number }>> = {};

	for (const platform of PLATFORMS) {
		const profile = profiles[platform];

		it(`${profile.displayName}: runs only what carries a valid HMAC, never throws, answers in time`, async () => {
			// Brote as registered in its dashboard: the secret the user pasted into the credential.
			const { endpoint, secret } =
				platform === 'brote'
					? {
							endpoint: fx.endpoint(
								platform,
								{ events: ['*'], registration: 'manual', options: {} },
								{ secrets: { webhookSecret: 'brote-property-secret' } },
							),
							secret: 'brote-property-secret',
						}
					: await armTrigger(fx, platform, { events: ['*'], options: {} });
			let runs = 0;
			let started = 0;
			await fc.assert(
				fc.asyncProperty(deliveries(profile, secret), async (delivery) => {
					const answer = await send(endpoint, profile, delivery);
					runs++;
					const ran = answer.exchanges.some((e) => e.run !== undefined);
					if (ran) {
						started++;
						assert.ok(
							carriesValidHmac(profile, delivery.body, delivery.header, secret),
							'a run started for a delivery without a valid HMAC',
						);
					}
					for (const exchange of answer.exchanges) {
						assert.doesNotMatch(exchange.body, /Workflow could not be started|^\w*Error/);
					}
					assert.ok(answer.status < 500, `answered ${answer.status}: ${answer.text}`);
					assert.ok(!answer.text.includes(secret), 'an answer never carries the secret');
					assert.ok(deliveryMemory.size <= TOTAL_CAPACITY);
					assert.ok(
						answer.ms < profile.delivery.timeoutMs,
						`answered in ${answer.ms.toFixed(0)} ms, past the platform's ${profile.delivery.timeoutMs} ms`,
					);
				}),
				{ seed: SEED, numRuns: RUNS_PER_PLATFORM },
			);
			cases[platform] = { sent: runs, ran: started };
			// The generators reach the path's end often enough for the property to mean something.
			assert.ok(started >= RUNS_PER_PLATFORM / 10, `only ${started} of ${runs} deliveries ran`);
			// A valid, selected, fresh event still runs: the property is not met by refusing all.
			const ok = await fx.sb.deliver({
				platform,
				type: catalogEvent(platform, 0),
				url: endpoint.url,
				secret,
				retry: false,
			});
			assert.equal(ok.attempts[0].status, 200);
		});
	}

	after(() => {
		console.log(`property cases run: ${JSON.stringify(cases)}`);
	});
});

describe('the duplicate memory, for generated floods', () => {
	const PER_TRIGGER = 8;
	// Less than the triggers' bounds together, so the process's bound is what evicts.
	const TOTAL = 12;
	const TRIGGERS = 3;
	const TTL = 1_000;

	it('stays within its bounds, and a flood never evicts a trigger below its share', () => {
		const step = fc.record({
			trigger: fc.constantFrom('victim', 'flood-a', 'flood-b'),
			key: fc.nat({ max: 40 }),
			advance: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, fc.nat({ max: 400 })),
		});
		fc.assert(
			fc.property(fc.array(step, { minLength: 20, maxLength: 200, size: 'max' }), (steps) => {
				let now = 0;
				const memory = new DeliveryMemory({
					perTrigger: PER_TRIGGER,
					total: TOTAL,
					now: () => now,
				});
				// The victim's live keys, by when they expire; it records few enough to stay below
				// its share of the total.
				const victim = new Map<string, number>();
				for (const { trigger, key, advance } of steps) {
					now += advance;
					for (const [k, expiry] of victim) if (expiry <= now) victim.delete(k);
					if (trigger === 'victim' && victim.size + 1 >= TOTAL / TRIGGERS) continue;
					// The victim sends few distinct events, each again and again; the floods many.
					const name = trigger === 'victim' ? `k${key % 4}` : `k${key}`;
					const fresh = memory.record(trigger, name, TTL) !== undefined;
					if (trigger === 'victim') {
						assert.equal(fresh, !victim.has(name), `victim key ${name} at ${now}`);
						if (fresh) victim.set(name, now + TTL);
					}
					assert.ok(memory.size <= TOTAL, `${memory.size} entries`);
				}
			}),
			{ seed: SEED, numRuns: 500 },
		);
	});
});
