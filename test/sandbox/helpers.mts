import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

import { readBody } from '../../sandbox/server.mts';

export interface Received {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
	/** performance.now() when the whole request had arrived. */
	at: number;
}

/** What the receiver does with a request: a status and body, or `'hang'` to never answer. */
export type Answer = { status: number; body?: string } | 'hang';

export interface Receiver {
	url: string;
	received: Received[];
	close(): Promise<void>;
}

/** A webhook endpoint on 127.0.0.1 that records every request and answers as `answer` says. */
export async function startReceiver(
	answer: (req: Received, index: number) => Answer = () => ({ status: 200, body: 'OK' }),
): Promise<Receiver> {
	const received: Received[] = [];
	const hanging: ServerResponse[] = [];
	const server = createServer(async (req, res) => {
		const body = await readBody(req);
		const record: Received = {
			method: req.method ?? '',
			path: req.url ?? '',
			headers: req.headers,
			body,
			at: performance.now(),
		};
		received.push(record);
		const reply = answer(record, received.length - 1);
		if (reply === 'hang') {
			hanging.push(res);
			return;
		}
		res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? '');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

const PYTHON_HMAC = `
import sys, json, hmac, hashlib, base64
out = []
for item in json.load(sys.stdin):
    body = base64.b64decode(item["body"])
    if item.get("compact"):
        body = json.dumps(json.loads(body), separators=(",", ":"), ensure_ascii=False).encode()
    out.append(hmac.new(item["secret"].encode(), body, hashlib.sha256).hexdigest())
print(json.dumps(out))
`;

const run = promisify(execFile);

/**
 * HMAC-SHA256 hex digests computed by Python's hmac module: an implementation independent of
 * node:crypto and of nodes/shared/signature.ts. `compact` signs Python's compact re-serialization.
 */
export async function pythonHmac(
	items: { secret: string; body: Buffer; compact?: boolean }[],
): Promise<string[]> {
	const input = JSON.stringify(
		items.map((i) => ({ secret: i.secret, body: i.body.toString('base64'), compact: i.compact })),
	);
	const child = run('python3', ['-c', PYTHON_HMAC], { encoding: 'utf8' });
	child.child.stdin?.end(input);
	const { stdout } = await child;
	return JSON.parse(stdout) as string[];
}

export interface ApiAnswer<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

/** A JSON client for one platform API of the sandbox. */
export function client(baseUrl: string, apiKey?: string) {
	return async <T = any,>(
		method: string,
		path: string,
		body?: unknown,
		key = apiKey,
	): Promise<ApiAnswer<T>> => {
		const headers: Record<string, string> = {};
		if (key !== undefined) headers.authorization = `Bearer ${key}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(baseUrl + path, {
			method,
			headers,
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
	};
}

export async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!check()) {
		if (performance.now() > deadline) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 5));
	}
}
