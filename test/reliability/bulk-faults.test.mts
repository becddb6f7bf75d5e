// R5 of issue 6 in a real n8n (npm run test:reliability): 1,000 Brote contact creates, then
// one message per contact, each run while the sandbox answers waves of 429 storms, 5xx,
// connection resets and writes that are applied and then answered 5xx. "On Error: Continue"
// must turn every input item into exactly one output item, a record or an error, and nothing
// may be created twice: a create is sent again only after a 429.
// The node handles items one at a time, so the sandbox's request log, read in order, says
// which item met which fault: each item's requests are zero or more 429s, then one answer.
// Size: R5_ITEMS (default 1000).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { broteCredential, startBenchN8n, type BenchN8n } from '../../bench/n8n.mts';
import { postJson } from '../e2e/helpers.mts';
import type { Execution } from '../../scripts/n8n/server.mts';
import { splitOut, webhookChain } from '../../scripts/n8n/workflow-json.mts';
import { defaultPacingSettings } from '../../nodes/common/pacing.ts';
import {
	startSandbox,
	type FaultSettings,
	type RequestRecord,
	type Sandbox,
} from '../../sandbox/index.mts';

const ITEMS = Number(process.env.R5_ITEMS ?? 1000);
/** 1 platform minute = 1.2 s, in the sandbox's limit and in the node's pacing alike. */
const TIME_SCALE = 0.02;
/** A plain 5xx is sent on Brote's own fault rule, a write applied then failed on the shared one: the status tells them apart. */
const PLAIN_5XX = 502;
const APPLIED_5XX = 503;

let sb: Sandbox;
let bench: BenchN8n;
const workflowIds: Record<'contacts' | 'messages', string> = { contacts: '', messages: '' };

before(async () => {
	sb = await startSandbox({ timeScale: TIME_SCALE });
	bench = await startBenchN8n();
	const { n8n } = bench;
	const brote = async (parameters: Record<string, unknown>, name: string) => ({
		name: 'Brote',
		type: 'n8n-nodes-conversa.brote',
		parameters,
		credentials: { broteApi: await broteCredential(n8n, sb, name) },
		onError: 'continueRegularOutput',
	});
	const ids = await n8n.importAndActivate([
		webhookChain('rel bulk contacts', 'rel-bulk-contacts', [
			splitOut('contacts'),
			await brote(
				{ resource: 'contact', operation: 'create', name: 'R5', phone: '={{ $json.phone }}' },
				'R5 contacts',
			),
		]),
		webhookChain('rel bulk messages', 'rel-bulk-messages', [
			splitOut('conversations'),
			await brote(
				{
					resource: 'conversation',
					operation: 'sendMessage',
					conversationId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					messageType: 'text',
					text: '={{ $json.text }}',
				},
				'R5 messages',
			),
		]),
	]);
	workflowIds.contacts = ids[0] as string;
	workflowIds.messages = ids[1] as string;
	await n8n.waitForWebhook('rel-bulk-contacts');
	await n8n.waitForWebhook('rel-bulk-messages');
});

after(async () => {
	await bench?.stop();
	await sb?.close();
});

/** The waves, each set once `at` (a share of the items) of the writes have reached the sandbox. */
const WAVES: Array<{ at: number; faults: () => FaultSettings[] }> = [
	{ at: 0.05, faults: () => [{ platform: 'brote', next429: 6, retryAfter: '1' }] },
	{ at: 0.15, faults: () => [{ platform: 'brote', next5xx: 5, status5xx: PLAIN_5XX }] },
	{ at: 0.25, faults: () => [{ platform: 'brote', resetNext: 4 }] },
	{ at: 0.35, faults: () => [{ failAfterProcessing: 4, status5xx: APPLIED_5XX }] },
	{
		at: 0.45,
		faults: () => [{ platform: 'brote', next429: 8, retryAfter: new Date(Date.now() + 2000) }],
	},
	{
		at: 0.55,
		faults: () => [{ platform: 'brote', resetNext: 3, next429: 4, retryAfter: '0', next5xx: 3 }],
	},
	{ at: 0.6, faults: () => [{ platform: 'brote', latencyMs: 15 }] },
	{ at: 0.7, faults: () => [{ platform: 'brote', latencyMs: 0, next429: 5, retryAfter: '1' }] },
	{
		at: 0.8,
		faults: () => [
			{ platform: 'brote', next5xx: 4, resetNext: 3 },
			{ failAfterProcessing: 3, status5xx: APPLIED_5XX },
		],
	},
	{
		at: 0.9,
		faults: () => [{ platform: 'brote', resetNext: 2, next429: 3, retryAfter: '1', next5xx: 2 }],
	},
];

function writesTo(pattern: RegExp): RequestRecord[] {
	return sb.requests.filter((r) => r.method === 'POST' && pattern.test(r.path));
}

