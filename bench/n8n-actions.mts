// P4 and P3 in a real n8n (the package installed from its tarball) against the sandbox.
//   node --import tsx bench/n8n-actions.mts [--bulk 1000] [--time-scale 0.05]
// P4: Return All over 10,000 seeded contacts: list requests ÷ ceil(10000/100), and the n8n
//     process's peak resident memory during the run ÷ its idle memory.
// P3: 1,000 creates through the Brote node against the sandbox's Brote limit, time-scaled;
//     The credential states the limit on the sandbox's clock, so the node in n8n keeps pace.
//     Beside it, n8n's HTTP Request node posting the same 1,000 items with Retry On Fail
//     (5 tries, 1 s apart), with and without "On Error: Continue".
// Prints ratios; asserts nothing.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { profiles } from '../nodes/platforms/index.ts';
import type { Execution, N8nServer } from '../scripts/n8n/server.mts';
import { startSandbox, type Sandbox } from '../sandbox/index.mts';
import { postJson } from '../test/e2e/helpers.mts';
import { broteCredential, startBenchN8n } from './n8n.mts';
import {
	splitOut,
	webhookChain,
	type ChainNode,
	type CredentialRef,
} from '../scripts/n8n/workflow-json.mts';

const RETURN_ALL_COUNT = 10_000;
const limit = profiles.brote.api?.rateLimit ?? { capacity: Infinity, refillPerMinute: Infinity };
const pageSize = profiles.brote.api?.pagination?.maxPageSize ?? 100;

export interface ReturnAllResult {
	items: number;
	requests: number;
	expectedRequests: number;
	seconds: number;
	idleRssMiB: number;
	peakRssMiB: number;
}

export interface BulkResult {
	label: string;
	items: number;
	seconds: number;
	/** Items that came out as results, per second of the node's run. */
	itemsPerSecond: number;
	ceilingPerSecond: number;
	ratio: number;
	/** Items n8n's output marks as failed, or all of them when the execution failed. */
	failedItems: number;
	executionStatus: string;
	created: number;
	duplicates: number;
	/** Input items with no record at the platform. */
	missing: number;
	answered429: number;
}

export interface N8nActionsResult {
	timeScale: number;
	returnAll: ReturnAllResult;
	bulk: BulkResult[];
}

const MiB = 2 ** 20;

function nodeRuns(execution: Execution, node: string) {
	return execution.data?.resultData?.runData?.[node] ?? [];
}

async function lastExecution(n8n: N8nServer, workflowId: string): Promise<Execution> {
	for (let tries = 0; tries < 100; tries++) {
		const [execution] = await n8n.executions(workflowId);
		if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return execution;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`no finished execution of ${workflowId}`);
}

const post = async (url: string, body: unknown) =>
	(await postJson(url, body, { timeoutMs: 600_000 })).status;

