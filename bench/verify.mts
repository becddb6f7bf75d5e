// Signature verification cost: the package's verify() against bare crypto.createHmac plus
// timingSafeEqual on the same bytes, with standardwebhooks' verify beside them. Prints ratios;
// asserts nothing. Targets (issue 4): at most 1.10 on 1 MiB and 1.5 on 1 KiB.
//   node --import tsx bench/verify.mts
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';

import { profiles } from '../nodes/platforms/index.ts';
import { verify } from '../nodes/trigger/signature.ts';
import { sign } from '../sandbox/signing.mts';
import { median } from './median.mts';

const TARGETS: Record<string, number> = { '1 KiB': 1.5, '1 MiB': 1.1 };
const ROUNDS = 15;

export interface VerifyBenchRow {
	size: string;
	bytes: number;
	/** Median nanoseconds per verification. */
	bareNs: number;
	verifyNs: number;
	ratio: number;
	target: number;
	/** standardwebhooks' verify, when installed; its ratio to the bare HMAC. */
	standardWebhooksNs?: number;
	standardWebhooksRatio?: number;
}

type StandardWebhook = {
	verify(
		payload: Buffer,
		headers: Record<string, string>,
		options?: { jsonParse?: boolean },
	): unknown;
	sign(id: string, timestamp: Date, payload: Buffer): string;
};

/** A JSON event of about `size` bytes, as a platform sends it. */
function eventBody(size: number): Buffer {
	const envelope = {
		id: 'evt_bench',
		type: 'message.received',
		created_at: new Date().toISOString(),
		data: { text: '' },
	};
	const padding = size - Buffer.byteLength(JSON.stringify(envelope));
	envelope.data.text = 'x'.repeat(Math.max(0, padding));
	return Buffer.from(JSON.stringify(envelope));
}

/** Nanoseconds per call of each function, measured in interleaved rounds so drift hits all alike. */
function measure(fns: Array<() => unknown>, opsPerRound: number): number[] {
	const samples: number[][] = fns.map(() => []);
	for (const fn of fns) for (let i = 0; i < opsPerRound; i++) fn();
	for (let round = 0; round < ROUNDS; round++) {
		fns.forEach((fn, index) => {
			const start = process.hrtime.bigint();
			for (let i = 0; i < opsPerRound; i++) fn();
			samples[index].push(Number(process.hrtime.bigint() - start) / opsPerRound);
		});
	}
	return samples.map(median);
}

async function loadStandardWebhooks(): Promise<
	(new (secret: string) => StandardWebhook) | undefined
> {
	try {
		const module = (await import('standardwebhooks')) as {
			Webhook: new (secret: string) => StandardWebhook;
		};
		return module.Webhook;
	} catch {
		return undefined;
	}
}

function formatNs(ns: number): string {
	return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(2)} µs`;
}

export async function run(): Promise<VerifyBenchRow[]> {
	const secret = randomBytes(32).toString('hex');
	const format = profiles.brote.signature;
	const StandardWebhook = await loadStandardWebhooks();
	const standard = StandardWebhook
		? new StandardWebhook(randomBytes(32).toString('base64'))
		: undefined;
	const rows: VerifyBenchRow[] = [];

	for (const [size, bytes, opsPerRound] of [
		['1 KiB', 1024, 20_000],
		['1 MiB', 1024 * 1024, 20],
	] as const) {
		const body = eventBody(bytes);
		const header = sign(body, secret, true);
		const expected = Buffer.from(header.slice('sha256='.length), 'hex');
		const bare = () =>
			timingSafeEqual(createHmac('sha256', secret).update(body).digest(), expected);
		const ours = () => verify({ body, header, secrets: [secret], format });
		if (!bare() || !ours().ok) throw new Error('the benchmark signed its own bodies wrongly');

		const fns: Array<() => unknown> = [bare, ours];
		if (standard) {
			const timestamp = new Date();
			const headers = {
				'webhook-id': 'evt_bench',
				'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
				'webhook-signature': standard.sign('evt_bench', timestamp, body),
			};
			fns.push(() => standard.verify(body, headers, { jsonParse: false }));
		}
		const [bareNs, verifyNs, standardNs] = measure(fns, opsPerRound);
		rows.push({
			size,
			bytes: body.length,
			bareNs,
			verifyNs,
			ratio: verifyNs / bareNs,
			target: TARGETS[size],
			...(standardNs === undefined
				? {}
				: { standardWebhooksNs: standardNs, standardWebhooksRatio: standardNs / bareNs }),
		});
	}

	console.log(
		'\nSignature verification (HMAC-SHA256 over the raw body, one secret; median of %d rounds)',
		ROUNDS,
	);
	for (const row of rows) {
		const verdict = row.ratio <= row.target ? 'within' : 'OVER';
		console.log(
			`  ${row.size}: bare createHmac+timingSafeEqual ${formatNs(row.bareNs)}; verify() ${formatNs(row.verifyNs)} = ${row.ratio.toFixed(3)}× (target ≤ ${row.target}, ${verdict})` +
				(row.standardWebhooksNs === undefined
					? '; standardwebhooks not installed (npm install --no-save standardwebhooks@1.1.1)'
					: `; standardwebhooks verify ${formatNs(row.standardWebhooksNs)} = ${row.standardWebhooksRatio?.toFixed(2)}×`),
		);
	}
	return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