/** Sets each wave as the run passes its share of writes; resolves when told to stop. */
function driveFaults(pattern: RegExp): { stop(): Promise<number> } {
	let running = true;
	let applied = 0;
	let stopped: Promise<number> | undefined;
	const loop = (async () => {
		for (const wave of WAVES) {
			while (running && writesTo(pattern).length < wave.at * ITEMS) await sleep(10);
			if (!running) break;
			for (const settings of wave.faults()) sb.faults.set(settings);
			applied++;
		}
	})();
	return {
		stop() {
			running = false;
			stopped ??= loop.then(() => {
				sb.faults.clear();
				return applied;
			});
			return stopped;
		},
	};
}

type Outcome = { kind: 'record' } | { kind: 'error'; applied: boolean; cause: string };

/** Each item's outcome from the log: its 429s, then one final answer (or its last allowed 429). */
/** `rateLimited` counts the 429s that were retried. */
function outcomesFromLog(writes: RequestRecord[]): { outcomes: Outcome[]; rateLimited: number } {
	const outcomes: Outcome[] = [];
	let rateLimited = 0;
	let streak = 0;
	for (const write of writes) {
		if (write.status === 429) {
			streak++;
			if (streak < defaultPacingSettings.maxRateLimitedTries) {
				rateLimited++;
				continue;
			}
			outcomes.push({ kind: 'error', applied: false, cause: '429 budget' });
		} else if (write.status === 201) {
			outcomes.push({ kind: 'record' });
		} else {
			const cause = write.status === null ? 'reset' : String(write.status);
			outcomes.push({ kind: 'error', applied: write.status === APPLIED_5XX, cause });
		}
		streak = 0;
	}
	return { outcomes, rateLimited };
}

const post = async (path: string, body: unknown) =>
	(await postJson(`${bench.n8n.url}/webhook/${path}`, body, { timeoutMs: 170_000 })).status;

async function finishedExecution(workflowId: string): Promise<Execution> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const [execution] = await bench.n8n.executions(workflowId);
		if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return execution;
		if (Date.now() > deadline) throw new Error(`no finished execution of ${workflowId}`);
		await sleep(250);
	}
}

interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

interface Run {
	output: OutputItem[];
	outcomes: Outcome[];
	rateLimited: number;
	writes: RequestRecord[];
	status: string;
	seconds: number;
	waves: number;
}

async function runUnderFaults(
	kind: 'contacts' | 'messages',
	pattern: RegExp,
	body: unknown,
): Promise<Run> {
	sb.resetRequests();
	const driver = driveFaults(pattern);
	const started = performance.now();
	const answered = await post(`rel-bulk-${kind}`, body).finally(() => driver.stop());
	const waves = await driver.stop();
	const seconds = (performance.now() - started) / 1000;
	assert.equal(answered, 200, 'the webhook answers once the run is over');
	const execution = await finishedExecution(workflowIds[kind]);
	const runs = execution.data?.resultData?.runData?.Brote ?? [];
	assert.equal(runs.length, 1, 'the Brote node ran once');
	const writes = writesTo(pattern);
	return {
		output: (runs[0]?.data?.main?.[0] ?? []) as OutputItem[],
		...outcomesFromLog(writes),
		writes,
		status: execution.status,
		seconds,
		waves,
	};
}

function pairedIndex(item: OutputItem): number | undefined {
	const paired = Array.isArray(item.pairedItem)
		? item.pairedItem
		: item.pairedItem
			? [item.pairedItem]
			: [];
	return paired.length === 1 ? paired[0]?.item : undefined;
}

/** Checks what every kind of record shares; answers the error items' indexes. */
function checkRun(run: Run, label: string): number[] {
	const causes = new Map<string, number>();
	for (const outcome of run.outcomes) {
		if (outcome.kind === 'error') causes.set(outcome.cause, (causes.get(outcome.cause) ?? 0) + 1);
	}
	const errors = run.output.flatMap((item, index) =>
		typeof item.json.error === 'string' ? [index] : [],
	);
	process.stderr.write(
		`R5 ${label}: ${ITEMS} items in ${run.seconds.toFixed(1)} s; execution ${run.status}; ${run.waves} fault waves;` +
			` ${run.writes.length} POSTs (${run.rateLimited} answered 429, retried); ${run.output.length} output items,` +
			` ${errors.length} error items (${[...causes].map(([cause, n]) => `${cause}: ${n}`).join(', ')});` +
			` first error: ${String(run.output[errors[0] ?? -1]?.json.error ?? 'none')}\n`,
	);
	assert.equal(run.status, 'success');
	assert.equal(run.waves, WAVES.length, 'every fault wave was set during the run');
	for (const cause of ['reset', String(PLAIN_5XX), String(APPLIED_5XX)])
		assert.ok(causes.get(cause), `some item met ${cause}`);
	assert.ok(run.rateLimited > 0, 'some write was answered 429');
	assert.equal(run.output.length, ITEMS, 'one output item per input item');
	assert.deepEqual(
		run.output.map(pairedIndex),
		Array.from({ length: ITEMS }, (_, i) => i),
		'each output item is paired with its own input item, in order',
	);
	// A write is repeated only after a 429: one final answer per item, no more.
	assert.equal(run.outcomes.length, ITEMS, 'one final answer per item in the sandbox log');
	assert.equal(run.writes.length, ITEMS + run.rateLimited);
	const expectedErrors = run.outcomes.flatMap((outcome, index) =>
		outcome.kind === 'error' ? [index] : [],
	);
	assert.deepEqual(
		errors,
		expectedErrors,
		'the error items are exactly the items whose write met a 5xx or a reset',
	);
	return errors;
}

