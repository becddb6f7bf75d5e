// The package in n8n's queue mode: main (editor, API, activation), two webhook processes behind
// a round-robin proxy, two workers, Postgres and Redis, each process with the package installed
// as n8n's installer does. Every test activates what it needs, so they run in any order.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { identities } from '../../nodes/platforms/index.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import { startSandbox, type DeliveryResult, type Sandbox } from '../../sandbox/index.mts';
import { waitForSubscriptions } from '../../scripts/demo/setup.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import { portIsFree } from '../../scripts/n8n/ports.mts';
import { startQueueN8n, type QueueN8n } from '../../scripts/n8n/queue.mts';
import { nodeOutput, PACKAGE_NAME, type Execution } from '../../scripts/n8n/server.mts';
import { removeSeenIds, webhookChain, type ChainNode } from '../../scripts/n8n/workflow-json.mts';
import { hasApi } from '../harness/platforms.mts';
import * as e2e from './helpers.mts';
import type { CredentialName, CredentialRef } from './helpers.mts';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

let sb: Sandbox;
let n8n: QueueN8n;
let credentials: Record<CredentialName, CredentialRef>;
const secrets = e2e.dashboardSecrets();
let ports: number[] = [];

before(async () => {
	const install = await ensureN8n();
	if (!install.reused)
		process.stderr.write(`n8n installed in ${install.seconds} s (${install.size})\n`);
	sb = await startSandbox();
	sb.brote.seed({ contacts: 4, conversations: 2, tickets: 2 });
	n8n = await startQueueN8n({ packageDir });
	process.stderr.write(`queue-mode n8n ready in ${n8n.timings.readyMs} ms\n`);
	credentials = await e2e.platformCredentials(n8n, sb, secrets);
	ports = [
		n8n.balancer.port,
		...n8n.processes().map((p) => Number(new URL(p.url).port)),
		n8n.services.postgres.port,
		n8n.services.redis.port,
	];
});

after(async () => {
	await n8n?.stop();
	await sb?.close();
	// Ctrl-C and test teardown take the same path: nothing may be left listening.
	for (const port of ports)
		assert.ok(await portIsFree(port), `port ${port} still in use after stop`);
});

/** Activates a trigger workflow through main and waits until every webhook process has it. */
const activate = (
	platform: PlatformId,
	chain: ChainNode[] = [],
	parameters: Record<string, unknown> = {},
) => e2e.activateTrigger(n8n, credentials, platform, { label: 'queue', chain, parameters });
const subscriptionAt = (platform: PlatformId, url: string) => e2e.subscriptionAt(sb, platform, url);
const signing = (platform: PlatformId, url: string) => e2e.signing(sb, secrets, platform, url);

/** One signed Horneross event, sent once: the platform's retries are the test's to send. */
function sendLead(url: string): Promise<DeliveryResult> {
	return sb.deliver({
		platform: 'horneross',
		type: 'lead.captured',
		url,
		secret: secrets.horneross!,
		retry: false,
	});
}

/** The processes whose log says they ran the execution (n8n's "Worker started execution N"). */
function ranOn(execution: Execution): string[] {
	const started = `started execution ${execution.id} `;
	return n8n
		.processes()
		.filter((p) => p.logs.some((line) => line.includes(started)))
		.map((p) => p.name);
}

describe('trigger lifecycle in queue mode', () => {
	test("activation through main registers one subscription per trigger, not one per process; NotMeta's challenge is answered", async () => {
		const before = {
			brote: sb.subscriptions('brote').length,
			notmeta: sb.subscriptions('notmeta').length,
		};
		const [brote, notmeta] = await Promise.all([activate('brote'), activate('notmeta')]);
		await waitForSubscriptions(sb, [
			{ platform: 'brote', url: brote.url },
			{ platform: 'notmeta', url: notmeta.url },
		]);
		// A second registration (by a webhook process or a worker) would come later: give it time.
		await sleep(2000);
		assert.equal(sb.subscriptions('brote').length, before.brote + 1);
		assert.equal(sb.subscriptions('notmeta').length, before.notmeta + 1);
		assert.equal(subscriptionAt('notmeta', notmeta.url).status, 'active');
		const subscriptionId = subscriptionAt('notmeta', notmeta.url).id;
		const challenge = sb.deliveries.find(
			(attempt) => attempt.subscriptionId === subscriptionId && attempt.type === 'webhook.verified',
		);
		assert.equal(challenge?.status, 200);
		assert.equal((await n8n.executions(notmeta.id)).length, 0);

		await n8n.deactivate(brote.id);
		await n8n.deactivate(notmeta.id);
		await Promise.all([n8n.waitForWebhookGone(brote.path), n8n.waitForWebhookGone(notmeta.path)]);
		const deadline = Date.now() + 30_000;
		const left = () =>
			sb.subscriptions('brote').filter((s) => s.url === brote.url).length +
			sb.subscriptions('notmeta').filter((s) => s.url === notmeta.url).length;
		while (left() > 0 && Date.now() < deadline) await sleep(200);
		assert.equal(left(), 0, 'subscriptions left after deactivation');
	});
});

