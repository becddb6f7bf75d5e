// The package inside a real n8n server (the pinned version, installed on first use), driven
// only through n8n's public interfaces, against the sandbox platforms. One server serves every
// case in this file; each test activates what it needs, so they run in any order or alone.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { profiles } from '../../nodes/platforms/index.ts';
import { defaultMaxEventAgeMinutes } from '../../nodes/trigger/freshness.ts';
import { RETRY_LATER } from '../../nodes/trigger/refusal.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.mts';
import { EXAMPLES_DIR, loadExamples } from '../../scripts/demo/examples.mts';
import { waitForSubscriptions } from '../../scripts/demo/setup.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import { nodeOutput, PACKAGE_NAME, startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { splitOut, webhookChain, type CredentialRef } from '../../scripts/n8n/workflow-json.mts';
import { minutesAgo, waitUntil } from '../harness/clock.mts';
import { startReceiver } from '../harness/receiver.mts';
import {
	activateTrigger,
	contactsAndTicketChain,
	createCredential,
	dashboardSecrets,
	EVENTS,
	executionsOf,
	expectedItem,
	platformCredentials,
	postJson,
	signing,
	subscriptionAt,
	triggerItem,
	type ActiveTrigger,
	type CredentialName,
	UNSIGNED,
} from './helpers.mts';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const phases: Array<[string, number]> = [];
const phase = (name: string, since: number) => phases.push([name, Date.now() - since]);

let sb: Sandbox;
let n8n: N8nServer;
let credentials: Record<CredentialName, CredentialRef>;
const secrets = dashboardSecrets();
const live = new Map<PlatformId, Promise<ActiveTrigger>>();

before(async () => {
	let since = Date.now();
	const install = await ensureN8n();
	if (!install.reused)
		process.stderr.write(`n8n installed in ${install.seconds} s (${install.size})\n`);
	phase('n8n install (0 when cached)', since);
	since = Date.now();
	sb = await startSandbox();
	sb.brote.seed({ contacts: 6, conversations: 4, tickets: 3 });
	// JSON lines carry each line's level, which the refusal test checks.
	n8n = await startN8n({ packageDir, env: { N8N_LOG_FORMAT: 'json' } });
	phase('pack, install package, boot n8n, API key', since);
	process.stderr.write(
		`n8n ready in ${n8n.timings.readyMs} ms; package tarball ${n8n.package.tarballBytes} bytes\n`,
	);

	since = Date.now();
	credentials = await platformCredentials(n8n, sb, secrets);
	phase('credentials through the public API', since);
});

after(async () => {
	await n8n?.stop();
	await sb?.close();
	process.stderr.write(
		`e2e phases: ${phases.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join('; ')}\n`,
	);
});

// The type names the built package declares, read from `dist` as n8n itself would.
function declaredNodeTypes(): string[] {
	const manifest = require(join(packageDir, 'package.json')) as { n8n?: { nodes?: string[] } };
	return (manifest.n8n?.nodes ?? []).flatMap((file) =>
		Object.values(require(join(packageDir, file)) as Record<string, unknown>)
			.filter(
				(value): value is new () => { description: { name: string } } =>
					typeof value === 'function',
			)
			.map((NodeClass) => `${PACKAGE_NAME}.${new NodeClass().description.name}`),
	);
}

