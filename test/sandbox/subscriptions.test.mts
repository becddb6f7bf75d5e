import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { profiles } from '../../nodes/platforms/index.ts';
import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { pythonHmac } from '../harness/python-hmac.mts';
import { type Receiver, type Received, startReceiver } from '../harness/receiver.mts';
import { client, until } from './helpers.mts';

function json(r: Received): any {
	return JSON.parse(r.body.toString('utf8'));
}

describe('subscription APIs', () => {
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

	for (const platform of ['brote', 'notmeta'] as const) {
		test(`${platform}: create, list, get, delete; invalid bodies are 422`, async () => {
			const call = client(sb.urls[platform], sb.apiKeys[platform]);
			const events = Object.keys(profiles[platform].events).slice(0, 2);
			const created = await call('POST', '/webhooks', {
				url: receiver.url,
				events,
				secret: 'mine',
			});
			assert.equal(created.status, 201);
			const sub = created.body;
			assert.deepEqual(Object.keys(sub).sort(), [
				'created_at',
				'events',
				'id',
				'secret',
				'status',
				'url',
			]);
			assert.deepEqual([sub.url, sub.events, sub.secret], [receiver.url, events, 'mine']);

			const generated = await call('POST', '/webhooks', { url: receiver.url, events });
			assert.match(generated.body.secret, /^whsec_[0-9a-f]{48}$/);

			const list = await call('GET', '/webhooks');
			assert.deepEqual(
				list.body.data.map((s: any) => s.id),
				[sub.id, generated.body.id],
			);
			assert.equal(list.body.next_cursor, null);
			assert.equal((await call('GET', `/webhooks/${sub.id}`)).body.id, sub.id);
			assert.equal((await call('DELETE', `/webhooks/${sub.id}`)).status, 204);
			assert.equal((await call('GET', `/webhooks/${sub.id}`)).status, 404);
			assert.equal((await call('DELETE', `/webhooks/${sub.id}`)).status, 404);
			assert.deepEqual(
				sb.subscriptions(platform).map((s) => s.id),
				[generated.body.id],
			);

			for (const body of [
				{ url: 'ftp://example.com/hook', events },
				{ url: 'not a url', events },
				{ events },
				{ url: receiver.url, events: [] },
				{ url: receiver.url },
				{ url: receiver.url, events: ['no.such.event'] },
			]) {
				const answer = await call('POST', '/webhooks', body);
				assert.equal(answer.status, 422, JSON.stringify(body));
				assert.equal(answer.body.error.code, 'validation_error');
			}
			assert.equal((await call('GET', '/webhooks', undefined, 'wrong')).status, 401);
		});
	}

	test('a Brote subscription is active at once; NotMeta waits for its challenge', async () => {
		const brote = await client(sb.urls.brote, sb.apiKeys.brote)('POST', '/webhooks', {
			url: receiver.url,
			events: ['contact.created'],
		});
		assert.equal(brote.body.status, 'active');
		const notmeta = await client(sb.urls.notmeta, sb.apiKeys.notmeta)('POST', '/webhooks', {
			url: receiver.url,
			events: ['message.received'],
		});
		assert.equal(notmeta.body.status, 'pending_verification');
	});
});

