// The subscription lifecycle of the Brote and NotMeta triggers against the sandbox's
// subscription API, run through n8n-core's HookContext with n8n's own arguments.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import type { Sandbox } from '../../sandbox/index.mts';
import type { TriggerEndpoint } from '../harness/webhook.mts';
import { type TriggerFixture, triggerFixture } from './trigger-fixture.mts';

type ApiPlatform = 'brote' | 'notmeta';

let fx: TriggerFixture;
before(async () => {
	fx = await triggerFixture();
});
after(async () => {
	await fx.close();
});

function live(sb: Sandbox, platform: ApiPlatform, url?: string) {
	return sb.subscriptions(platform).filter((s) => url === undefined || s.url === url);
}

function stored(endpoint: TriggerEndpoint): Record<string, { id: string; events: string[] }> {
	const node = endpoint.store.data[`node:${endpoint.node.name}`] as
		| { subscriptions?: never }
		| undefined;
	return node?.subscriptions ?? {};
}

async function removeRemotely(platform: ApiPlatform, id: string): Promise<void> {
	const response = await fetch(`${fx.sb.urls[platform]}/webhooks/${id}`, {
		method: 'DELETE',
		headers: { authorization: `Bearer ${fx.sb.apiKeys[platform]}` },
	});
	assert.equal(response.status, 204);
}