describe('deliveries through the proxy', () => {
	for (const platform of Object.keys(e2e.EVENTS) as PlatformId[]) {
		test(`${platform}: each signed event runs once, on a worker, with the typed item; a forged one gets 401 and no run`, async () => {
			const trigger = await activate(platform);
			if (hasApi(platform)) await waitForSubscriptions(sb, [{ platform, url: trigger.url }]);
			const { secret, subscriptionId } = signing(platform, trigger.url);
			const occurredAt = new Date(Date.now() - 60_000).toISOString();
			const sent: Array<{ delivery: DeliveryResult; type: string }> = [];
			for (const type of e2e.EVENTS[platform]) {
				const delivery = await sb.deliver({
					platform,
					type,
					url: trigger.url,
					secret,
					subscriptionId,
					occurredAt,
				});
				assert.equal(delivery.ok, true, JSON.stringify(delivery.attempts));
				sent.push({ delivery, type });
			}
			const forged = await sb.deliver({
				platform,
				type: e2e.EVENTS[platform][0],
				url: trigger.url,
				secret,
				subscriptionId,
				badSignature: true,
				retry: false,
			});
			assert.equal(forged.attempts[0]?.status, 401);

			const runs = await e2e.executionsOf(n8n, trigger.id, sent.length);
			assert.equal(runs.length, sent.length);
			runs.forEach((run, index) => {
				const { delivery, type } = sent[index]!;
				assert.equal(run.status, 'success');
				assert.equal(run.mode, 'webhook');
				assert.deepEqual(
					e2e.triggerItem(run),
					e2e.expectedItem(platform, delivery, type, occurredAt),
				);
				const where = ranOn(run);
				assert.equal(
					where.length,
					1,
					`execution ${run.id} found in ${where.join(', ') || 'no log'}`,
				);
				assert.match(where[0]!, /^worker-/);
			});
			await n8n.deactivate(trigger.id);
		});
	}
});

describe('Brote actions on workers', () => {
	test('a Brote node workflow run by a worker creates contacts and moves a ticket in Brote', async () => {
		const path = `queue-actions-${randomUUID().slice(0, 8)}`;
		const workflow = webhookChain(
			`queue Brote actions ${path}`,
			path,
			e2e.contactsAndTicketChain(credentials.brote, 'queue', 'won'),
		);
		const [id] = await n8n.importAndActivate([workflow]);
		await n8n.waitForWebhook(path);
		const ticket = [...sb.brote.tickets.values()].find((candidate) => candidate.stage !== 'won')!;
		const people = [
			{ name: 'Queue Uno', phone: '+56940000001' },
			{ name: 'Queue Dos', phone: '+56940000002' },
		];
		const answer = await e2e.postJson(`${n8n.url}/webhook/${path}`, {
			contacts: people,
			ticket_id: ticket.id,
		});
		assert.equal(answer.status, 200, answer.text);
		const created = [...sb.brote.contacts.values()].filter((contact) =>
			contact.tags.includes('queue'),
		);
		assert.deepEqual(
			created.map(({ name, phone }) => ({ name, phone })),
			people,
		);
		assert.equal(sb.brote.tickets.get(ticket.id)?.stage, 'won');
		const [run] = await e2e.executionsOf(n8n, id!, 1, { settleMs: 0 });
		assert.equal(run!.status, 'success');
		assert.equal(nodeOutput(run!, 'Create contacts').length, 2);
		assert.match(ranOn(run!)[0] ?? '', /^worker-/);
		await n8n.deactivate(id!);
	});
});