async function returnAll(
	n8n: N8nServer,
	sb: Sandbox,
	workflowId: string,
	path: string,
): Promise<ReturnAllResult> {
	const idle: number[] = [];
	for (let i = 0; i < 10; i++) {
		idle.push(n8n.rssBytes() ?? 0);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	let peak = 0;
	const sampler = setInterval(() => {
		peak = Math.max(peak, n8n.rssBytes() ?? 0);
	}, 20);
	sb.resetRequests();
	const started = performance.now();
	try {
		await post(`${n8n.url}/webhook/${path}`, {});
		// The run's data is written after the answer; memory may peak then too.
		await lastExecution(n8n, workflowId);
	} finally {
		clearInterval(sampler);
	}
	const seconds = (performance.now() - started) / 1000;
	const execution = await lastExecution(n8n, workflowId);
	const items = nodeRuns(execution, 'Brote').reduce(
		(sum, run) => sum + (run.data?.main?.[0]?.length ?? 0),
		0,
	);
	return {
		items,
		requests: sb.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/contacts')).length,
		expectedRequests: Math.ceil(RETURN_ALL_COUNT / pageSize),
		seconds,
		idleRssMiB: Math.min(...idle) / MiB,
		peakRssMiB: peak / MiB,
	};
}

interface BulkJob {
	label: string;
	workflowId: string;
	path: string;
	node: string;
	prefix: string;
}

function phones(prefix: string, count: number): Array<{ phone: string }> {
	return Array.from({ length: count }, (_, i) => ({
		phone: `+56${prefix}${String(i).padStart(6, '0')}`,
	}));
}

async function bulk(
	n8n: N8nServer,
	sb: Sandbox,
	job: BulkJob,
	count: number,
	timeScale: number,
): Promise<BulkResult> {
	const contacts = phones(job.prefix, count);
	const wanted = new Set(contacts.map((c) => c.phone));
	sb.resetRequests();
	const started = performance.now();
	await post(`${n8n.url}/webhook/${job.path}`, { contacts });
	const execution = await lastExecution(n8n, job.workflowId);
	const runs = nodeRuns(execution, job.node);
	// The node's own time, as n8n recorded it: n8n's start-up work for the run is not the limit's.
	const nodeMs = runs.reduce(
		(sum, run) => sum + ((run as { executionTime?: number }).executionTime ?? 0),
		0,
	);
	const seconds = (nodeMs || performance.now() - started) / 1000;
	const output = runs.at(-1)?.data?.main?.[0] ?? [];
	const failedItems =
		execution.status === 'success'
			? output.filter((item) => item.json.error !== undefined).length +
				Math.max(0, count - output.length)
			: count;
	let created = 0;
	const seen = new Set<string>();
	for (const contact of sb.brote.contacts.values()) {
		const phone = (contact as { phone?: string }).phone ?? '';
		if (!wanted.has(phone)) continue;
		created++;
		seen.add(phone);
	}
	const refillPerSecond = limit.refillPerMinute / (60 * timeScale);
	const ceiling = limit.capacity + refillPerSecond * seconds;
	return {
		label: job.label,
		items: count,
		seconds,
		itemsPerSecond: (count - failedItems) / seconds,
		ceilingPerSecond: ceiling / seconds,
		ratio: Math.min(count, ceiling) === 0 ? 0 : (count - failedItems) / ceiling,
		failedItems,
		executionStatus: execution.status,
		created,
		duplicates: created - seen.size,
		missing: count - seen.size,
		answered429: sb.requests.filter((r) => r.status === 429).length,
	};
}

function httpRequestNode(sb: Sandbox, apiKey: string, continueOnFail: boolean): ChainNode {
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		retryOnFail: true,
		maxTries: 5,
		waitBetweenTries: 1000,
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		parameters: {
			method: 'POST',
			url: `${sb.urls.brote}/contacts`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${apiKey}` }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ name: "Bench", phone: $json.phone }) }}',
			options: {},
		},
	};
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

export async function run(
	options: { bulkCount?: number; timeScale?: number } = {},
): Promise<N8nActionsResult> {
	const bulkCount = options.bulkCount ?? 1_000;
	const timeScale = options.timeScale ?? 0.05;
	const sb = await startSandbox({ timeScale, seedContacts: RETURN_ALL_COUNT });
	const bench = await startBenchN8n();
	const { n8n } = bench;
	try {
		const listing = await broteCredential(n8n, sb, 'Brote list');
		const creating = await broteCredential(n8n, sb, 'Brote create');
		const broteNode = (
			parameters: Record<string, unknown>,
			ref: CredentialRef,
			extra = {},
		): ChainNode => ({
			name: 'Brote',
			type: 'n8n-nodes-conversa.brote',
			parameters,
			credentials: { broteApi: ref },
			...extra,
		});
		const workflows = [
			webhookChain('bench return all', 'bench-return-all', [
				broteNode({ resource: 'contact', operation: 'getAll', returnAll: true }, listing),
			]),
			webhookChain('bench bulk brote', 'bench-bulk-brote', [
				splitOut('contacts'),
				broteNode(
					{ resource: 'contact', operation: 'create', name: 'Bench', phone: '={{ $json.phone }}' },
					creating,
					{
						onError: 'continueRegularOutput',
					},
				),
			]),
			webhookChain('bench bulk http', 'bench-bulk-http', [
				splitOut('contacts'),
				httpRequestNode(sb, sb.newApiKey('brote'), false),
			]),
			webhookChain('bench bulk http continue', 'bench-bulk-http-continue', [
				splitOut('contacts'),
				httpRequestNode(sb, sb.newApiKey('brote'), true),
			]),
		];
		const ids = await n8n.importAndActivate(workflows);
		for (const path of [
			'bench-return-all',
			'bench-bulk-brote',
			'bench-bulk-http',
			'bench-bulk-http-continue',
		]) {
			await n8n.waitForWebhook(path);
		}
		const [allId, broteId, httpId, httpContinueId] = ids as [string, string, string, string];

		const all = await returnAll(n8n, sb, allId, 'bench-return-all');
		const jobs: BulkJob[] = [
			{
				label: 'Brote node',
				workflowId: broteId,
				path: 'bench-bulk-brote',
				node: 'Brote',
				prefix: '91',
			},
			{
				label: 'HTTP Request, Retry On Fail',
				workflowId: httpId,
				path: 'bench-bulk-http',
				node: 'HTTP Request',
				prefix: '92',
			},
			{
				label: 'HTTP Request, Retry On Fail + On Error: Continue',
				workflowId: httpContinueId,
				path: 'bench-bulk-http-continue',
				node: 'HTTP Request',
				prefix: '93',
			},
		];
		const results: BulkResult[] = [];
		for (const job of jobs) results.push(await bulk(n8n, sb, job, bulkCount, timeScale));

		const minute = `1 min = ${fixed(60 * timeScale, 1)} s`;
		console.log(
			`\nActions in a real n8n 2.41.1 (package from its tarball; sandbox limit ${limit.capacity} burst + ${limit.refillPerMinute}/min, ${minute}; the credential states that limit on the same clock)`,
		);
		console.log(
			`  P4 return all ${all.items}: ${all.requests} list requests (expected ${all.expectedRequests}, ratio ${fixed(all.requests / all.expectedRequests, 3)});` +
				` n8n RSS idle ${fixed(all.idleRssMiB, 0)} MiB, peak ${fixed(all.peakRssMiB, 0)} MiB (+${fixed(all.peakRssMiB - all.idleRssMiB, 0)} MiB, x${fixed(all.peakRssMiB / all.idleRssMiB)}); ${fixed(all.seconds)} s`,
		);
		for (const r of results) {
			console.log(
				`  P3 ${r.label}, ${r.items} creates: ${fixed(r.itemsPerSecond, 1)} succeeded items/s vs ceiling ${fixed(r.ceilingPerSecond, 1)}/s,` +
					` succeeded ÷ ceiling ${fixed(r.ratio, 3)}; execution ${r.executionStatus}; failed items ${r.failedItems};` +
					` records created ${r.created} (duplicates ${r.duplicates}, missing ${r.missing}); 429s ${r.answered429}; ${fixed(r.seconds)} s`,
			);
		}
		return { timeScale, returnAll: all, bulk: results };
	} finally {
		await bench.stop();
		await sb.close();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { values } = parseArgs({
		options: {
			bulk: { type: 'string', default: '1000' },
			'time-scale': { type: 'string', default: '0.05' },
		},
	});
	await run({ bulkCount: Number(values.bulk), timeScale: Number(values['time-scale']) });
}
