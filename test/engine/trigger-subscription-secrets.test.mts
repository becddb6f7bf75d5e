// Where the Brote and NotMeta triggers keep their subscriptions' secrets, and which URL each
// secret opens (issue 20 §2 and §3): nothing secret in the workflow's static data, the
// platform's own secret, secrets by URL, repair at activation, and a base URL that moves. Run
// through n8n-core's HookContext and WebhookContext against the sandbox's subscription API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import type { Subscription } from '../../sandbox/index.mts';
import { type TriggerEndpoint, WebhookHarness } from '../harness/webhook.mts';
import { type TriggerFixture, TRIGGERS, triggerFixture, waitUntil } from './trigger-fixture.mts';

type ApiPlatform = 'brote' | 'notmeta';

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture();
});
after(async () => {
	await fx.close();
});

function live(platform: ApiPlatform, url: string): Subscription[] {
	return fx.sb.subscriptions(platform).filter((s) => s.url === url);
}

/** The one subscription at `url`, once its platform reports it active. */
async function activeAt(platform: ApiPlatform, url: string): Promise<Subscription> {
	await waitUntil(
		() => live(platform, url).some((s) => s.status === 'active'),
		`an active ${platform} subscription at ${url}`,
	);
	const found = live(platform, url);
	assert.equal(found.length, 1, `${platform} subscriptions at ${url}`);
	return found[0];
}

/** The static data as n8n's public API and a workflow export hand it out. */
function staticText(endpoint: TriggerEndpoint): string {
	return JSON.stringify(endpoint.store.data);
}

function storedUrls(endpoint: TriggerEndpoint): string[] {
	const node = endpoint.store.data[`node:${endpoint.node.name}`] as
		| { subscriptions?: Record<string, unknown> }
		| undefined;
	return Object.keys(node?.subscriptions ?? {});
}

/**
 * Sends one signed delivery without retries: the status the trigger answered, and whether it
 * started a run. At a test URL a refusal is thrown for the editor, so n8n answers 500.
 */
async function deliver(
	platform: ApiPlatform,
	endpoint: TriggerEndpoint,
	secret: string,
): Promise<{ status: number | null; answer: string; ran: boolean }> {
	const runs = endpoint.runs.length;
	const result = await fx.sb.deliver({
		platform,
		type: eventOf(platform),
		url: endpoint.url,
		secret,
		retry: false,
	});
	const [first] = result.attempts;
	return { status: first.status, answer: first.answer, ran: endpoint.runs.length > runs };
}

function eventOf(platform: ApiPlatform): string {
	const profile = profiles[platform];
	const [type] = Object.keys(profile.events).filter((t) => t !== profile.handshake?.eventType);
	return type;
}

function trigger(platform: ApiPlatform, secrets: Record<string, string> = {}): TriggerEndpoint {
	return fx.endpoint(platform, { events: [eventOf(platform)] }, { secrets });
}

/** The same node's endpoint at the test URL, as the editor's "listen for test event" opens it. */
function testEndpointOf(
	production: TriggerEndpoint,
	options: { shareStore?: boolean; withoutResourceUrl?: boolean } = {},
): TriggerEndpoint {
	return fx.harness.endpoint({
		type: production.node.type,
		parameters: production.node.parameters,
		credentials: {},
		node: production.node,
		workflowId: production.workflowId,
		test: true,
		...(options.shareStore ? { store: production.store } : {}),
		withoutResourceUrl: options.withoutResourceUrl,
	});
}

