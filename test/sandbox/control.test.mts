import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { pythonHmac } from '../harness/python-hmac.mts';
import { type Receiver, startReceiver } from '../harness/receiver.mts';
import { client } from './helpers.mts';

describe('control API', () => {
	let sb: Sandbox;
	let receiver: Receiver;
	let control: ReturnType<typeof client>;
	before(async () => {
		sb = await startSandbox();
		receiver = await startReceiver();
		control = client(sb.controlUrl);
	});
	after(async () => {
		await sb.close();
		await receiver.close();
	});

	test('POST /deliver sends a signed catalog event and answers the attempts', async () => {
		const answer = await control('POST', '/deliver', {
			platform: 'buzzbip',
			type: 'contact.created',
			url: receiver.url,
			secret: 'bz',
			pretty: true,
			duplicate: true,
		});
		assert.equal(answer.status, 200);
		assert.equal(answer.body.ok, true);
		assert.equal(answer.body.attempts.length, 2);
		assert.equal(receiver.received.length, 2);
		const sent = receiver.received[0];
		assert.equal(sent.body.toString('utf8'), answer.body.body);
		const [digest] = await pythonHmac([{ secret: 'bz', body: sent.body }]);
		assert.equal(sent.headers['x-buzzbip-signature'], digest);
	});

	test('POST /deliver takes raw bodies as text or base64, and rejects unknown platforms', async () => {
		const bytes = Buffer.from([0x7b, 0x7d, 0x0a, 0xff]);
		await control('POST', '/deliver', {
			platform: 'cablenetai',
			type: 'x.y',
			url: receiver.url,
			secret: 's',
			rawBodyBase64: bytes.toString('base64'),
		});
		assert.ok(receiver.received.at(-1)!.body.equals(bytes));
		await control('POST', '/deliver', {
			platform: 'cablenetai',
			type: 'x.y',
			url: receiver.url,
			secret: 's',
			rawBody: 'plain text',
		});
		assert.equal(receiver.received.at(-1)!.body.toString(), 'plain text');
		assert.equal(
			(
				await control('POST', '/deliver', {
					platform: 'nope',
					type: 'a',
					url: receiver.url,
					secret: 's',
				})
			).status,
			422,
		);
		assert.equal(
			(
				await control('POST', '/deliver', {
					platform: 'brote',
					type: 'a',
					url: 'file:///etc/passwd',
					secret: 's',
				})
			).status,
			422,
		);
	});

	test('seed, state, requests, api keys and emit', async () => {
		const seeded = await control('POST', '/seed', { contacts: 20, conversations: 5, tickets: 4 });
		assert.equal(seeded.body.contacts, 20);
		assert.equal(seeded.body.tickets, 4);
		assert.equal((await control('POST', '/seed', { contacts: -1 })).status, 422);

		const key = (await control('POST', '/api-keys', { platform: 'brote' })).body.key;
		assert.equal((await client(sb.urls.brote, key)('GET', '/contacts')).status, 200);
		const requests = await control('GET', '/requests');
		assert.equal(requests.body.data.at(-1).path, '/brote/v1/contacts');

		await client(sb.urls.notmeta, sb.apiKeys.notmeta)('POST', '/webhooks', {
			url: receiver.url,
			events: ['user.online'],
		});
		const state = await control('GET', '/state');
		assert.equal(state.body.brote.contacts, 20);
		assert.equal(state.body.subscriptions.notmeta.length, 1);

		const emitted = await control('POST', '/notmeta/emit', { type: 'user.online' });
		assert.equal(emitted.status, 202);
		assert.deepEqual(emitted.body.subscriptions, [], 'the subscription is not verified');
		const deliveries = await control('GET', '/deliveries');
		assert.ok(deliveries.body.data.some((d: any) => d.type === 'webhook.verified'));
	});
});