describe('installed as a community package', () => {
	test('n8n loads every node of the packed package, which carries no n8n-workflow of its own', async () => {
		assert.equal(n8n.package.install, 'tarball');
		assert.ok(n8n.package.dir.includes(join('.n8n', 'nodes', 'node_modules', PACKAGE_NAME)));
		assert.equal(existsSync(join(n8n.package.dir, 'node_modules', 'n8n-workflow')), false);
		assert.ok(existsSync(join(n8n.package.dir, 'dist', 'nodes', 'Brote', 'Brote.node.js')));
		const offered = await n8n.nodeTypes();
		const declared = declaredNodeTypes();
		assert.equal(declared.length, 7);
		for (const type of declared) assert.ok(offered.includes(type), `${type} not loaded`);
	});

	test("a NodeApiError thrown by the Brote node is the execution's error, as n8n records it", async () => {
		const workflow = webhookChain(
			'e2e node error',
			'e2e-node-error',
			[
				{
					name: 'Brote',
					type: `${PACKAGE_NAME}.brote`,
					parameters: {
						resource: 'payment',
						operation: 'createLink',
						contactId: { __rl: true, mode: 'id', value: 'ct_does_not_exist' },
						amount: 1000,
						currency: 'CLP',
						additionalFields: {},
					},
					credentials: { broteApi: credentials.brote },
				},
			],
			'allEntries',
		);
		const [id] = await n8n.importAndActivate([workflow]);
		await n8n.waitForWebhook('e2e-node-error');
		const answer = await postJson(`${n8n.url}/webhook/e2e-node-error`, {});
		assert.equal(answer.status, 500);
		const [execution, ...more] = await executionsOf(n8n, id!, 1, { settleMs: 0 });
		assert.equal(more.length, 0);
		assert.equal(execution!.status, 'error');
		const error = execution!.data?.resultData?.error as Record<string, unknown>;
		assert.equal(error.name, 'NodeApiError');
		assert.equal(error.httpCode, '422');
		assert.match(String(error.message), /ct_does_not_exist is not a contact/);
		assert.match(String(error.description), /HTTP 422/);
		assert.equal((error.node as { name?: string }).name, 'Brote');
		assert.deepEqual(execution!.data?.resultData?.runData?.Brote?.[0]?.error, error);
		await n8n.deactivate(id!);
	});

	test("a 307 to another origin gets neither the API key nor the body: n8n's helper is told not to follow it", async () => {
		const elsewhere = await startReceiver(() => ({ status: 201, body: '{"id":"ct_elsewhere"}' }));
		const path = `e2e-redirect-${randomUUID().slice(0, 8)}`;
		const workflow = webhookChain(
			'e2e redirect',
			path,
			[
				{
					name: 'Brote',
					type: `${PACKAGE_NAME}.brote`,
					parameters: {
						resource: 'contact',
						operation: 'create',
						name: 'Redirected',
						phone: '+56911119999',
						additionalFields: {},
					},
					credentials: { broteApi: credentials.brote },
				},
			],
			'allEntries',
		);
		const [id] = await n8n.importAndActivate([workflow]);
		try {
			await n8n.waitForWebhook(path);
			sb.faults.set({
				redirectNext: 1,
				redirectStatus: 307,
				redirectTo: new URL(elsewhere.url).origin,
				redirectMethod: 'POST',
			});
			await postJson(`${n8n.url}/webhook/${path}`, {});
			const [execution] = await executionsOf(n8n, id!, 1, { settleMs: 0 });
			assert.equal(elsewhere.received.length, 0, 'the other origin received nothing');
			const error = execution!.data?.resultData?.error as Record<string, unknown>;
			assert.match(
				String(error.message),
				/Brote POST \/contacts was redirected to .*another origin/,
			);
			assert.match(String(error.description), /Base URL/);
		} finally {
			sb.faults.clear();
			await n8n.deactivate(id!);
			await elsewhere.close();
		}
	});

	test("the editor gets the node's API error with its HTTP code and description", async () => {
		// n8n adds these fields only to errors that are its own NodeApiError class: the node
		// must load n8n's copy of n8n-workflow, not a copy of its own.
		const answer = await n8n.editor('POST', '/dynamic-node-parameters/resource-locator-results', {
			path: 'parameters.contactId',
			methodName: 'searchContacts',
			nodeTypeAndVersion: { name: `${PACKAGE_NAME}.brote`, version: 1 },
			currentNodeParameters: {
				resource: 'contact',
				operation: 'get',
				contactId: { __rl: true, mode: 'list', value: '' },
			},
			credentials: { broteApi: credentials.broteWrongKey },
		});
		const body = answer.body as Record<string, unknown>;
		assert.equal(answer.status, 500);
		assert.equal(body.name, 'NodeApiError');
		assert.equal(body.httpCode, '401');
		assert.match(String(body.description), /HTTP 401/);
	});
});