describe('the activation window', () => {
	test('a Brote event sent as soon as the subscription exists verifies at once on a webhook process, and runs once', async () => {
		const { triggerNode: type, credential: credentialType } = identities.brote;
		const trigger = e2e.triggerWorkflow(
			'queue Brote activation window',
			type,
			{ type: credentialType, ref: credentials.brote },
			{ events: ['contact.created'] },
		);
		const url = `${n8n.url}/webhook/${trigger.path}`;
		// Brote delivers the moment it has the subscription, and answers the call that created it
		// 1.5 s later: until then n8n has saved nothing of the subscription. The secret sent is
		// derived from the API key and the URL, so a webhook process needs nothing saved to check it.
		sb.faults.set({ platform: 'brote', answerDelayMs: 1500 });
		const published = [];
		let id: string | undefined;
		try {
			const activated = n8n.importAndActivate([trigger.workflow]);
			const deadline = Date.now() + 60_000;
			while (!sb.subscriptions('brote').some((s) => s.url === url) && Date.now() < deadline)
				await sleep(5);
			for (let i = 0; i < 5; i++) {
				published.push(
					sb.emit('brote', 'contact.created', {
						contact: { id: `c-window-${i}`, name: `Window ${i}` },
					}),
				);
				await sleep(100);
			}
			[id] = await activated;
		} finally {
			sb.faults.clear();
		}
		const results = (await Promise.all(published.map((event) => event.done))).flat();
		assert.equal(results.length, published.length);
		assert.ok(
			results.every((result) => result.ok),
			JSON.stringify(results.map((r) => r.attempts)),
		);
		const statuses = results.flatMap((result) => result.attempts.map((attempt) => attempt.status));
		process.stderr.write(`activation window: attempt statuses ${statuses.join(',')}\n`);
		assert.deepEqual(
			statuses,
			published.map(() => 200),
			'each answered 200 at its first attempt: no window in which the secret is unknown',
		);
		const runs = await e2e.executionsOf(n8n, id!, published.length);
		assert.equal(runs.length, published.length);
		await n8n.deactivate(id!);
	});
});

describe('retries that reach another webhook process', () => {
	test('the same delivery sent to both webhook processes runs twice; behind Remove Duplicates its side effect happens once', async () => {
		const createContact = (tag: string): ChainNode => ({
			name: 'Create contact',
			type: `${PACKAGE_NAME}.brote`,
			credentials: { broteApi: credentials.brote },
			parameters: {
				resource: 'contact',
				operation: 'create',
				name: '={{ $json.id }}',
				phone: '+56950000000',
				additionalFields: { tags: tag },
			},
		});
		const plain = await activate('horneross', [createContact('side-effect-plain')]);
		const guarded = await activate('horneross', [
			removeSeenIds(),
			createContact('side-effect-guarded'),
		]);
		const [a, b] = n8n.processes('webhook').map((p) => p.url);
		for (const trigger of [plain, guarded]) {
			const delivery = await sendLead(trigger.url);
			assert.equal(delivery.ok, true);
			// The platform's retries, each reaching a different process: A, B, A, B.
			for (const base of [a, b, a, b]) {
				const again = await fetch(`${base}/webhook/${trigger.path}`, {
					method: 'POST',
					headers: delivery.headers,
					body: delivery.body,
				});
				assert.equal(again.status, 200, await again.text());
			}
		}
		const sideEffects = (tag: string) =>
			[...sb.brote.contacts.values()].filter((contact) => contact.tags.includes(tag)).length;
		await e2e.executionsOf(n8n, plain.id, 2);
		await e2e.executionsOf(n8n, guarded.id, 2);
		assert.equal(
			sideEffects('side-effect-plain'),
			2,
			'without Remove Duplicates: once per webhook process',
		);
		assert.equal(sideEffects('side-effect-guarded'), 1, 'with Remove Duplicates: once');
		await n8n.deactivate(plain.id);
		await n8n.deactivate(guarded.id);
	});
});

describe('a process without the package', () => {
	test('a webhook process refuses the delivery; a worker loses the event after the platform was told 200', async () => {
		const trigger = await activate('horneross');
		const bare = await n8n.addProcess('webhook', { withPackage: false });
		try {
			const delivery = await sendLead(`${bare.url}/webhook/${trigger.path}`);
			const status = delivery.attempts[0]?.status ?? 0;
			assert.ok(status >= 400, `a webhook process without the package answered ${status}`);
			assert.match(delivery.attempts[0]?.answer ?? '', /Unrecognized node type/);
		} finally {
			await bare.stop();
		}

		const workers = n8n.processes('worker');
		await Promise.all(workers.map((worker) => worker.stop()));
		const bareWorker = await n8n.addProcess('worker', { withPackage: false });
		try {
			const delivery = await sendLead(trigger.url);
			assert.equal(
				delivery.attempts[0]?.status,
				200,
				'the webhook process answered before any worker ran it',
			);
			const [run] = await e2e.executionsOf(n8n, trigger.id, 1, { settleMs: 0 });
			assert.notEqual(run!.status, 'success');
		} finally {
			await bareWorker.stop();
			await Promise.all(workers.map(() => n8n.addProcess('worker')));
			await n8n.deactivate(trigger.id);
		}
	});
});
