// P1 and P1b: trigger throughput in a real n8n with its default settings, three workflows in
// the same n8n driven in turn by the same autocannon load.
//   node --import tsx bench/n8n-triggers.mts [--rounds 3] [--seconds 10] [--connections 10]
// (a) the Brote Trigger verifying signatures (manual registration, the credential's secret);
// (b) the bench's no-op community trigger (bench/fixtures/n8n-nodes-bench-noop), the ceiling
//     for any community trigger, and (b') the same with a credential attached, which it never
//     reads: n8n checks an attached credential's permissions before every execution, so this
//     is the ceiling for a trigger whose secret lives in a credential; (c) n8n's built-in
//     Webhook node. Every (a)/(b)/(c) request
//     carries a distinct body, so each one is an execution.
// P1b, on (a)'s workflow: deliveries answered without an execution (an unselected event, the
// same delivery again, a bad signature) ÷ executed deliveries, in requests per second.
// Prints ratios; asserts nothing (the executions are counted and reported).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { profiles } from '../nodes/platforms/index.ts';
import { sign } from '../sandbox/signing.mts';
import type { N8nServer } from '../scripts/n8n/server.mts';
import { NOOP_TYPE, listExecutions, noopPackageDir, otherN8nServers, startBenchN8n } from './n8n.mts';
import { plainWebhook, triggerWorkflow } from '../scripts/n8n/workflow-json.mts';
import { median } from './median.mts';

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonRequest {
	method?: string;
	body?: Buffer | string;
	headers?: Record<string, string>;
	setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
	duration: number;
	errors: number;
	timeouts: number;
	latency: { p50: number; p99: number };
	statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: {
	url: string;
	connections: number;
	duration: number;
	timeout: number;
	requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const profile = profiles.brote;
const SIGNATURE_HEADER = profile.signature.header.toLowerCase();

export type LoadName =
	| 'brote'
	| 'noop'
	| 'noopCredential'
	| 'webhook'
	| 'unselected'
	| 'duplicate'
	| 'badSignature'
	| 'noopIgnored';

export interface LoadStats {
	name: LoadName;
	requestsPerSecond: number;
	p50: number;
	p99: number;
	statuses: Record<string, number>;
	errors: number;
}

export interface TriggerBenchResult {
	rounds: number;
	seconds: number;
	connections: number;
	/** Median over rounds of each load. */
	loads: Record<LoadName, LoadStats>;
	ratios: {
		broteToNoop: number;
		broteToNoopCredential: number;
		broteToWebhook: number;
		ignoredToExecuted: Record<string, number>;
		/** The same ratio for the no-op trigger: the most any community trigger gets from n8n. */
		noopIgnoredToExecuted: number;
	};
	/**
	 * Executions per workflow, and the range they must fall in: every 200 of an executing load,
	 * plus the requests still in flight when a timed load stops (at most `connections` a load).
	 */
	executions: Record<'brote' | 'noop' | 'noopCredential' | 'webhook', { count: number; min: number; max: number }>;
	othersRunning: boolean;
}

let sequence = 0;

/** A fresh contact.created delivery: distinct bytes, so n8n runs it and de-duplication never drops it. */
function deliveryBody(type: string): Buffer {
	const id = `${Date.now().toString(36)}${(++sequence).toString(36)}`;
	const sample = (profile.events as Record<string, { sample: unknown } | undefined>)[type]?.sample ?? {};
	return Buffer.from(
		JSON.stringify({
			event: type,
			timestamp: new Date().toISOString(),
			organization_id: '921da914-7b3e-436f-91e5-ac81637a84dc',
			data: { ...(sample as object), id: `ct_${id}` },
		}),
	);
}

interface Load {
	name: LoadName;
	path: string;
	next(): { body: Buffer; headers: Record<string, string> };
}

function loads(
	paths: { brote: string; noop: string; noopCredential: string; webhook: string },
	secret: string,
): Load[] {
	const json = { 'content-type': 'application/json' };
	const signed = (type: string, key = secret) => {
		const body = deliveryBody(type);
		return { body, headers: { ...json, [SIGNATURE_HEADER]: sign(body, key, true) } };
	};
	const duplicate = signed('contact.created');
	const wrongSecret = randomBytes(16).toString('hex');
	return [
		{ name: 'brote', path: paths.brote, next: () => signed('contact.created') },
		{ name: 'noop', path: paths.noop, next: () => signed('contact.created') },
		{ name: 'noopCredential', path: paths.noopCredential, next: () => signed('contact.created') },
		{ name: 'webhook', path: paths.webhook, next: () => signed('contact.created') },
		{ name: 'unselected', path: paths.brote, next: () => signed('ticket.won') },
		{ name: 'duplicate', path: paths.brote, next: () => duplicate },
		{ name: 'badSignature', path: paths.brote, next: () => signed('contact.created', wrongSecret) },
		{
			name: 'noopIgnored',
			path: paths.noop,
			next: () => {
				const delivery = signed('contact.created');
				return { ...delivery, headers: { ...delivery.headers, 'x-bench-ignore': '1' } };
			},
		},
	];
}

async function drive(n8n: N8nServer, load: Load, seconds: number, connections: number): Promise<LoadStats> {
	const result = await autocannon({
		url: `${n8n.url}/webhook/${load.path}`,
		connections,
		duration: seconds,
		timeout: 30,
		requests: [
			{
				method: 'POST',
				setupRequest: (request) => ({ ...request, ...load.next() }),
			},
		],
	});
	const statuses = Object.fromEntries(
		Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
	);
	const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
	return {
		name: load.name,
		requestsPerSecond: answered / result.duration,
		p50: result.latency.p50,
		p99: result.latency.p99,
		statuses,
		errors: result.errors + result.timeouts,
	};
}

/** Executions answered on receipt keep running after the load stops; the next load waits for them. */
async function settle(n8n: N8nServer): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		const running = await n8n.api<{ data: unknown[] }>('GET', '/executions?status=running&limit=1');
		if (running.data.length === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

function medianStats(runs: LoadStats[]): LoadStats {
	const first = runs[0] as LoadStats;
	const statuses: Record<string, number> = {};
	for (const run of runs) for (const [code, count] of Object.entries(run.statuses)) statuses[code] = (statuses[code] ?? 0) + count;
	return {
		name: first.name,
		requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
		p50: median(runs.map((r) => r.p50)),
		p99: median(runs.map((r) => r.p99)),
		statuses,
		errors: runs.reduce((sum, r) => sum + r.errors, 0),
	};
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

export async function run(
	options: { rounds?: number; seconds?: number; connections?: number } = {},
): Promise<TriggerBenchResult> {
	const rounds = options.rounds ?? 3;
	const seconds = options.seconds ?? 10;
	const connections = options.connections ?? 10;
	const secret = randomBytes(24).toString('hex');
	const bench = await startBenchN8n({ extraPackages: [noopPackageDir] });
	const { n8n } = bench;
	let othersRunning = otherN8nServers([n8n.pid]).length > 0;
	try {
		const credential = {
			id: await n8n.createCredential({
				name: 'Brote bench',
				type: 'broteApi',
				data: {
					apiKey: 'unused-with-manual-registration',
					baseUrl: 'http://127.0.0.1:9/v1',
					webhookSecret: secret,
					previousWebhookSecret: '',
				},
			}),
			name: 'Brote bench',
		};
		const brote = triggerWorkflow(
			'bench brote trigger',
			'n8n-nodes-conversa.broteTrigger',
			{ registration: 'manual', events: ['contact.created'], options: {} },
			{ broteApi: credential },
		);
		const noop = triggerWorkflow('bench noop trigger', NOOP_TYPE, {});
		const noopCredential = triggerWorkflow('bench noop trigger with credential', NOOP_TYPE, {}, { broteApi: credential });
		const webhook = plainWebhook('bench webhook node', 'bench-webhook-node');
		const [broteId, noopId, noopCredentialId, webhookId] = (await n8n.importAndActivate([
			brote.workflow,
			noop.workflow,
			noopCredential.workflow,
			webhook.workflow,
		])) as [string, string, string, string];
		for (const path of [brote.path, noop.path, noopCredential.path, webhook.path]) await n8n.waitForWebhook(path);

		const all = loads(
			{ brote: brote.path, noop: noop.path, noopCredential: noopCredential.path, webhook: webhook.path },
			secret,
		);
		const runs = new Map<LoadName, LoadStats[]>();
		for (let round = 0; round < rounds; round++) {
			// Each round starts one load later, so no load always follows the same one.
			const order = [...all.slice(round % all.length), ...all.slice(0, round % all.length)];
			for (const load of order) {
				othersRunning ||= otherN8nServers([n8n.pid]).length > 0;
				const stats = await drive(n8n, load, seconds, connections);
				runs.set(load.name, [...(runs.get(load.name) ?? []), stats]);
				await settle(n8n);
			}
		}
		const stats = Object.fromEntries([...runs].map(([name, list]) => [name, medianStats(list)])) as Record<
			LoadName,
			LoadStats
		>;
		const executed = (name: LoadName) => stats[name].statuses['200'] ?? 0;
		const range = async (id: string, answered: number) => ({
			count: (await listExecutions(n8n, id)).length,
			min: answered,
			max: answered + rounds * connections,
		});
		const executions = {
			// The first of the duplicates runs once.
			brote: await range(broteId, executed('brote') + 1),
			noop: await range(noopId, executed('noop')),
			noopCredential: await range(noopCredentialId, executed('noopCredential')),
			webhook: await range(webhookId, executed('webhook')),
		};
		const rate = (name: LoadName) => stats[name].requestsPerSecond;
		const result: TriggerBenchResult = {
			rounds,
			seconds,
			connections,
			loads: stats,
			ratios: {
				broteToNoop: rate('brote') / rate('noop'),
				broteToNoopCredential: rate('brote') / rate('noopCredential'),
				broteToWebhook: rate('brote') / rate('webhook'),
				ignoredToExecuted: {
					unselected: rate('unselected') / rate('brote'),
					duplicate: rate('duplicate') / rate('brote'),
					badSignature: rate('badSignature') / rate('brote'),
				},
				noopIgnoredToExecuted: rate('noopIgnored') / rate('noop'),
			},
			executions,
			othersRunning,
		};

		console.log(
			`\nTriggers in a real n8n 2.41.1, default settings (autocannon, ${connections} connections, ${seconds} s a load, ${rounds} rounds in rotating order, medians)`,
		);
		for (const s of Object.values(stats)) {
			const codes = Object.entries(s.statuses)
				.map(([code, count]) => `${code}×${count}`)
				.join(' ');
			console.log(
				`  ${s.name.padEnd(14)} ${fixed(s.requestsPerSecond).padStart(7)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  [${codes}${s.errors ? `, ${s.errors} errors` : ''}]`,
			);
		}
		console.log(
			`  P1 a÷b (Brote Trigger ÷ no-op community trigger) ${fixed(result.ratios.broteToNoop, 3)} (target >= 0.95); a÷b' (÷ the no-op with a credential attached) ${fixed(result.ratios.broteToNoopCredential, 3)}; a÷c (÷ Webhook node) ${fixed(result.ratios.broteToWebhook, 3)}`,
		);
		console.log(
			`  P1b ignored ÷ executed: unselected ${fixed(result.ratios.ignoredToExecuted.unselected ?? 0)}×, duplicate ${fixed(result.ratios.ignoredToExecuted.duplicate ?? 0)}×,` +
				` bad signature ${fixed(result.ratios.ignoredToExecuted.badSignature ?? 0)}× (target >= 5×);` +
				` the no-op trigger answering itself ÷ executing: ${fixed(result.ratios.noopIgnoredToExecuted)}× (the ceiling n8n leaves any trigger)`,
		);
		const shown = Object.entries(executions)
			.map(([name, e]) => `${name} ${e.count} (${e.count >= e.min && e.count <= e.max ? 'within' : 'OUTSIDE'} ${e.min}..${e.max})`)
			.join(', ');
		console.log(
			`  executions: ${shown}; ignored loads add none (the range is each 200 plus what was in flight when a load stopped)` +
				(othersRunning ? '; another n8n was running on this machine meanwhile' : ''),
		);
		return result;
	} finally {
		await bench.stop();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { values } = parseArgs({
		options: {
			rounds: { type: 'string', default: '3' },
			seconds: { type: 'string', default: '10' },
			connections: { type: 'string', default: '10' },
		},
	});
	await run({ rounds: Number(values.rounds), seconds: Number(values.seconds), connections: Number(values.connections) });
}