describe('example workflows', () => {
	test('the files in examples/ import as shipped through the CLI, with every node type known', async () => {
		// Running them is the demo's job (demo.test.mts); this is the file a user imports.
		await n8n.cli(['import:workflow', '--separate', `--input=${EXAMPLES_DIR}`]);
		const offered = new Set(await n8n.nodeTypes());
		for (const { file, workflow } of loadExamples()) {
			const imported = await n8n.api<{
				name: string;
				active: boolean;
				nodes: Array<{ name: string; type: string }>;
			}>('GET', `/workflows/${String(workflow.id)}`);
			assert.equal(imported.name, workflow.name, file);
			assert.equal(imported.active, false, file);
			const expected = (workflow.nodes as Array<{ name: string; type: string }>).map(
				({ name, type }) => ({ name, type }),
			);
			assert.deepEqual(
				imported.nodes.map(({ name, type }) => ({ name, type })),
				expected,
				file,
			);
			for (const { type } of expected)
				assert.ok(offered.has(type), `${file}: ${type} is not a node type n8n knows`);
		}
	});
});

/**
 * The platform's trigger workflow the delivery tests share, activated and subscribed by the first
 * test that needs it (Horneross through the CLI, the others through the API, as users do both),
 * and its webhook checked again on every call, since a restart re-registers it.
 */
async function liveTrigger(platform: PlatformId): Promise<ActiveTrigger> {
	let active = live.get(platform);
	if (!active) {
		active = activateTrigger(n8n, credentials, platform, {
			via: platform === 'horneross' ? 'cli' : 'api',
		}).then(async (trigger) => {
			if (profiles[platform].subscription) {
				await waitForSubscriptions(sb, [{ platform, url: trigger.url }]);
			}
			return trigger;
		});
		live.set(platform, active);
	}
	const trigger = await active;
	await n8n.waitForWebhook(trigger.path);
	return trigger;
}

/** Where the platform delivers to its shared trigger, and how it signs. */
async function target(platform: PlatformId) {
	const trigger = await liveTrigger(platform);
	return { ...trigger, ...signing(sb, secrets, platform, trigger.url) };
}

/** A Brote and a NotMeta trigger of their own, subscribed: the lifecycle tests' subject. */
async function subscribedPair(label: string): Promise<Record<'brote' | 'notmeta', ActiveTrigger>> {
	// One after the other: n8n 1.100 on SQLite fails two workflow creations at once ("no such
	// savepoint").
	const brote = await activateTrigger(n8n, credentials, 'brote', {
		label,
		parameters: { registration: 'automatic', events: ['contact.created', 'payment.received'] },
	});
	const notmeta = await activateTrigger(n8n, credentials, 'notmeta', {
		label,
		parameters: { events: ['message.received', 'conversation.assigned'] },
	});
	await waitForSubscriptions(sb, [
		{ platform: 'brote', url: brote.url },
		{ platform: 'notmeta', url: notmeta.url },
	]);
	return { brote, notmeta };
}

