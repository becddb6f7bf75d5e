// Action-node benchmark: the Brote node run by n8n's engine against the sandbox, with the
// rate limit time-scaled. Prints ratios; asserts nothing.
//   node --import tsx bench/actions.mts [bulkCount]
import { pathToFileURL } from 'node:url';

import type { IDataObject } from 'n8n-workflow';

import { BroteApi } from '../credentials/BroteApi.credentials.ts';
import { Brote } from '../nodes/Brote/Brote.node.ts';
import { profiles } from '../nodes/platforms/index.ts';
import { startSandbox, type Sandbox } from '../sandbox/index.mts';
import { Engine } from '../test/harness/n8n.mts';

/** 1 platform minute = 1.2 s: slow enough that the limit, not the engine, sets the pace. */
const TIME_SCALE = 0.02;
const RETURN_ALL_COUNT = 10_000;

export interface ActionsBenchResult {
	bulk: {
		items: number;
		seconds: number;
		itemsPerSecond: number;
		ceilingPerSecond: number;
		ratio: number;
		failedItems: number;
		answered429: number;
	};
	naive: { items: number; failedItems: number; answered429: number };
	returnAll: {
		items: number;
		requests: number;
		expectedRequests: number;
		seconds: number;
		peakHeapMiB: number;
	};
}

const limit = profiles.brote.api?.rateLimit ?? { capacity: Infinity, refillPerMinute: Infinity };

function engineFor(): Engine {
	return new Engine({ nodes: { brote: Brote }, credentialTypes: [BroteApi] });
}

function phones(prefix: string, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		phone: `+56${prefix}${String(i).padStart(6, '0')}`,
	}));
}

/** N creates through the node: items per second against what the limit allows in that time. */
async function bulkCreate(sb: Sandbox, count: number): Promise<ActionsBenchResult['bulk']> {
	const apiKey = sb.newApiKey('brote');
	sb.resetRequests();
	const started = performance.now();
	const run = await engineFor().run(
		{
			type: 'brote',
			parameters: {
				resource: 'contact',
				operation: 'create',
				name: 'Bench',
				phone: '={{ $json.phone }}',
			},
			credentials: { broteApi: sb.credentials('brote', apiKey) },
			onError: 'continueRegularOutput',
		},
		phones('91', count),
	);
	const seconds = (performance.now() - started) / 1000;
	const items = run.outputs[0] ?? [];
	const failedItems =
		items.filter((item) => item.json.error !== undefined).length + (count - items.length);
	const refillPerSecond = limit.refillPerMinute / (60 * TIME_SCALE);
	const ceiling = limit.capacity + refillPerSecond * seconds;
	return {
		items: count,
		seconds,
		itemsPerSecond: count / seconds,
		ceilingPerSecond: ceiling / seconds,
		ratio: count / ceiling,
		failedItems,
		answered429: sb.requests.filter((r) => r.status === 429).length,
	};
}

/** The same creates sent the way a plain HTTP client does by default: all at once, no retry. */
async function naiveCreate(sb: Sandbox, count: number): Promise<ActionsBenchResult['naive']> {
	const apiKey = sb.newApiKey('brote');
	sb.resetRequests();
	const statuses = await Promise.all(
		phones('92', count).map(async ({ phone }) => {
			const response = await fetch(`${sb.urls.brote}/contacts`, {
				method: 'POST',
				headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'Bench', phone }),
			});
			await response.arrayBuffer();
			return response.status;
		}),
	);
	return {
		items: count,
		failedItems: statuses.filter((status) => status >= 400).length,
		answered429: statuses.filter((status) => status === 429).length,
	};
}

/** Return All over a seeded store: list requests made and the heap's peak growth. */
async function returnAll(sb: Sandbox): Promise<ActionsBenchResult['returnAll']> {
	const apiKey = sb.newApiKey('brote');
	sb.resetRequests();
	const baseline = process.memoryUsage().heapUsed;
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 5);
	const started = performance.now();
	const run = await engineFor().run({
		type: 'brote',
		parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
		credentials: { broteApi: sb.credentials('brote', apiKey) },
	});
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	return {
		items: run.outputs[0]?.length ?? 0,
		requests: sb.requests.filter((r) => r.path.endsWith('/contacts')).length,
		expectedRequests: Math.ceil(RETURN_ALL_COUNT / 100),
		seconds,
		peakHeapMiB: (peak - baseline) / 2 ** 20,
	};
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

export async function run(bulkCount = 1_000): Promise<ActionsBenchResult> {
	const sb = await startSandbox({ timeScale: TIME_SCALE, seedContacts: RETURN_ALL_COUNT });
	try {
		// Return All runs first: it reads the seeded store alone, and warms the engine up.
		const all = await returnAll(sb);
		const bulk = await bulkCreate(sb, bulkCount);
		const naive = await naiveCreate(sb, bulkCount);
		const minute = `1 min = ${fixed(60 * TIME_SCALE, 1)} s`;
		console.log(
			`\nActions (Brote node in n8n's engine, sandbox limit ${limit.capacity} burst + ${limit.refillPerMinute}/min, ${minute})`,
		);
		console.log(
			`  bulk create ${bulk.items}: ${fixed(bulk.itemsPerSecond, 1)} items/s vs ceiling ${fixed(bulk.ceilingPerSecond, 1)}/s` +
				` = ratio ${fixed(bulk.ratio, 3)} (target >= 0.95); failed ${bulk.failedItems}; 429s ${bulk.answered429}; ${fixed(bulk.seconds)} s`,
		);
		console.log(
			`  same creates all at once, no pacing: failed ${naive.failedItems}/${naive.items}` +
				` = ${fixed(naive.failedItems / naive.items, 3)} (${naive.answered429} answered 429)`,
		);
		console.log(
			`  return all ${all.items}: ${all.requests} requests (expected ${all.expectedRequests}, ratio ${fixed(all.requests / all.expectedRequests, 3)});` +
				` peak heap +${fixed(all.peakHeapMiB, 1)} MiB; ${fixed(all.seconds)} s`,
		);
		return { bulk, naive, returnAll: all };
	} finally {
		await sb.close();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	await run(Number(process.argv[2] ?? 1_000));
}