describe('NotMeta challenge handshake', () => {
	let sb: Sandbox;
	let echo: Receiver;
	let ok: Receiver;
	before(async () => {
		sb = await startSandbox();
		echo = await startReceiver((r) => {
			const body = json(r);
			return body.type === 'webhook.verified'
				? { status: 200, body: body.data.challenge }
				: { status: 200, body: 'OK' };
		});
		ok = await startReceiver(() => ({ status: 200, body: 'OK' }));
	});
	after(async () => {
		await sb.close();
		await echo.close();
		await ok.close();
	});

	test('echoing the challenge activates the subscription; the challenge is signed', async () => {
		const call = client(sb.urls.notmeta, sb.apiKeys.notmeta);
		const created = await call('POST', '/webhooks', {
			url: echo.url,
			events: ['message.received'],
			secret: 'nm_secret',
		});
		await until(() => sb.subscriptions('notmeta')[0]?.status === 'active');
		assert.equal((await call('GET', `/webhooks/${created.body.id}`)).body.status, 'active');

		const [challenge] = echo.received;
		const body = json(challenge);
		assert.equal(body.type, profiles.notmeta.handshake!.eventType);
		assert.equal(body.data.webhook_id, created.body.id);
		assert.match(body.data.challenge, /^[0-9a-f]{32}$/);
		const [digest] = await pythonHmac([{ secret: 'nm_secret', body: challenge.body }]);
		assert.equal(challenge.headers['x-notmeta-signature'], `sha256=${digest}`);

		const logs = await call('GET', `/webhooks/${created.body.id}/logs`);
		assert.equal(logs.body.data.length, 1);
		assert.equal(logs.body.data[0].status, 200);
		assert.equal(logs.body.data[0].ok, true);
	});

	test('a 200 without the challenge fails the verification, and it gets no events', async () => {
		const call = client(sb.urls.notmeta, sb.apiKeys.notmeta);
		const created = await call('POST', '/webhooks', { url: ok.url, events: ['message.received'] });
		await sb.waitForIdle();
		assert.equal(ok.received.length, 1, 'a 200 with another body is final');
		assert.equal((await call('GET', `/webhooks/${created.body.id}`)).body.status, 'failed');
		const stats = await call('GET', `/webhooks/${created.body.id}/stats`);
		assert.equal(stats.body.attempts_failed, 1);
		assert.equal(stats.body.attempts_succeeded, 0);

		const published = sb.emit('notmeta', 'message.received');
		assert.equal(published.subscriptionIds.length, 1, 'only the verified subscription');
		await published.done;
		assert.equal(ok.received.length, 1);
		const event = json(echo.received.at(-1)!);
		assert.equal(event.type, 'message.received');
		assert.deepEqual(event.data, profiles.notmeta.events['message.received'].sample);
	});

	test('with ownWebhookSecret, NotMeta answers its own whsec_ secret and signs with it', async () => {
		const call = client(sb.urls.notmeta, sb.apiKeys.notmeta);
		sb.faults.set({ platform: 'notmeta', ownWebhookSecret: true });
		try {
			const created = await call('POST', '/webhooks', {
				url: echo.url,
				events: ['message.received'],
				secret: 'sent_by_caller',
			});
			assert.match(created.body.secret, /^whsec_[0-9a-f]{48}$/);
			await sb.waitForIdle();
			const challenge = echo.received.at(-1)!;
			assert.equal(json(challenge).data.webhook_id, created.body.id);
			const [digest] = await pythonHmac([{ secret: created.body.secret, body: challenge.body }]);
			assert.equal(challenge.headers['x-notmeta-signature'], `sha256=${digest}`);
			assert.equal((await call('GET', `/webhooks/${created.body.id}`)).body.status, 'active');
			await call('DELETE', `/webhooks/${created.body.id}`);
		} finally {
			sb.faults.clear();
		}
	});

	test('with failVerification, the next subscription fails at once and gets no challenge', async () => {
		const call = client(sb.urls.notmeta, sb.apiKeys.notmeta);
		sb.faults.set({ platform: 'notmeta', failVerification: 1 });
		const before = echo.received.length;
		const failed = await call('POST', '/webhooks', { url: echo.url, events: ['user.created'] });
		const next = await call('POST', '/webhooks', { url: echo.url, events: ['user.created'] });
		await sb.waitForIdle();
		assert.equal((await call('GET', `/webhooks/${failed.body.id}`)).body.status, 'failed');
		assert.equal((await call('GET', `/webhooks/${next.body.id}`)).body.status, 'active');
		assert.equal(echo.received.length, before + 1, 'only the second one was challenged');
		for (const { body } of [failed, next]) await call('DELETE', `/webhooks/${body.id}`);
		sb.faults.clear();
	});
});

test('a challenge that fails is retried on the schedule until it is echoed', async () => {
	const sb = await startSandbox({ timeScale: 0.0001 });
	const late = await startReceiver((r, i) =>
		i < 2 ? { status: 503 } : { status: 200, body: json(r).data.challenge },
	);
	try {
		const call = client(sb.urls.notmeta, sb.apiKeys.notmeta);
		const created = await call('POST', '/webhooks', { url: late.url, events: ['user.created'] });
		await sb.waitForIdle();
		assert.equal(late.received.length, 3);
		assert.equal((await call('GET', `/webhooks/${created.body.id}`)).body.status, 'active');
		const logs = await call('GET', `/webhooks/${created.body.id}/logs`);
		assert.deepEqual(
			logs.body.data.map((l: { status: number }) => l.status),
			[503, 503, 200],
		);
	} finally {
		await sb.close();
		await late.close();
	}
});