describe('trigger lifecycle', () => {
	test('activating a Brote and a NotMeta trigger registers one subscription each, the challenge answered live', async () => {
		const since = Date.now();
		const { brote, notmeta } = await subscribedPair('e2e lifecycle');
		phase('activate Brote + NotMeta triggers until subscribed', since);
		try {
			assert.deepEqual([...subscriptionAt(sb, 'brote', brote.url).events].sort(), [
				'contact.created',
				'payment.received',
			]);
			const notmetaSubscription = subscriptionAt(sb, 'notmeta', notmeta.url);
			assert.equal(notmetaSubscription.status, 'active');
			const challenge = sb.deliveries.find(
				(attempt) =>
					attempt.platform === 'notmeta' &&
					attempt.type === 'webhook.verified' &&
					attempt.subscriptionId === notmetaSubscription.id,
			);
			assert.equal(challenge?.status, 200);
			// The handshake is answered by the node itself and starts no run.
			assert.equal((await n8n.executions(notmeta.id)).length, 0);
			// n8n's public API hands a workflow's static data to whoever may read the workflow.
			for (const [platform, trigger] of [
				['brote', brote],
				['notmeta', notmeta],
			] as const) {
				// n8n saves the static data a moment after the activation it came from.
				let exported = '';
				for (let tries = 0; tries < 50 && !exported.includes('"subscriptions"'); tries++) {
					if (tries > 0) await sleep(100);
					exported = JSON.stringify(await n8n.api('GET', `/workflows/${trigger.id}`));
				}
				assert.match(exported, /"subscriptions"/, `${platform}'s static data was saved`);
				const { secret } = subscriptionAt(sb, platform, trigger.url);
				assert.ok(!exported.includes(secret), `${platform}'s signing secret is in the workflow`);
			}
		} finally {
			await n8n.deactivate(brote.id);
			await n8n.deactivate(notmeta.id);
		}
	});

	test('dashboard-registered triggers go live: Horneross through the CLI, CablenetAI and BuzzBip through the API', async () => {
		const since = Date.now();
		const dashboard = ['horneross', 'cablenetai', 'buzzbip'] as const;
		const active: ActiveTrigger[] = [];
		for (const platform of dashboard) active.push(await liveTrigger(platform));
		for (const trigger of active) assert.match(trigger.id, /\S/);
		phase('activate 3 dashboard triggers (1 via CLI)', since);
	});
});

describe('deliveries', () => {
	for (const platform of Object.keys(EVENTS) as PlatformId[]) {
		test(`${platform}: each signed event is one execution of the typed event; forged 401, duplicate dropped`, async () => {
			const since = Date.now();
			const { id, url, secret, subscriptionId } = await target(platform);
			const before = (await n8n.executions(id)).length;
			const [first, second] = EVENTS[platform];
			const occurredAt = new Date(Date.now() - 60_000).toISOString();
			const one = await sb.deliver({
				platform,
				type: first,
				url,
				secret,
				subscriptionId,
				occurredAt,
				duplicate: true,
			});
			const two = await sb.deliver({
				platform,
				type: second,
				url,
				secret,
				subscriptionId,
				occurredAt,
			});
			const forged = await sb.deliver({
				platform,
				type: first,
				url,
				secret,
				subscriptionId,
				badSignature: true,
				retry: false,
			});

			assert.equal(one.ok, true, JSON.stringify(one.attempts));
			assert.equal(two.ok, true, JSON.stringify(two.attempts));
			const resend = one.attempts.find((attempt) => attempt.duplicate);
			assert.equal(resend?.status, 200);
			assert.match(resend?.answer ?? '', /duplicate/);
			assert.equal(forged.attempts.length, 1);
			assert.equal(forged.attempts[0]?.status, 401);

			const runs = (await executionsOf(n8n, id, before + 2)).slice(before);
			assert.equal(runs.length, 2, `${platform}: ${runs.length} new executions`);
			for (const [run, delivery, type] of [
				[runs[0]!, one, first],
				[runs[1]!, two, second],
			] as const) {
				assert.equal(run.status, 'success');
				assert.equal(run.mode, 'webhook');
				assert.deepEqual(triggerItem(run), expectedItem(platform, delivery, type, occurredAt));
			}
			phase(`deliveries ${platform}`, since);
		});
	}

	test('an event type the catalog lacks passes through "All Events" with known: false', async () => {
		const { id, url, secret } = await target('cablenetai');
		const before = (await n8n.executions(id)).length;
		const delivery = await sb.deliver({
			platform: 'cablenetai',
			type: 'lead.archived',
			url,
			secret,
			data: { lead_id: 'L-1' },
		});
		assert.equal(delivery.ok, true);
		const runs = await executionsOf(n8n, id, before + 1);
		assert.equal(runs.length, before + 1);
		const item = triggerItem(runs.at(-1)!);
		assert.equal(item.type, 'lead.archived');
		assert.equal(item.known, false);
		assert.deepEqual(item.data, { lead_id: 'L-1' });
	});
});

