// P6: what a refused delivery costs each trigger in a real n8n, as a ratio to the Brote Trigger,
// which verifies the raw bytes only. Each body carries a well-formed signature made with the
// wrong secret, is gzip-compressed on the wire (n8n inflates it before its size limit) and is
// sent as text/plain, so n8n parses nothing itself: whatever the trigger does before the
// signature holds is the whole difference.
//   node --import tsx bench/n8n-refusals.mts [--rounds 3] [--requests 5]
// Prints ratios; asserts nothing. Target: every platform at most 3× Brote at every size.
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { profiles } from '../nodes/platforms/index.ts';
import type { PlatformId } from '../nodes/platforms/types.ts';
import { sign } from '../sandbox/signing.mts';
import { PLATFORMS, signatureHeader, startRig } from '../test/reliability/setup.mts';
import { median } from './median.mts';
import { otherN8nServers } from './n8n.mts';

interface Body {
	name: string;
	bytes: Buffer;
}

function prettyEvent(padding: number): Buffer {
	return Buffer.from(
		JSON.stringify(
			{
				id: 'evt_bench',
				type: 'message.received',
				created_at: new Date().toISOString(),
				data: { text: 'x'.repeat(padding) },
			},
			null,
			2,
		),
	);
}

function brackets(bytes: number): Buffer {
	return Buffer.concat([Buffer.alloc(bytes / 2, '['), Buffer.alloc(bytes / 2, ']')]);
}

const BODIES: Body[] = [
	{ name: 'event, 1 KiB', bytes: prettyEvent(700) },
	{ name: 'event, 60 KiB', bytes: prettyEvent(60 * 1024) },
	{ name: 'brackets, 1 MiB', bytes: brackets(1 << 20) },
	{ name: 'brackets, 14 MiB', bytes: brackets(14 << 20) },
];

export interface RefusalBenchResult {
	/** Median milliseconds per refused request, by body and platform. */
	ms: Record<string, Record<PlatformId, number>>;
	/** The same ÷ Brote's. */
	ratios: Record<string, Record<PlatformId, number>>;
	statuses: Record<string, number>;
	othersRunning: boolean;
}

async function timed(url: string, body: Buffer, headers: Record<string, string>) {
	const started = performance.now();
	const response = await fetch(url, { method: 'POST', body, headers });
	await response.arrayBuffer();
	return { ms: performance.now() - started, status: response.status };
}

export async function run(
	options: { rounds?: number; requests?: number } = {},
): Promise<RefusalBenchResult> {
	const rounds = options.rounds ?? 3;
	const requests = options.requests ?? 5;
	const rig = await startRig();
	const own = [rig.bench.n8n.pid];
	let othersRunning = otherN8nServers(own).length > 0;
	try {
		const samples = new Map<string, number[]>();
		const statuses: Record<string, number> = {};
		for (let round = 0; round < rounds; round++) {
			for (const body of BODIES) {
				const wire = gzipSync(body.bytes);
				// Each round starts with another platform, so none always follows the same one.
				const order = [
					...PLATFORMS.slice(round % PLATFORMS.length),
					...PLATFORMS.slice(0, round % PLATFORMS.length),
				];
				for (const platform of order) {
					const receiver = rig.receivers[platform];
					const headers = {
						'content-type': 'text/plain',
						'content-encoding': 'gzip',
						[profiles[platform].signature.header.toLowerCase()]: signatureHeader(
							platform,
							sign(body.bytes, 'not-the-secret'),
						),
					};
					for (let i = 0; i < requests; i++) {
						const { ms, status } = await timed(receiver.url, wire, headers);
						const key = `${body.name}\n${platform}`;
						samples.set(key, [...(samples.get(key) ?? []), ms]);
						statuses[status] = (statuses[status] ?? 0) + 1;
					}
				}
				othersRunning ||= otherN8nServers(own).length > 0;
			}
		}
		const ms: RefusalBenchResult['ms'] = {};
		const ratios: RefusalBenchResult['ratios'] = {};
		for (const body of BODIES) {
			const row = Object.fromEntries(
				PLATFORMS.map((platform) => [
					platform,
					median(samples.get(`${body.name}\n${platform}`) ?? []),
				]),
			) as Record<PlatformId, number>;
			ms[body.name] = row;
			ratios[body.name] = Object.fromEntries(
				PLATFORMS.map((platform) => [platform, row[platform] / row.brote]),
			) as Record<PlatformId, number>;
		}

		console.log(
			`\nP6 A refused delivery in a real n8n: wrong signature, gzip on the wire, text/plain (${rounds} rounds × ${requests} requests, medians; ms, then ÷ Brote)`,
		);
		console.log(`  ${'body'.padEnd(18)} ${PLATFORMS.map((p) => p.padStart(18)).join('')}`);
		for (const body of BODIES) {
			const cells = PLATFORMS.map((platform) =>
				`${ms[body.name]![platform].toFixed(1)} ms ${ratios[body.name]![platform].toFixed(2)}×`.padStart(
					18,
				),
			).join('');
			console.log(`  ${body.name.padEnd(18)} ${cells}`);
		}
		const worst = Math.max(...Object.values(ratios).flatMap((row) => Object.values(row)));
		const codes = Object.entries(statuses)
			.map(([code, count]) => `${code}×${count}`)
			.join(' ');
		console.log(
			`  P6 worst ratio to Brote ${worst.toFixed(2)}× (target <= 3×); answers [${codes}]` +
				(othersRunning ? '; another n8n was running on this machine meanwhile' : ''),
		);
		return { ms, ratios, statuses, othersRunning };
	} finally {
		await rig.close();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const { values } = parseArgs({
		options: {
			rounds: { type: 'string', default: '3' },
			requests: { type: 'string', default: '5' },
		},
	});
	await run({ rounds: Number(values.rounds), requests: Number(values.requests) });
}