describe('R5: a 1,000-item Brote bulk run under 429 storms, 5xx and connection resets', () => {
	const phones = Array.from({ length: ITEMS }, (_, i) => `+5695${String(i).padStart(7, '0')}`);

	test(`${ITEMS} contact creates: one result or error item each, no contact created twice`, async () => {
		const run = await runUnderFaults('contacts', /\/brote\/v1\/contacts$/, {
			contacts: phones.map((phone) => ({ phone })),
		});
		checkRun(run, 'contact create');
		const held = new Map<string, string[]>();
		for (const contact of sb.brote.contacts.values())
			held.set(contact.phone, [...(held.get(contact.phone) ?? []), contact.id]);
		const twice = [...held].filter(([, ids]) => ids.length > 1).map(([phone]) => phone);
		assert.deepEqual(twice, [], 'no phone is held twice');
		const wrong: string[] = [];
		run.output.forEach((item, index) => {
			const phone = phones[index] as string;
			const outcome = run.outcomes[index] as Outcome;
			const ids = held.get(phone) ?? [];
			if (outcome.kind === 'record') {
				if (item.json.phone !== phone || ids[0] !== item.json.id)
					wrong.push(`${index}: output ${JSON.stringify(item.json).slice(0, 80)}`);
			} else if (ids.length !== (outcome.applied ? 1 : 0)) {
				wrong.push(`${index}: ${outcome.cause} error, ${ids.length} contacts held`);
			}
		});
		assert.deepEqual(wrong.slice(0, 10), []);
		assert.equal(
			held.size,
			ITEMS - run.outcomes.filter((o) => o.kind === 'error' && !o.applied).length,
		);
	});

	test(`${ITEMS} messages, one per contact: one result or error item each, none sent twice`, async () => {
		const contacts = [...sb.brote.contacts.values()];
		assert.ok(contacts.length > 0, 'the contact run left contacts to write to');
		const now = new Date().toISOString();
		const conversations = Array.from({ length: ITEMS }, (_, i) => {
			const id = `cv_r5_${i}`;
			const contact = contacts[i % contacts.length] as (typeof contacts)[number];
			sb.brote.conversations.set(id, {
				id,
				contact_id: contact.id,
				channel: 'whatsapp',
				status: 'open',
				assigned_to: null,
				created_at: now,
				updated_at: now,
			});
			return { id, text: `R5 message ${i} to ${contact.phone}` };
		});
		const run = await runUnderFaults('messages', /\/brote\/v1\/conversations\/[^/]+\/messages$/, {
			conversations,
		});
		checkRun(run, 'message send');
		// The log names each write's conversation: it must be the item's own, and the last one in the log.
		const finals = run.writes
			.filter((write) => write.status !== 429)
			.map((write) => write.path.split('/').at(-2));
		assert.deepEqual(
			finals,
			conversations.map((c) => c.id),
			'items were written in order, each once',
		);
		const held = new Map<string, string[]>();
		for (const message of sb.brote.messages.values()) {
			held.set(message.conversation_id, [...(held.get(message.conversation_id) ?? []), message.id]);
		}
		const wrong: string[] = [];
		run.output.forEach((item, index) => {
			const { id, text } = conversations[index] as (typeof conversations)[number];
			const outcome = run.outcomes[index] as Outcome;
			const ids = held.get(id) ?? [];
			if (ids.length > 1) wrong.push(`${index}: ${ids.length} messages in ${id}`);
			else if (outcome.kind === 'record') {
				const stored = sb.brote.messages.get(String(item.json.id));
				if (ids[0] !== item.json.id || stored?.text !== text)
					wrong.push(`${index}: output ${JSON.stringify(item.json).slice(0, 80)}`);
			} else if (ids.length !== (outcome.applied ? 1 : 0)) {
				wrong.push(`${index}: ${outcome.cause} error, ${ids.length} messages held`);
			}
		});
		assert.deepEqual(wrong.slice(0, 10), []);
	});
});
