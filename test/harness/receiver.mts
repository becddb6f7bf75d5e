// A webhook endpoint for tests: records every request, raw bytes included, and answers as told.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