/** JSON as a PHP or Python sender might write it: ASCII escapes and spaced separators. */
function foreignJson(envelope: Record<string, unknown>): Buffer {
	const ascii = (text: string) =>
		text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	const write = (value: unknown): string => {
		if (Array.isArray(value)) return `[${value.map(write).join(', ')}]`;
		if (value && typeof value === 'object') {
			return `{${Object.entries(value)
				.map(([key, item]) => `${ascii(JSON.stringify(key))}: ${write(item)}`)
				.join(', ')}}`;
		}
		return ascii(JSON.stringify(value));
	};
	return Buffer.from(write(envelope), 'utf8');
}

describe('replays and refusals', () => {
	test('a recorded delivery older than the retry window starts nothing, answered so the platform retries; a late retry inside it runs once', async () => {
		const platform = 'buzzbip';
		const { id, url, secret } = await target(platform);
		const before = (await n8n.executions(id)).length;
		const maxAge = defaultMaxEventAgeMinutes(profiles[platform].delivery);
		const [type] = EVENTS[platform];
		const stale = await sb.deliver({
			platform,
			type,
			url,
			secret,
			occurredAt: minutesAgo(maxAge + 5),
			retry: false,
		});
		assert.deepEqual(
			stale.attempts.map((a) => a.status),
			[RETRY_LATER],
		);
		assert.match(stale.attempts[0]!.answer, /refused as a possible replay/);
		const late = await sb.deliver({
			platform,
			type,
			url,
			secret,
			occurredAt: minutesAgo(maxAge - 5),
			duplicate: true,
		});
		assert.equal(late.ok, true, JSON.stringify(late.attempts));
		const runs = (await executionsOf(n8n, id, before + 1)).slice(before);
		assert.deepEqual(
			runs.map((run) => triggerItem(run).id),
			[late.id],
		);
	});

	test("each refusal is a warning in n8n's log with the platform, workflow, node and reason, never a secret, signature or body; a flood is one line", async () => {
		const trigger = await activateTrigger(n8n, credentials, 'horneross', { label: 'e2e refusals' });
		const marker = `marker-${randomUUID()}`;
		const forged = [];
		for (let i = 0; i < 20; i++) {
			forged.push(
				await sb.deliver({
					platform: 'horneross',
					type: 'lead.captured',
					url: trigger.url,
					secret: secrets.horneross!,
					data: { note: marker },
					badSignature: true,
					retry: false,
				}),
			);
		}
		assert.ok(forged.every((delivery) => delivery.attempts[0]?.status === 401));
		const refusals = () => n8n.logs.filter((line) => line.includes(`(${trigger.id}) refused`));
		await waitUntil(() => refusals().length > 0, 'the refusal in the log');
		const lines = refusals();
		assert.equal(lines.length, 1, lines.join('\n'));
		const [line] = lines;
		const entry = JSON.parse(line!) as { level: string; message: string; metadata: object };
		assert.equal(entry.level, 'warn');
		assert.match(
			entry.message,
			/^Horneross Trigger "Trigger" in workflow "e2e refusals horneross [0-9a-f]{8}" \([^)]+\) refused a delivery with 401: The X-Horneross-Signature signature matches none/,
		);
		const metadata = entry.metadata as Record<string, unknown>;
		assert.deepEqual(
			Object.fromEntries(
				['platform', 'workflowId', 'nodeName', 'status', 'reason'].map((key) => [
					key,
					metadata[key],
				]),
			),
			{
				platform: 'horneross',
				workflowId: trigger.id,
				nodeName: 'Trigger',
				status: 401,
				reason: 'no-match',
			},
		);
		const signature = forged[0]!.headers['x-horneross-signature']!;
		for (const secretPart of [secrets.horneross!, signature, marker, 'lead.captured']) {
			assert.equal(line!.includes(secretPart), false, `the log line holds ${secretPart}`);
		}
	});
});