for (const platform of ['brote', 'notmeta'] as const) {
	const name = profiles[platform].displayName;

	describe(`${name} Trigger: no secret in the static data`, () => {
		it('keeps neither a generated secret nor the credential secret there', async () => {
			const generated = trigger(platform);
			await generated.activate();
			const subscription = await activeAt(platform, generated.url);
			assert.ok(!staticText(generated).includes(subscription.secret), 'the generated secret');
			assert.deepEqual(storedUrls(generated), [generated.url]);
			assert.equal((await deliver(platform, generated, subscription.secret)).status, 200);

			const chosen = `chosen-${Math.random()}`;
			const configured = trigger(platform, { webhookSecret: chosen });
			await configured.activate();
			assert.equal((await activeAt(platform, configured.url)).secret, chosen);
			assert.ok(!staticText(configured).includes(chosen), 'the credential secret');

			await generated.deactivate();
			await configured.deactivate();
		});

		it('sends the same secret again for the same credential and URL, so a retry for the old subscription verifies', async () => {
			const endpoint = trigger(platform);
			await endpoint.activate();
			const first = await activeAt(platform, endpoint.url);
			await endpoint.deactivate();
			await endpoint.activate();
			const second = await activeAt(platform, endpoint.url);
			assert.notEqual(second.id, first.id);
			assert.equal(second.secret, first.secret);
			assert.equal((await deliver(platform, endpoint, first.secret)).status, 200);

			// Another URL gets another secret from the same credential.
			const neighbour = trigger(platform);
			await neighbour.activate();
			assert.notEqual((await activeAt(platform, neighbour.url)).secret, first.secret);
			assert.equal((await deliver(platform, neighbour, first.secret)).status, 401);

			await endpoint.deactivate();
			await neighbour.deactivate();
		});
	});

	describe(`${name} Trigger: the platform's own secret`, () => {
		it('verifies with the secret the platform answers, and keeps accepting the one sent', async () => {
			fx.sb.faults.set({ platform, ownWebhookSecret: true });
			try {
				const sent = `sent-${Math.random()}`;
				const endpoint = trigger(platform, { webhookSecret: sent });
				await endpoint.activate();
				const subscription = await activeAt(platform, endpoint.url);
				assert.match(subscription.secret, /^whsec_/);

				const published = fx.sb.emit(platform, eventOf(platform));
				const delivered = (await published.done).find((r) => r.url === endpoint.url);
				assert.ok(delivered, 'the platform delivered to the subscription');
				assert.equal(delivered.attempts[0].status, 200, delivered.attempts[0].answer);
				assert.equal(endpoint.runs.length, 1);
				assert.equal((await deliver(platform, endpoint, sent)).status, 200);

				assert.ok(!staticText(endpoint).includes(subscription.secret), "the platform's secret");
				assert.ok(!staticText(endpoint).includes(sent), 'the secret sent');
				await endpoint.deactivate();
			} finally {
				fx.sb.faults.clear();
			}
		});

		it('also when the secret sent was generated', async () => {
			const endpoint = trigger(platform);
			await endpoint.activate();
			const generated = (await activeAt(platform, endpoint.url)).secret;
			await endpoint.deactivate();
			fx.sb.faults.set({ platform, ownWebhookSecret: true });
			try {
				await endpoint.activate();
				const own = (await activeAt(platform, endpoint.url)).secret;
				assert.notEqual(own, generated);
				for (const secret of [own, generated]) {
					assert.equal((await deliver(platform, endpoint, secret)).status, 200, secret);
					assert.ok(!staticText(endpoint).includes(secret), secret);
				}
				await endpoint.deactivate();
			} finally {
				fx.sb.faults.clear();
			}
		});
	});

	describe(`${name} Trigger: secrets by URL`, () => {
		for (const shareStore of [false, true]) {
			for (const withoutResourceUrl of [false, true]) {
				for (const ownSecret of [false, true]) {
					const how = [
						shareStore ? 'one static data for both, as old n8n had' : 'separate static data',
						withoutResourceUrl ? "n8n 1.x's webhook context" : 'with getWebhookResourceUrl',
						ownSecret ? "the platform's own secrets" : 'generated secrets',
					].join('; ');
					it(`accepts at the test and the production URL only their own secrets (${how})`, async () => {
						if (ownSecret) fx.sb.faults.set({ platform, ownWebhookSecret: true });
						try {
							const production = trigger(platform);
							const test = testEndpointOf(production, { shareStore, withoutResourceUrl });
							await production.activate();
							await test.activate();
							const atProduction = (await activeAt(platform, production.url)).secret;
							const atTest = (await activeAt(platform, test.url)).secret;
							assert.notEqual(atProduction, atTest);

							const refusedAtTest = await deliver(platform, test, atProduction);
							assert.equal(refusedAtTest.status, 500, 'a refusal at the test URL is thrown');
							assert.equal(refusedAtTest.ran, false);
							assert.equal((await deliver(platform, production, atTest)).status, 401);
							assert.equal((await deliver(platform, test, atTest)).status, 200);
							assert.equal((await deliver(platform, production, atProduction)).status, 200);

							await test.deactivate();
							await production.deactivate();
							fx.harness.remove(test);
						} finally {
							fx.sb.faults.clear();
						}
					});
				}
			}
		}
	});

	describe(`${name} Trigger: repair at activation`, () => {
		it('fails the activation when the platform reports the verification failed, and says what to do', async () => {
			const endpoint = trigger(platform);
			fx.sb.faults.set({ platform, failVerification: 1 });
			try {
				await assert.rejects(endpoint.activate(), (error: Error) => {
					assert.equal(error.name, 'NodeOperationError');
					assert.match(error.message, new RegExp(`${name} could not verify`));
					const description = (error as Error & { description?: string }).description ?? '';
					assert.match(description, /WEBHOOK_URL/);
					assert.match(description, /reachable from the internet/);
					return true;
				});
			} finally {
				fx.sb.faults.clear();
			}
			assert.deepEqual(live(platform, endpoint.url), [], 'the failed subscription is removed');
			assert.deepEqual(storedUrls(endpoint), []);

			assert.deepEqual(await endpoint.activate(), { created: true });
			await activeAt(platform, endpoint.url);
			await endpoint.deactivate();
		});

		it('replaces a subscription the platform reports as not active', async () => {
			const endpoint = trigger(platform);
			await endpoint.activate();
			const broken = await activeAt(platform, endpoint.url);
			broken.status = 'failed';
			assert.deepEqual(await endpoint.activate(), { created: true });
			const replaced = await activeAt(platform, endpoint.url);
			assert.notEqual(replaced.id, broken.id);
			assert.equal((await deliver(platform, endpoint, replaced.secret)).status, 200);
			await endpoint.deactivate();
		});
	});

	describe(`${name} Trigger: WEBHOOK_URL changes`, () => {
		it("removes this node's subscriptions at the old base URL, and only those", async () => {
			const moved = await WebhookHarness.start(fx.engine);
			try {
				const before = trigger(platform);
				const stranger = trigger(platform);
				await before.activate();
				await stranger.activate();
				const old = await activeAt(platform, before.url);
				const test = testEndpointOf(before, { shareStore: true });
				await test.activate();
				await activeAt(platform, test.url);

				const after = moved.endpoint({
					type: before.node.type,
					parameters: before.node.parameters,
					credentials: {},
					node: before.node,
					workflowId: before.workflowId,
					store: before.store,
				});
				assert.notEqual(new URL(after.url).origin, new URL(before.url).origin);
				assert.equal(new URL(after.url).pathname, new URL(before.url).pathname);
				assert.deepEqual(await after.activate(), { created: true });

				const now = await activeAt(platform, after.url);
				assert.deepEqual(live(platform, before.url), [], "the old URL's subscription is gone");
				assert.deepEqual(live(platform, test.url), [], "so is the old URL's test one");
				assert.equal(live(platform, stranger.url).length, 1, "another node's stays");
				assert.deepEqual(storedUrls(after), [after.url]);
				assert.equal((await deliver(platform, after, old.secret)).status, 401);
				assert.equal((await deliver(platform, after, now.secret)).status, 200);

				await after.deactivate();
				await stranger.deactivate();
				assert.deepEqual(live(platform, after.url), []);
				fx.harness.remove(test);
			} finally {
				await moved.close();
			}
		});
	});

	describe(`${name} Trigger: across versions and keys`, () => {
		it('replaces an entry that holds a secret in the clear, as earlier builds wrote it, at the next activation', async () => {
			const endpoint = trigger(platform);
			const legacySecret = `legacy-${Math.random()}`;
			const answer = await fetch(`${fx.sb.urls[platform]}/webhooks`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${fx.sb.apiKeys[platform]}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify({
					url: endpoint.url,
					events: [eventOf(platform)],
					secret: legacySecret,
				}),
			});
			const created = (await answer.json()) as Subscription;
			await activeAt(platform, endpoint.url);
			endpoint.store.data = {
				[`node:${endpoint.node.name}`]: {
					subscriptions: {
						[endpoint.url]: { id: created.id, secret: legacySecret, events: [eventOf(platform)] },
					},
				},
			};
			assert.deepEqual(await endpoint.activate(), { created: true });
			const replaced = await activeAt(platform, endpoint.url);
			assert.notEqual(replaced.id, created.id);
			assert.ok(!staticText(endpoint).includes(legacySecret), 'the legacy secret');
			await endpoint.deactivate();
		});

		it('after the API key changes, refuses as our own fault, saying what to do, until the next activation sends the new secret', async () => {
			const endpoint = trigger(platform);
			const test = testEndpointOf(endpoint);
			await endpoint.activate();
			await test.activate();
			const before = await activeAt(platform, endpoint.url);
			const beforeAtTest = await activeAt(platform, test.url);
			endpoint.setCredentials({
				[TRIGGERS[platform].credential]: fx.sb.credentials(platform, fx.sb.newApiKey(platform)),
			});

			const refused = await deliver(platform, endpoint, before.secret);
			assert.equal(refused.status, 500, 'the platform retries while it is fixed');
			assert.match(refused.answer, /cannot verify deliveries yet/);
			assert.doesNotMatch(refused.answer, /API key/, 'the sender is not told our set-up');
			// The editor shows the reason.
			assert.equal((await deliver(platform, test, beforeAtTest.secret)).status, 500);
			assert.match(
				test.exchanges.at(-1)?.body ?? '',
				/API key or signing secret changed since the trigger registered its webhook: deactivate and activate the workflow/,
			);

			assert.deepEqual(await endpoint.activate(), { created: true });
			const after = await activeAt(platform, endpoint.url);
			assert.notEqual(after.secret, before.secret);
			assert.equal((await deliver(platform, endpoint, after.secret)).status, 200);
			await test.deactivate();
			await endpoint.deactivate();
			fx.harness.remove(test);
		});
	});
}
