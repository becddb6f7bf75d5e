// The proxy a queue-mode user puts in front of n8n: webhook calls go round-robin to the webhook
// processes, everything else (editor, REST and public API) to the main process. It streams
// bodies through untouched, so signatures over the raw bytes still verify.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
	url: string;
	port: number;
	/** Webhook calls each webhook process was sent, by its index. */
	readonly counts: number[];
	/** Replaces the webhook processes calls are spread over (e.g. when one is taken out). */
	setWebhookTargets(urls: string[]): void;
	close(): Promise<void>;
}

const WEBHOOK_PATH = /^\/(webhook|webhook-test|webhook-waiting|form|form-waiting)\//;

function forward(req: IncomingMessage, res: ServerResponse, target: string): void {
	const upstream = request(
		new URL(req.url ?? '/', target),
		{ method: req.method, headers: { ...req.headers, host: new URL(target).host } },
		(answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
			answer.pipe(res);
		},
	);
	upstream.on('error', () => {
		// What nginx answers when the upstream is gone: the platform retries a 502.
		if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
		res.end('bad gateway');
	});
	req.pipe(upstream);
}

/** Listens on 127.0.0.1 (`port`, or a free one). Webhook targets may be set later. */
export async function startBalancer(mainUrl: string, port = 0): Promise<Balancer> {
	let targets: string[] = [];
	let counts: number[] = [];
	let next = 0;
	const server = createServer((req, res) => {
		if (!WEBHOOK_PATH.test(req.url ?? '') || targets.length === 0) {
			forward(req, res, mainUrl);
			return;
		}
		const index = next++ % targets.length;
		counts[index] = (counts[index] ?? 0) + 1;
		forward(req, res, targets[index]!);
	});
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const bound = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${bound}`,
		port: bound,
		get counts() {
			return counts;
		},
		setWebhookTargets(urls) {
			targets = [...urls];
			counts = urls.map(() => 0);
			next = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