describe('raw bodies that JSON.stringify would not reproduce', () => {
	const contact = {
		id: 'c-raw-1',
		name: 'María Pérez Ñúñez',
		phone: '+56911112222',
		email: null,
		tags: ['señal'],
		custom_fields: {},
	};

	test('Brote, signed over the exact bytes by the sandbox, verifies and decodes', async () => {
		const { id: workflowId, url, secret, subscriptionId } = await target('brote');
		const before = (await n8n.executions(workflowId)).length;
		const body = foreignJson({
			event: 'contact.created',
			timestamp: new Date().toISOString(),
			organization_id: 'org_1',
			data: { contact },
		});
		assert.ok(body.includes('Mar\\u00eda'));
		assert.ok(body.includes('", "'));
		assert.notEqual(body.toString(), JSON.stringify(JSON.parse(body.toString())));
		const delivery = await sb.deliver({
			platform: 'brote',
			type: 'contact.created',
			url,
			secret,
			subscriptionId,
			rawBody: body,
		});
		assert.equal(delivery.ok, true, JSON.stringify(delivery.attempts));
		const runs = await executionsOf(n8n, workflowId, before + 1);
		const item = triggerItem(runs.at(-1)!);
		assert.deepEqual(item.data, { contact });
		assert.equal(item.organizationId, 'org_1');
		assert.equal(item.signature, 'raw');
		assert.equal(item.id, createHash('sha256').update(body).digest('hex'));
	});

	test('CablenetAI, signed by hand with node:crypto and sent with fetch, verifies and decodes', async () => {
		const { id: workflowId, url, secret } = await target('cablenetai');
		const before = (await n8n.executions(workflowId)).length;
		const id = `evt_${randomUUID()}`;
		const data = { lead_id: 'L-77', name: 'José Ñandú', comuna: 'Ñuñoa' };
		const body = foreignJson({
			id,
			type: 'lead.created',
			created_at: new Date().toISOString(),
			data,
		});
		const signature = createHmac('sha256', secret).update(body).digest('hex');
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'X-CablenetAI-Signature': signature },
			body,
		});
		assert.equal(response.status, 200, await response.text());
		const runs = await executionsOf(n8n, workflowId, before + 1);
		const item = triggerItem(runs.at(-1)!);
		assert.equal(item.id, id);
		assert.deepEqual(item.data, data);
	});

	test("Horneross's documented signing of JSON.stringify(payload) verifies a pretty-printed body", async () => {
		const { id, url, secret } = await target('horneross');
		const before = (await n8n.executions(id)).length;
		const delivery = await sb.deliver({
			platform: 'horneross',
			type: 'lead.captured',
			url,
			secret,
			pretty: true,
			signedForm: 'compact-json',
		});
		assert.equal(delivery.ok, true, JSON.stringify(delivery.attempts));
		const runs = await executionsOf(n8n, id, before + 1);
		assert.equal(triggerItem(runs.at(-1)!).signature, 'compact-json');
	});
});