async function settled(platform: ApiPlatform, url: string): Promise<void> {
	if (platform !== 'notmeta') return;
	for (
		let waited = 0;
		!live(fx.sb, platform, url).every((s) => s.status === 'active');
		waited += 10
	) {
		if (waited > 5_000) throw new Error('the NotMeta challenge was not answered');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

for (const platform of ['brote', 'notmeta'] as const) {
	const profile = profiles[platform];
	const [a, b] = Object.keys(profile.events).filter(
		(type) => type !== profile.handshake?.eventType,
	);

	describe(`${profile.displayName} Trigger subscription`, () => {
		it('creates the subscription with a 32-byte secret kept nowhere in the static data, finds it, and deletes it', async () => {
			const endpoint = fx.endpoint(platform, { events: [b, a] });
			assert.deepEqual(await endpoint.activate(), { created: true });
			await settled(platform, endpoint.url);
			const [subscription, ...more] = live(fx.sb, platform, endpoint.url);
			assert.equal(more.length, 0);
			assert.deepEqual(subscription.events, [a, b].sort());
			assert.match(subscription.secret, /^[0-9a-f]{64}$/);
			assert.equal(subscription.status, 'active');
			const entry = stored(endpoint)[endpoint.url];
			assert.equal(entry.id, subscription.id);
			assert.deepEqual(entry.events, [a, b].sort());
			assert.ok(!JSON.stringify(endpoint.store.data).includes(subscription.secret), 'no secret');
			assert.equal(endpoint.runs.length, 0, 'the handshake starts no run');

			assert.deepEqual(await endpoint.activate(), { created: false });
			assert.equal(live(fx.sb, platform, endpoint.url).length, 1);

			await endpoint.deactivate();
			assert.equal(live(fx.sb, platform, endpoint.url).length, 0);
			assert.deepEqual(stored(endpoint), {});
		});

		it("registers with the credential's secret when one is set", async () => {
			const endpoint = fx.endpoint(
				platform,
				{ events: [a] },
				{ secrets: { webhookSecret: 'chosen-by-user' } },
			);
			await endpoint.activate();
			assert.equal(live(fx.sb, platform, endpoint.url)[0].secret, 'chosen-by-user');
			await endpoint.deactivate();
		});

		it('subscribes to every catalog event for "All Events"', async () => {
			const endpoint = fx.endpoint(platform, { events: ['*'] });
			await endpoint.activate();
			assert.deepEqual(
				live(fx.sb, platform, endpoint.url)[0].events,
				Object.keys(profile.events).sort(),
			);
			await endpoint.deactivate();
		});

		it('re-creates a subscription deleted remotely', async () => {
			const endpoint = fx.endpoint(platform, { events: [a] });
			await endpoint.activate();
			const [first] = live(fx.sb, platform, endpoint.url);
			await removeRemotely(platform, first.id);
			assert.deepEqual(await endpoint.activate(), { created: true });
			const [second, ...more] = live(fx.sb, platform, endpoint.url);
			assert.equal(more.length, 0);
			assert.notEqual(second.id, first.id);
			assert.equal(stored(endpoint)[endpoint.url].id, second.id);
			await endpoint.deactivate();
			assert.equal(live(fx.sb, platform, endpoint.url).length, 0);
		});

		it('replaces the subscription when the selected events change, leaving no orphan', async () => {
			const endpoint = fx.endpoint(platform, { events: [a] });
			await endpoint.activate();
			endpoint.setParameters({ events: [a, b] });
			assert.deepEqual(await endpoint.activate(), { created: true });
			const subscriptions = live(fx.sb, platform, endpoint.url);
			assert.equal(subscriptions.length, 1);
			assert.deepEqual(subscriptions[0].events, [a, b].sort());
			await endpoint.deactivate();
		});

		it('treats a 404 on delete as already gone', async () => {
			const endpoint = fx.endpoint(platform, { events: [a] });
			await endpoint.activate();
			await removeRemotely(platform, live(fx.sb, platform, endpoint.url)[0].id);
			await endpoint.deactivate();
			assert.deepEqual(stored(endpoint), {});
		});

		it('removes its subscription even when the static data was lost before it was saved', async () => {
			const endpoint = fx.endpoint(platform, { events: [a] });
			await endpoint.activate();
			const [subscription] = live(fx.sb, platform, endpoint.url);
			endpoint.store.data = {};
			// The secret sent is derived from the credential and the URL, so it needs no static data.
			const delivered = await fx.sb.deliver({
				platform,
				type: a,
				url: endpoint.url,
				secret: subscription.secret,
				retry: false,
			});
			assert.equal(delivered.attempts[0].status, 200);
			assert.equal(endpoint.runs.length, 1);
			await endpoint.deactivate();
			assert.equal(live(fx.sb, platform, endpoint.url).length, 0);
		});

		for (const shared of [false, true]) {
			it(`keeps separate subscriptions for the test and production URLs${shared ? ' (one static data for both, as old n8n had)' : ''}`, async () => {
				const production = fx.endpoint(platform, { events: [a] });
				const test = fx.harness.endpoint({
					type: production.node.type,
					parameters: production.node.parameters,
					credentials: {},
					node: production.node,
					test: true,
					...(shared ? { store: production.store } : {}),
				});
				assert.notEqual(test.url, production.url);
				await production.activate();
				await test.activate();
				await settled(platform, test.url);
				assert.equal(live(fx.sb, platform, production.url).length, 1);
				assert.equal(live(fx.sb, platform, test.url).length, 1);

				const secret = live(fx.sb, platform, test.url)[0].secret;
				const delivered = await fx.sb.deliver({
					platform,
					type: a,
					url: test.url,
					secret,
					retry: false,
				});
				assert.equal(delivered.attempts[0].status, 200);
				assert.equal(test.runs.length, 1);

				await test.deactivate();
				assert.equal(live(fx.sb, platform, test.url).length, 0);
				assert.equal(live(fx.sb, platform, production.url).length, 1);
				assert.deepEqual(await production.activate(), { created: false });
				await production.deactivate();
				assert.equal(live(fx.sb, platform, production.url).length, 0);
				fx.harness.remove(test);
			});
		}

		it('leaves no orphan after 100 activate/deactivate cycles', async () => {
			const endpoint = fx.endpoint(platform, { events: [a] });
			const before = live(fx.sb, platform).length;
			const ids = new Set<string>();
			for (let cycle = 0; cycle < 100; cycle++) {
				await endpoint.activate();
				ids.add(stored(endpoint)[endpoint.url].id);
				await endpoint.deactivate();
			}
			await fx.sb.waitForIdle();
			assert.equal(ids.size, 100);
			assert.equal(live(fx.sb, platform).length, before);
			assert.equal(live(fx.sb, platform, endpoint.url).length, 0);
		});

		it("surfaces a refused API call as a node error with the platform's message", async () => {
			const endpoint = fx.endpoint(platform, { events: [a] });
			endpoint.setCredentials({
				[platform === 'brote' ? 'broteApi' : 'notMetaApi']: {
					apiKey: 'wrong',
					baseUrl: fx.sb.urls[platform],
				},
			});
			await assert.rejects(endpoint.activate(), (error: Error & { httpCode?: string }) => {
				assert.equal(error.httpCode, '401');
				assert.match(error.message, /API key/);
				return true;
			});
			assert.equal(live(fx.sb, platform, endpoint.url).length, 0);
		});
	});
}

describe('Brote Trigger with manual registration', () => {
	it('makes no API call and verifies with the credential secret', async () => {
		const endpoint = fx.endpoint(
			'brote',
			{ registration: 'manual', events: ['contact.created'] },
			{ secrets: { webhookSecret: 'from-dashboard' } },
		);
		fx.sb.resetRequests();
		assert.deepEqual(await endpoint.activate(), { created: false });
		await endpoint.deactivate();
		assert.equal(fx.sb.requests.length, 0);
		const ok = await fx.sb.deliver({
			platform: 'brote',
			type: 'contact.created',
			url: endpoint.url,
			secret: 'from-dashboard',
			retry: false,
		});
		assert.equal(ok.attempts[0].status, 200);
		assert.equal(endpoint.runs.length, 1);
	});

	it('removes the subscription it created before the switch from automatic', async () => {
		const endpoint = fx.endpoint(
			'brote',
			{ events: ['contact.created'] },
			{ secrets: { webhookSecret: 'shared' } },
		);
		await endpoint.activate();
		assert.equal(live(fx.sb, 'brote', endpoint.url).length, 1);
		endpoint.setParameters({ registration: 'manual', events: ['contact.created'] });
		assert.deepEqual(await endpoint.activate(), { created: false });
		assert.equal(live(fx.sb, 'brote', endpoint.url).length, 0);
		assert.deepEqual(stored(endpoint), {});
	});
});
