// Reliability of the five triggers in a real n8n (in npm test at these sizes; npm run
// test:reliability runs the reliability suites alone).
// R4: a bad-input corpus to every trigger; R3: activate/deactivate cycles of the triggers that
// register themselves; R1: forged and tampered deliveries mixed with valid ones; and a search
// of everything n8n answered, ran and logged for the secrets it was given.
// Sizes: R3_CYCLES (default 100), R1_VALID (default 1000 valid + as many forged; issue 6 asks
// for 10,000 + 10,000, which takes about half an hour).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { triggerWorkflow } from '../../scripts/n8n/workflow-json.mts';
import { profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import { median } from '../../bench/median.mts';
import { sign } from '../../sandbox/signing.mts';
import { PLATFORMS, SELECTED, signatureHeader, startRig, type Receiver, type Rig } from './setup.mts';

const R3_CYCLES = Number(process.env.R3_CYCLES ?? 100);
const R1_VALID = Number(process.env.R1_VALID ?? 1000);
const PAYLOAD_MAX = 16 * 2 ** 20;

let rig: Rig;
/** Every answer body n8n sent, for the leak search. */
const answers: string[] = [];

before(async () => {
	rig = await startRig();
});

after(async () => {
	await rig?.close();
});

function envelope(platform: PlatformId, type: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	const { envelope: spec, events } = profiles[platform];
	const sample = (events as Record<string, { sample: unknown } | undefined>)[type]?.sample ?? {};
	const body: Record<string, unknown> = {
		...(spec.idField ? { [spec.idField]: `evt_${randomUUID()}` } : {}),
		[spec.typeField]: type,
		[spec.timeField]: new Date().toISOString(),
		...spec.extraFields,
		// Brote's body carries no id: the nonce keeps each body distinct for its de-duplication.
		[spec.dataField]: { ...(sample as object), nonce: randomUUID() },
	};
	return { ...body, ...overrides };
}

interface Sent {
	status: number;
	text: string;
}

async function send(receiver: Receiver, body: Buffer, headers: Record<string, string>): Promise<Sent> {
	const response = await fetch(receiver.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
		signal: AbortSignal.timeout(60_000),
	});
	const text = await response.text();
	answers.push(text);
	return { status: response.status, text };
}

function signed(receiver: Receiver, body: Buffer, hex = sign(body, receiver.secret)): Record<string, string> {
	return { [profiles[receiver.platform].signature.header]: signatureHeader(receiver.platform, hex) };
}

interface Case {
	name: string;
	body: Buffer;
	headers: Record<string, string>;
	/** Allowed statuses; `executes` says whether an execution is the specified outcome. */
	status: number[];
	executes: boolean;
}

