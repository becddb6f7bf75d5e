// Every platform's trigger against real signed deliveries from the sandbox, over loopback HTTP,
// through n8n-core's WebhookContext: the delivery path's every answer, and which ones start a run.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import { envelopeItemField } from '../../nodes/trigger/envelope.ts';
import { sign } from '../../sandbox/signing.mts';
import type { DeliverOptions } from '../../sandbox/index.mts';
import type { TriggerEndpoint } from '../harness/webhook.mts';
import {
	armTrigger,
	catalogEvent,
	hasApi,
	PLATFORMS,
	waitUntil,
	subscriptionSecret,
	type TriggerFixture,
	triggerFixture,
} from './trigger-fixture.mts';

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture();
});
after(async () => {
	await fx.close();
});

for (const platform of PLATFORMS) {
	const profile = profiles[platform];
	const header = profile.signature.header.toLowerCase();
	const selected = catalogEvent(platform, 0);
	const other = catalogEvent(platform, 1);

	describe(`${profile.displayName} Trigger`, () => {
		let endpoint: TriggerEndpoint;
		let secret: string;
		before(async () => {
			({ endpoint, secret } = await armTrigger(fx, platform, { events: [selected] }));
		});

		async function deliver(options: Partial<DeliverOptions> = {}) {
			const runs = endpoint.runs.length;
			const result = await fx.sb.deliver({
				platform,
				type: selected,
				url: endpoint.url,
				secret,
				retry: false,
				...options,
			});
			return { result, first: result.attempts[0], newRuns: endpoint.runs.slice(runs) };
		}

		it('emits a valid delivery as one typed item and answers 200 at once', async () => {
			const { result, first, newRuns } = await deliver();
			assert.equal(first.status, 200);
			assert.equal(first.answer, 'OK');
			assert.ok(first.latencyMs < profile.delivery.timeoutMs / 10);
			assert.equal(newRuns.length, 1);
			assert.deepEqual(newRuns[0], [[{ json: newRuns[0][0][0].json }]]);
			const item = newRuns[0][0][0].json;
			const sent = JSON.parse(result.body.toString('utf8'));
			assert.deepEqual(item, {
				platform,
				id: profile.dedupe === 'event-id' ? result.id : item.id,
				type: selected,
				occurredAt: sent[profile.envelope.timeField],
				// Brote's organization_id as organizationId; the other platforms send no extra field.
				...Object.fromEntries(
					Object.keys(profile.envelope.extraFields ?? {}).map((field) => [
						envelopeItemField(field),
						sent[field],
					]),
				),
				data: profile.events[selected].sample,
				known: true,
				signature: 'raw',
			});
			if (profile.dedupe === 'body-sha256') assert.match(String(item.id), /^[0-9a-f]{64}$/);
			if (platform === 'brote') assert.equal(item.organizationId, sent.organization_id);
		});

		it('refuses a tampered body with 401 and starts no run', async () => {
			const original = (await deliver()).result;
			const tampered = Buffer.from(
				original.body.toString('utf8').replace(/"data":\{/, '"data":{"injected":1,'),
			);
			assert.notDeepEqual(tampered, original.body);
			const { first, newRuns } = await deliver({
				rawBody: tampered,
				omitSignature: true,
				headers: { [header]: original.headers[header] },
			});
			assert.equal(first.status, 401);
			assert.match(first.answer, /matches none of the configured secrets/);
			assert.equal(newRuns.length, 0);
		});

		it('refuses a delivery signed with another secret with 401', async () => {
			const { first, newRuns } = await deliver({ badSignature: true });
			assert.equal(first.status, 401);
			assert.equal(newRuns.length, 0);
			assert.ok(!first.answer.includes(secret), 'the answer never echoes a secret');
		});

		it('refuses a missing or garbled signature header with 401 and a reason', async () => {
			const missing = await deliver({ omitSignature: true });
			assert.equal(missing.first.status, 401);
			assert.match(missing.first.answer, /header is missing/);
			for (const garbled of ['sha256=not-hex', 'abc123', 'sha256=' + 'f'.repeat(63), '']) {
				const { first, newRuns } = await deliver({
					omitSignature: true,
					headers: { [header]: garbled },
				});
				assert.equal(first.status, 401, garbled);
				assert.equal(newRuns.length, 0);
			}
			if (profile.signature.prefix === 'required') {
				const bare = await deliver({
					omitSignature: true,
					rawBody: Buffer.from('{}'),
					headers: { [header]: sign('{}', secret) },
				});
				assert.equal(bare.first.status, 401);
				assert.match(bare.first.answer, /prefix is missing/);
			}
		});

		it('accepts the old and the new secret while a rotation is under way', async () => {
			const before = hasApi(platform) ? `${platform}-old-${Math.random()}` : 'old-secret';
			const rotated = hasApi(platform)
				? await armTrigger(fx, platform, { events: [selected] }, { webhookSecret: before })
				: await armTrigger(
						fx,
						platform,
						{ events: [selected] },
						{
							webhookSecret: 'new-secret',
							previousWebhookSecret: before,
						},
					);
			if (hasApi(platform)) {
				assert.equal(rotated.secret, before);
				rotated.endpoint.setCredentials(
					fx.credentials(platform, { webhookSecret: 'new-secret', previousWebhookSecret: before }),
				);
				assert.deepEqual(await rotated.endpoint.activate(), { created: true });
				await waitUntil(
					() =>
						fx.sb
							.subscriptions(platform)
							.some((s) => s.url === rotated.endpoint.url && s.status === 'active'),
					'the rotated subscription',
				);
				assert.equal(subscriptionSecret(fx.sb, platform, rotated.endpoint.url), 'new-secret');
			}
			for (const signedWith of [before, 'new-secret']) {
				const result = await fx.sb.deliver({
					platform,
					type: selected,
					url: rotated.endpoint.url,
					secret: signedWith,
					retry: false,
				});
				assert.equal(result.attempts[0].status, 200, signedWith);
			}
			const stranger = await fx.sb.deliver({
				platform,
				type: selected,
				url: rotated.endpoint.url,
				secret: 'third',
				retry: false,
			});
			assert.equal(stranger.attempts[0].status, 401);
			assert.equal(rotated.endpoint.runs.length, 2);
			if (hasApi(platform)) await rotated.endpoint.deactivate();
		});

		it('verifies a pretty-printed body as the platform signed it', async () => {
			const asSent = await deliver({ pretty: true });
			assert.match(asSent.result.body.toString('utf8'), /\n {2}"/);
			assert.equal(asSent.first.status, 200);
			assert.equal(asSent.newRuns[0][0][0].json.signature, 'raw');

			// Signed as compact JSON but sent pretty: only the platforms whose samples sign JSON.stringify.
			const compact = await deliver({ pretty: true, signedForm: 'compact-json' });
			if (profile.signature.compactJsonFallback) {
				assert.equal(compact.first.status, 200);
				assert.equal(compact.newRuns[0][0][0].json.signature, 'compact-json');
			} else {
				assert.equal(compact.first.status, 401);
				assert.equal(compact.newRuns.length, 0);
			}
		});

		it('acknowledges an unselected event with 200 and starts no run', async () => {
			const { first, newRuns } = await deliver({ type: other });
			assert.equal(first.status, 200);
			assert.match(first.answer, /not selected/);
			assert.equal(newRuns.length, 0);
		});

		it('acknowledges a duplicate retry with 200 and runs once', async () => {
			const { result, newRuns } = await deliver({ duplicate: true });
			assert.deepEqual(
				result.attempts.map((a) => [a.status, a.duplicate ?? false]),
				[
					[200, false],
					[200, true],
				],
			);
			assert.match(result.attempts[1].answer, /duplicate/);
			assert.equal(newRuns.length, 1);
			// The same event re-sent with new bytes (another timestamp) is a duplicate where the id says so.
			const again = await deliver({
				id: result.id,
				occurredAt: new Date(Date.now() - 60_000).toISOString(),
			});
			assert.equal(again.first.status, 200);
			assert.equal(again.newRuns.length, profile.dedupe === 'event-id' ? 0 : 1);
		});

		it('verifies and emits a delivery whose content type n8n does not parse', async () => {
			const { first, newRuns } = await deliver({
				headers: { 'content-type': 'application/octet-stream' },
			});
			assert.equal(first.status, 200);
			assert.equal(newRuns.length, 1);
		});

		it('answers malformed JSON with 400 and a reason, after the signature', async () => {
			const broken = Buffer.from(`{"${profile.envelope.typeField}": "${selected}", "data": {`);
			// n8n's own body parser refuses JSON it cannot parse before any node runs.
			const asJson = await deliver({ rawBody: broken });
			assert.equal(asJson.first.status, 422);
			assert.equal(asJson.newRuns.length, 0);
			const { first, newRuns } = await deliver({
				rawBody: broken,
				headers: { 'content-type': 'application/octet-stream' },
			});
			assert.equal(first.status, 400);
			assert.match(first.answer, /not valid JSON/);
			assert.equal(newRuns.length, 0);
			const unsigned = await deliver({
				rawBody: broken,
				omitSignature: true,
				headers: { 'content-type': 'application/octet-stream' },
			});
			assert.equal(unsigned.first.status, 401);
		});

		it('answers a body without an event type with 400', async () => {
			const { typeHeader } = profile.envelope;
			const { first, newRuns } = await deliver({
				rawBody: Buffer.from(JSON.stringify({ data: {} })),
				headers: typeHeader ? { [typeHeader.toLowerCase()]: '' } : {},
			});
			assert.equal(first.status, 400);
			assert.match(first.answer, /no event type/);
			assert.equal(newRuns.length, 0);
		});

		it('answers an empty body with 400 when signed, 401 when not', async () => {
			const signed = await deliver({ rawBody: Buffer.alloc(0) });
			assert.equal(signed.first.status, 400);
			assert.match(signed.first.answer, /empty/);
			const unsigned = await deliver({ rawBody: Buffer.alloc(0), omitSignature: true });
			assert.equal(unsigned.first.status, 401);
			assert.equal(signed.newRuns.length + unsigned.newRuns.length, 0);
		});

		it('answers a body that is not UTF-8 with 400', async () => {
			const text = JSON.stringify({
				[profile.envelope.typeField]: selected,
				id: 'evt_bin',
				data: { text: 'XX' },
			});
			const body = Buffer.from(text);
			const at = body.indexOf('XX');
			body[at] = 0xff;
			body[at + 1] = 0xfe;
			const { first, newRuns } = await deliver({ rawBody: body });
			assert.equal(first.status, 400);
			assert.match(first.answer, /not valid UTF-8/);
			assert.equal(newRuns.length, 0);
		});

		it('passes an unknown event type through as known: false when all events are selected', async () => {
			const all = await armTrigger(fx, platform, { events: ['*'] });
			const result = await fx.sb.deliver({
				platform,
				type: 'brand.new_event',
				data: { novel: true },
				url: all.endpoint.url,
				secret: all.secret,
				retry: false,
			});
			assert.equal(result.attempts[0].status, 200);
			const item = all.endpoint.runs[0][0][0].json;
			assert.equal(item.type, 'brand.new_event');
			assert.equal(item.known, false);
			assert.deepEqual(item.data, { novel: true });
			const narrow = await deliver({ type: 'brand.new_event' });
			assert.equal(narrow.first.status, 200);
			assert.equal(narrow.newRuns.length, 0);
			if (hasApi(platform)) await all.endpoint.deactivate();
		});

		it(
			platform === 'notmeta'
				? 'answers the webhook.verified challenge with the challenge itself, and no run'
				: 'does not echo a challenge-shaped delivery: it is an ordinary event, signature first',
			async () => {
				const challenge = `challenge_${Math.random().toString(36).slice(2)}`;
				const handshake = { type: 'webhook.verified', data: { webhook_id: 'wh_x', challenge } };
				for (const signing of [{}, { omitSignature: true }, { badSignature: true }]) {
					const { first, newRuns } = await deliver({ ...handshake, ...signing });
					assert.equal(newRuns.length, 0);
					if (platform === 'notmeta') {
						assert.equal(first.status, 200);
						assert.equal(first.answer, challenge);
					} else {
						assert.notEqual(first.answer, challenge);
						assert.ok(
							'omitSignature' in signing || 'badSignature' in signing
								? first.status === 401
								: first.status === 200,
						);
					}
				}
				if (platform === 'notmeta') {
					const exchange = endpoint.exchanges.at(-1);
					assert.equal(exchange?.contentType, 'text/plain; charset=utf-8');
					// A challenge that is not a short string is no handshake: it goes through the signature check.
					const odd = await deliver({
						type: 'webhook.verified',
						data: { challenge: 'x'.repeat(600) },
						omitSignature: true,
					});
					assert.equal(odd.first.status, 401);
				}
			},
		);
	});
}