describe('actions', () => {
	test('a Brote node workflow creates contacts, moves a ticket, creates a payment link and a campaign', async () => {
		const since = Date.now();
		const broteCredential = { broteApi: credentials.brote };
		const workflow = webhookChain(
			'e2e Brote actions',
			'e2e-brote-actions',
			[
				...contactsAndTicketChain(credentials.brote, 'e2e', 'proposal'),
				{
					name: 'Payment link',
					type: `${PACKAGE_NAME}.brote`,
					credentials: broteCredential,
					executeOnce: true,
					parameters: {
						resource: 'payment',
						operation: 'createLink',
						contactId: { __rl: true, mode: 'id', value: '={{ $json.contact_id }}' },
						amount: '={{ $json.value }}',
						currency: '={{ $json.currency }}',
						additionalFields: {
							external_reference: '={{ $json.id }}',
							description: '={{ $json.title }}',
						},
					},
				},
				{
					name: 'Campaign',
					type: `${PACKAGE_NAME}.brote`,
					credentials: broteCredential,
					executeOnce: true,
					parameters: {
						resource: 'campaign',
						operation: 'create',
						name: 'e2e welcome',
						message: '¡Bienvenidos!',
						additionalFields: {
							contactIds: "={{ $('Create contacts').all().map((item) => item.json.id).join(',') }}",
						},
					},
				},
			],
			'allEntries',
		);
		const [id] = await n8n.importAndActivate([workflow]);
		await n8n.waitForWebhook('e2e-brote-actions');

		const ticket = [...sb.brote.tickets.values()].find(
			(candidate) => candidate.stage !== 'proposal',
		)!;
		const people = [
			{ name: 'Ana Díaz', phone: '+56930000001' },
			{ name: 'Pedro Soto', phone: '+56930000002' },
		];
		const answer = await postJson(`${n8n.url}/webhook/e2e-brote-actions`, {
			contacts: people,
			ticket_id: ticket.id,
		});
		assert.equal(answer.status, 200, answer.text);

		const created = [...sb.brote.contacts.values()].filter((contact) =>
			contact.tags.includes('e2e'),
		);
		assert.deepEqual(
			created.map(({ name, phone }) => ({ name, phone })),
			people,
		);
		assert.equal(sb.brote.tickets.get(ticket.id)?.stage, 'proposal');
		const links = [...sb.brote.paymentLinks.values()].filter(
			(link) => link.external_reference === ticket.id,
		);
		assert.equal(links.length, 1);
		assert.equal(links[0]!.amount, ticket.value);
		assert.equal(links[0]!.contact_id, ticket.contact_id);
		const campaigns = [...sb.brote.campaigns.values()].filter(
			(campaign) => campaign.name === 'e2e welcome',
		);
		assert.equal(campaigns.length, 1);
		assert.deepEqual(
			campaigns[0]!.audience.contact_ids,
			created.map((contact) => contact.id),
		);
		assert.deepEqual(answer.json, [campaigns[0]]);

		const [run] = await executionsOf(n8n, id!, 1, { settleMs: 0 });
		assert.equal(run!.status, 'success');
		assert.equal(nodeOutput(run!, 'Create contacts').length, 2);
		await n8n.deactivate(id!);
		phase('actions workflow', since);
	});

	for (const continueOnFail of [false, true]) {
		test(`stopping a run while its Brote node waits for the rate limit sends nothing more, and frees the queue${continueOnFail ? ' (Continue On Fail)' : ''}`, async () => {
			const since = Date.now();
			const path = `e2e-stop-${continueOnFail ? 'continue' : 'plain'}`;
			// One request at once, then one every 10 s, for this key alone.
			const credential = await createCredential(n8n, 'broteApi', `Brote paced ${path}`, {
				...UNSIGNED,
				apiKey: sb.newApiKey('brote'),
				baseUrl: sb.urls.brote,
				rateLimitPerMinute: 6,
				rateLimitBurst: 1,
			});
			const workflow = webhookChain(`e2e ${path}`, path, [
				{
					name: 'Answer with the execution id',
					type: 'n8n-nodes-base.respondToWebhook',
					parameters: { respondWith: 'text', responseBody: '={{ $execution.id }}', options: {} },
				},
				splitOut('contacts'),
				{
					name: 'Create contacts',
					type: `${PACKAGE_NAME}.brote`,
					credentials: { broteApi: credential },
					...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
					parameters: {
						resource: 'contact',
						operation: 'create',
						name: '={{ $json.name }}',
						phone: '={{ $json.phone }}',
						additionalFields: { tags: path },
					},
				},
			]);
			const webhook = workflow.nodes[0] as { parameters: Record<string, unknown> };
			webhook.parameters.responseMode = 'responseNode';
			const [id] = await n8n.importAndActivate([workflow]);
			await n8n.waitForWebhook(path);
			const from = sb.requests.length;
			const creates = () =>
				sb.requests.slice(from).filter((r) => r.method === 'POST' && r.path.endsWith('/contacts'));
			const start = async (count: number, offset: number) => {
				const contacts = Array.from({ length: count }, (_, i) => ({
					name: `Stop ${i + offset}`,
					phone: `+5693100${continueOnFail ? 1 : 0}${String(i + offset).padStart(3, '0')}`,
				}));
				const answer = await postJson(`${n8n.url}/webhook/${path}`, { contacts });
				assert.equal(answer.status, 200, answer.text);
				return answer.text;
			};

			const stopped = await start(3, 0);
			await waitUntil(() => creates().length === 1, 'the first create');
			await sleep(500);
			const stop = await n8n.editor('POST', `/executions/${stopped}/stop`);
			assert.equal(stop.status, 200, JSON.stringify(stop.body));
			// Queued behind the stopped run for the same key: it gets the token the stopped run
			// waited for, unless that run went on waiting and took it.
			await start(1, 3);
			const runs = await executionsOf(n8n, id!, 2, { settleMs: 2_000 });
			assert.deepEqual(
				runs.map((run) => run.status === 'success'),
				[false, true],
				runs.map((run) => `${run.id} ${run.status}`).join(', '),
			);
			const sent = creates();
			assert.equal(sent.length, 2, 'the first create of each run, nothing more');
			const gapMs = Date.parse(sent[1]!.at) - Date.parse(sent[0]!.at);
			assert.ok(gapMs < 15_000, `the queued run sent ${gapMs} ms after the first create`);
			assert.equal(
				[...sb.brote.contacts.values()].filter((contact) => contact.tags.includes(path)).length,
				2,
			);
			await n8n.deactivate(id!);
			phase(`stop ${path}`, since);
		});
	}
});