describe('events from the Brote API reach its subscribers', () => {
	let sb: Sandbox;
	let receiver: Receiver;
	let narrow: Receiver;
	const SECRET = 'brote_hook_secret';
	before(async () => {
		sb = await startSandbox();
		sb.brote.seed({ contacts: 5, conversations: 3, tickets: 3 });
		receiver = await startReceiver();
		narrow = await startReceiver();
		const call = client(sb.urls.brote, sb.apiKeys.brote);
		await call('POST', '/webhooks', {
			url: receiver.url,
			events: Object.keys(profiles.brote.events),
			secret: SECRET,
		});
		await call('POST', '/webhooks', { url: narrow.url, events: ['ticket.won'], secret: 'other' });
	});
	after(async () => {
		await sb.close();
		await receiver.close();
		await narrow.close();
	});

	async function next(type: string): Promise<any> {
		await until(() => receiver.received.some((r) => json(r).event === type));
		return json(receiver.received.find((r) => json(r).event === type)!);
	}

	test('REST writes and control actions emit the matching events', async () => {
		const call = client(sb.urls.brote, sb.apiKeys.brote);
		const control = client(sb.controlUrl);

		const contact = (await call('POST', '/contacts', { name: 'Luz Ortega', phone: '+56933334444' }))
			.body;
		assert.deepEqual((await next('contact.created')).data, { contact });

		await call('PATCH', `/contacts/${contact.id}`, { email: 'luz@ejemplo.cl', opted_out: true });
		const updated = await next('contact.updated');
		assert.deepEqual(updated.data.changed_fields.sort(), ['email', 'opted_out']);
		assert.equal((await next('contact.opted_out')).data.contact.id, contact.id);

		const conversation = [...sb.brote.conversations.values()][0];
		const message = (
			await call('POST', `/conversations/${conversation.id}/messages`, {
				type: 'text',
				text: 'Hola',
			})
		).body;
		const sent = await next('message.sent');
		assert.deepEqual(sent.data.message, message);
		assert.equal(sent.data.contact.id, conversation.contact_id);

		await control('POST', `/brote/conversations/${conversation.id}/messages`, {
			text: '¿Tienen horario el sábado?',
		});
		assert.equal((await next('message.received')).data.message.direction, 'inbound');

		const ticket = [...sb.brote.tickets.values()][0];
		const from = ticket.stage;
		await call('PATCH', `/tickets/${ticket.id}/stage`, { stage: 'won' });
		const changed = await next('ticket.stage_changed');
		assert.deepEqual([changed.data.from_stage, changed.data.to_stage], [from, 'won']);
		assert.equal((await next('ticket.won')).data.ticket.status, 'won');

		const link = (
			await call('POST', '/payments/links', {
				amount: 49000,
				currency: 'CLP',
				contact_id: ticket.contact_id,
				external_reference: ticket.id,
			})
		).body;
		assert.equal(
			receiver.received.some((r) => json(r).event === 'payment.received'),
			false,
		);
		await control('POST', `/brote/payments/${link.id}/pay`);
		const payment = await next('payment.received');
		assert.deepEqual(
			Object.keys(payment.data),
			Object.keys(profiles.brote.events['payment.received'].sample as object),
		);
		assert.equal(payment.data.amount, 49000);
		assert.equal(payment.data.external_reference, ticket.id);

		const campaign = (
			await call('POST', '/campaigns', {
				name: 'Mayo',
				message: 'Hola',
				audience: { tags: ['cliente', 'lead'] },
			})
		).body;
		await sb.waitForIdle();
		assert.equal(
			receiver.received.some((r) => json(r).event === 'campaign.completed'),
			false,
			'creating a campaign sends nothing',
		);
		await control('POST', `/brote/campaigns/${campaign.id}/complete`);
		const completed = await next('campaign.completed');
		assert.equal(completed.data.campaign.status, 'completed');
		assert.ok(completed.data.stats.recipients > 0);

		await sb.waitForIdle();
		const digests = await pythonHmac(
			receiver.received.map((r) => ({ secret: SECRET, body: r.body })),
		);
		receiver.received.forEach((r, i) =>
			assert.equal(r.headers['x-brote-signature'], `sha256=${digests[i]}`),
		);
		assert.ok(
			receiver.received.every(
				(r) => Object.keys(json(r)).join() === 'event,timestamp,organization_id,data',
			),
		);

		assert.deepEqual(
			narrow.received.map((r) => json(r).event),
			['ticket.won'],
		);
	});

	test('the delivery log is readable per subscription', async () => {
		const call = client(sb.urls.brote, sb.apiKeys.brote);
		const [all] = sb.subscriptions('brote');
		const deliveries = await call('GET', `/webhooks/${all.id}/deliveries?limit=100`);
		assert.equal(deliveries.status, 200);
		assert.equal(deliveries.body.data.length, receiver.received.length);
		const entry = deliveries.body.data[0];
		for (const field of [
			'platform',
			'subscriptionId',
			'eventId',
			'type',
			'attempt',
			'status',
			'latencyMs',
			'answer',
			'at',
		]) {
			assert.ok(field in entry, field);
		}
		assert.equal(entry.subscriptionId, all.id);
		assert.equal(entry.answer, 'OK');
	});
});