function corpus(receiver: Receiver): Case[] {
	const { platform } = receiver;
	const spec = profiles[platform].envelope;
	const valid = () => Buffer.from(JSON.stringify(envelope(platform, SELECTED[platform])));
	const signedCase = (name: string, body: Buffer, status: number[], executes = false, extra = {}): Case => ({
		name,
		body,
		headers: { ...signed(receiver, body), ...extra },
		status,
		executes,
	});
	const missingType = envelope(platform, SELECTED[platform]);
	delete missingType[spec.typeField];
	const atLimit = (() => {
		const base = envelope(platform, SELECTED[platform], { padding: '' });
		const fixedLength = Buffer.byteLength(JSON.stringify(base));
		return Buffer.from(JSON.stringify({ ...base, padding: 'x'.repeat(PAYLOAD_MAX - fixedLength) }));
	})();
	const overLimit = Buffer.concat([atLimit.subarray(0, atLimit.length - 2), Buffer.from('xx"}')]);
	const upper = valid();
	const truncated = valid();
	const wrongPrefix = valid();
	return [
		// n8n's own JSON body parser answers 422 before the trigger runs; the trigger's 400 is
		// reached with any other content type.
		signedCase('malformed JSON (application/json)', Buffer.from('{"type": "lead.captured", "data": {'), [422]),
		signedCase('malformed JSON (text/plain)', Buffer.from('{"type": "lead.captured", "data": {'), [400], false, {
			'content-type': 'text/plain',
		}),
		signedCase('empty body, signed', Buffer.alloc(0), [400]),
		{ name: 'empty body, no signature', body: Buffer.alloc(0), headers: {}, status: [401], executes: false },
		signedCase('invalid UTF-8', Buffer.concat([Buffer.from('{"type": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), [400]),
		signedCase('missing event type', Buffer.from(JSON.stringify(missingType)), [400]),
		signedCase('unknown event type', Buffer.from(JSON.stringify(envelope(platform, 'bench.unknown_event'))), [200]),
		signedCase('wrong content type (text/plain), valid delivery', valid(), [200], true, { 'content-type': 'text/plain' }),
		signedCase('form content type, JSON bytes', valid(), [200], true, {
			'content-type': 'application/x-www-form-urlencoded',
		}),
		{
			name: 'body of exactly N8N_PAYLOAD_SIZE_MAX (16 MiB), bad signature',
			body: atLimit,
			headers: signed(receiver, atLimit, sign(atLimit, 'not-the-secret')),
			status: [401],
			executes: false,
		},
		{
			// n8n refuses the body before the trigger runs, and answers 500, not 413: a platform
			// that retries on 5xx sends it again. Nothing in a node can change that answer.
			name: 'body over N8N_PAYLOAD_SIZE_MAX, validly signed (n8n answers 500 itself)',
			body: overLimit,
			headers: signed(receiver, overLimit),
			status: [413, 500],
			executes: false,
		},
		{
			name: 'wrong prefix (sha1=)',
			body: wrongPrefix,
			headers: { [profiles[platform].signature.header]: `sha1=${sign(wrongPrefix, receiver.secret)}` },
			status: [401],
			executes: false,
		},
		{
			name: 'uppercase hex (accepted, as specified)',
			body: upper,
			headers: signed(receiver, upper, sign(upper, receiver.secret).toUpperCase()),
			status: [200],
			executes: true,
		},
		{
			name: 'truncated signature',
			body: truncated,
			headers: signed(receiver, truncated, sign(truncated, receiver.secret).slice(0, 40)),
			status: [401],
			executes: false,
		},
		{
			name: 'no signature header',
			body: valid(),
			headers: {},
			status: [401],
			executes: false,
		},
	];
}

async function settledCount(workflowId: string, atLeast: number): Promise<number> {
	const deadline = Date.now() + 30_000;
	let count = 0;
	do {
		count = await rig.executionCount(workflowId);
		if (count >= atLeast) break;
		await sleep(250);
	} while (Date.now() < deadline);
	// An execution that should not exist would show up by now.
	await sleep(1000);
	return rig.executionCount(workflowId);
}

describe('R4: bad input to every trigger', () => {
	for (const platform of PLATFORMS) {
		test(`${platform}: each case answered as specified, n8n still serving, executions only for accepted input`, async () => {
			const receiver = rig.receivers[platform];
			const before = await rig.executionCount(receiver.workflowId);
			const rows: string[] = [];
			const wrong: string[] = [];
			let accepted = 0;
			for (const item of corpus(receiver)) {
				const result = await send(receiver, item.body, item.headers);
				if (item.executes) accepted++;
				const ok = item.status.includes(result.status);
				rows.push(`${ok ? 'ok ' : 'BAD'} ${item.name}: ${result.status} ${result.text.slice(0, 100)}`);
				if (!ok) wrong.push(`${item.name}: ${result.status} (expected ${item.status.join('/')})`);
			}
			const health = await fetch(`${rig.bench.n8n.url}/healthz/readiness`);
			const valid = Buffer.from(JSON.stringify(envelope(platform, SELECTED[platform])));
			const afterwards = await send(receiver, valid, signed(receiver, valid));
			const count = (await settledCount(receiver.workflowId, before + accepted + 1)) - before;
			process.stderr.write(`R4 ${platform}\n  ${rows.join('\n  ')}\n  executions ${count} (expected ${accepted + 1})\n`);
			assert.deepEqual(wrong, []);
			assert.equal(health.status, 200);
			assert.equal(afterwards.status, 200, 'a valid delivery after the corpus still runs');
			assert.equal(count, accepted + 1);
		});
	}
});

describe('R3: activate and deactivate the self-registering triggers', () => {
	test(`${R3_CYCLES} cycles of a Brote and a NotMeta trigger workflow leave 0 subscriptions`, async () => {
		const { n8n } = rig.bench;
		const { sb } = rig;
		const built = [
			triggerWorkflow('rel brote auto', 'n8n-nodes-conversa.broteTrigger', { registration: 'automatic', events: ['ticket.won'], options: {} }, {
				broteApi: rig.credentials.broteAuto!,
			}),
			triggerWorkflow('rel notmeta auto', 'n8n-nodes-conversa.notMetaTrigger', { events: [SELECTED.notmeta], options: {} }, {
				notMetaApi: rig.credentials.notmeta!,
			}),
		];
		// The R4 NotMeta workflow keeps its own subscription; count only this workflow's.
		const baseline = { brote: sb.subscriptions('brote').length, notmeta: sb.subscriptions('notmeta').length };
		const existing = new Set([...sb.subscriptions('brote'), ...sb.subscriptions('notmeta')].map((s) => s.id));
		const ids: string[] = [];
		for (const { workflow } of built) {
			const created = await n8n.api<{ id: string }>('POST', '/workflows', {
				name: workflow.name,
				nodes: workflow.nodes,
				connections: workflow.connections,
				settings: workflow.settings,
			});
			ids.push(created.id);
		}
		let peak = 0;
		const started = Date.now();
		const live = () => sb.subscriptions('brote').length - baseline.brote + sb.subscriptions('notmeta').length - baseline.notmeta;
		// n8n unregisters the webhook before the node's delete hook has called the platform, so
		// each cycle measures how long the subscriptions take to go after that: a delay, or a leak.
		const drains: number[] = [];
		for (let cycle = 0; cycle < R3_CYCLES; cycle++) {
			for (const id of ids) await n8n.api('POST', `/workflows/${id}/activate`, {});
			for (const { path } of built) await n8n.waitForWebhook(path);
			peak = Math.max(peak, live());
			for (const id of ids) await n8n.api('POST', `/workflows/${id}/deactivate`, {});
			for (const { path } of built) await n8n.waitForWebhookGone(path);
			const gone = Date.now();
			while (live() > 0 && Date.now() - gone < 15_000) await sleep(10);
			drains.push(Date.now() - gone);
		}
		await sb.waitForIdle();
		drains.sort((a, b) => a - b);
		const left = live();
		const leftovers = [...sb.subscriptions('brote'), ...sb.subscriptions('notmeta')]
			.filter((s) => !existing.has(s.id))
			.map((s) => `${s.id} ${s.status} ${s.events.join(',')}`);
		process.stderr.write(
			`R3 ${R3_CYCLES} cycles in ${((Date.now() - started) / 1000).toFixed(1)} s; peak ${peak} subscriptions of these workflows at once; ${left} left${left ? `: ${leftovers.join('; ')}` : ''}; subscriptions gone after the webhook: median ${median(drains)} ms, max ${drains[drains.length - 1]} ms\n`,
		);
		assert.equal(left, 0);
		assert.ok(peak <= 2, `at most one subscription per workflow at a time, saw ${peak}`);
	});
});

describe('R1: forged and tampered deliveries mixed with valid ones', () => {
	test(`${R1_VALID} valid + ${R1_VALID} forged across the five platforms: exactly ${R1_VALID} executions, every forged one 401`, async () => {
		const before = new Map<string, number>();
		for (const platform of PLATFORMS) {
			const receiver = rig.receivers[platform];
			before.set(platform, await rig.executionCount(receiver.workflowId));
		}
		const plan: Array<{ platform: PlatformId; forged: boolean; kind: string }> = [];
		const forgeries = ['wrong secret', 'tampered body', 'no signature', 'tampered signature'];
		for (let i = 0; i < R1_VALID * 2; i++) {
			const platform = PLATFORMS[i % PLATFORMS.length] as PlatformId;
			plan.push({ platform, forged: i % 2 === 1, kind: forgeries[(i >> 1) % forgeries.length] ?? '' });
		}
		const expected = new Map<string, number>();
		const failures: string[] = [];
		const started = Date.now();
		let next = 0;
		// Five senders: a platform retries in parallel too, and n8n's throughput is the bound.
		await Promise.all(
			Array.from({ length: 5 }, async () => {
				while (next < plan.length) {
					const step = plan[next++] as (typeof plan)[number];
					const receiver = rig.receivers[step.platform];
					const body = Buffer.from(JSON.stringify(envelope(step.platform, SELECTED[step.platform])));
					let sendBody = body;
					let headers = signed(receiver, body);
					if (step.forged) {
						if (step.kind === 'wrong secret') headers = signed(receiver, body, sign(body, randomBytes(16).toString('hex')));
						if (step.kind === 'tampered body') sendBody = Buffer.from(body.toString().replace('"nonce":"', '"nonce":"x'));
						if (step.kind === 'no signature') headers = {};
						if (step.kind === 'tampered signature') {
							const hex = sign(body, receiver.secret);
							headers = signed(receiver, body, `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`);
						}
					} else {
						expected.set(step.platform, (expected.get(step.platform) ?? 0) + 1);
					}
					const result = await send(receiver, sendBody, headers);
					const want = step.forged ? 401 : 200;
					if (result.status !== want) failures.push(`${step.platform} ${step.forged ? step.kind : 'valid'}: ${result.status}`);
				}
			}),
		);
		const seconds = (Date.now() - started) / 1000;
		let total = 0;
		for (const platform of PLATFORMS) {
			const receiver = rig.receivers[platform];
			const want = (before.get(platform) ?? 0) + (expected.get(platform) ?? 0);
			const count = await settledCount(receiver.workflowId, want);
			total += count - (before.get(platform) ?? 0);
		}
		process.stderr.write(
			`R1 ${plan.length} deliveries in ${seconds.toFixed(1)} s (${(plan.length / seconds).toFixed(1)}/s): ${total} executions, ${failures.length} unexpected answers\n`,
		);
		assert.deepEqual(failures.slice(0, 20), []);
		assert.equal(total, R1_VALID);
	});
});

describe('Security: secrets never leave n8n', () => {
	test('no API key or signing secret in any answer, execution output or error, or the n8n log', async () => {
		const { n8n } = rig.bench;
		const ids = PLATFORMS.map((platform) => rig.receivers[platform].workflowId);
		const executionTexts: string[] = [];
		for (const id of ids) {
			// The newest 250 of each workflow, with their data: outputs and errors.
			const page = await n8n.api<{ data: unknown[] }>('GET', `/executions?workflowId=${id}&includeData=true&limit=250`);
			executionTexts.push(JSON.stringify(page.data));
		}
		const log = n8n.logs.join('\n');
		const haystacks: Array<[string, string]> = [
			['answers', answers.join('\n')],
			['executions', executionTexts.join('\n')],
			['n8n log', log],
		];
		const leaks: string[] = [];
		for (const secret of rig.secrets) {
			for (const [where, text] of haystacks) if (text.includes(secret)) leaks.push(`${secret.slice(0, 6)}… in ${where}`);
		}
		process.stderr.write(
			`Security: searched ${rig.secrets.length} secrets in ${answers.length} answers, ${executionTexts.join('').length} chars of executions, ${n8n.logs.length} log lines\n`,
		);
		assert.deepEqual(leaks, []);
	});
});