describe('deactivation', () => {
	test('deactivating the Brote and NotMeta trigger workflows removes both subscriptions', async () => {
		const { brote, notmeta } = await subscribedPair('e2e deactivation');
		const since = Date.now();
		await n8n.deactivate(brote.id);
		await n8n.deactivate(notmeta.id, 'cli');
		await Promise.all([n8n.waitForWebhookGone(brote.path), n8n.waitForWebhookGone(notmeta.path)]);
		const left = () =>
			sb.subscriptions('brote').filter((s) => s.url === brote.url).length +
			sb.subscriptions('notmeta').filter((s) => s.url === notmeta.url).length;
		const deadline = Date.now() + 30_000;
		while (left() > 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		assert.equal(left(), 0);
		phase('deactivate until unsubscribed', since);
	});

	test("restarting n8n ends the old process's whole group, and the triggers serve again", async () => {
		const { pid } = n8n;
		const { stopped } = await n8n.restart();
		assert.equal(stopped.forced, false);
		assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
		assert.throws(() => process.kill(-pid, 0), { code: 'ESRCH' });
		assert.notEqual(n8n.pid, pid);
		const { id, url, secret } = await target('buzzbip');
		const before = (await n8n.executions(id)).length;
		const delivery = await sb.deliver({
			platform: 'buzzbip',
			type: EVENTS.buzzbip[0],
			url,
			secret,
		});
		assert.equal(delivery.ok, true, JSON.stringify(delivery.attempts));
		assert.equal((await executionsOf(n8n, id, before + 1)).length, before + 1);
	});
});
