// What a load balancer or a Kubernetes readiness probe puts in front of n8n: requests reach
// n8n only while its /healthz/readiness answers 200. n8n opens its port before it can run
// webhooks; without a gate, a platform's delivery in that window gets n8n's "starting up"
// page (a 200) or Express's 404, and neither reaches the trigger.
//
// At a deploy the balancer also stops routing to the old process before it is sent SIGTERM
// (Kubernetes takes the pod out of the Service; a preStop pause covers the lag): n8n keeps
// answering webhooks while it shuts down, and an execution it starts after its last wait for
// running executions is never run. `drain()` is that step.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { Agent, request } from 'undici';

import { readBody } from '../../sandbox/server.mts';

/** Every answer the gate makes itself starts with this, so a test can tell it from n8n's. */
export const GATE_ANSWER = 'readiness gate:';

export interface ReadinessGate {
	url: string;
	/** Stops forwarding until the probe has seen n8n go away and come back. */
	drain(): void;
	close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'transfer-encoding',
	'host',
	'content-length',
]);

export async function startReadinessGate(
	upstream: string,
	probeEveryMs = 250,
): Promise<ReadinessGate> {
	const agent = new Agent({ keepAliveTimeout: 1_000, connections: 64 });
	let ready = false;
	let draining = false;
	let closed = false;
	const probing = (async () => {
		while (!closed) {
			const up = await request(`${upstream}/healthz/readiness`, {
				dispatcher: agent,
				headersTimeout: 2_000,
			})
				.then(async (response) => (await response.body.dump(), response.statusCode === 200))
				.catch(() => false);
			if (!up) draining = false;
			ready = up && !draining;
			await sleep(probeEveryMs);
		}
	})();

	const answer = (res: ServerResponse, status: number, why: string) =>
		res.writeHead(status, { 'content-type': 'text/plain' }).end(`${GATE_ANSWER} ${why}`);

	const server = createServer(async (req, res) => {
		const body = await readBody(req);
		if (!ready) {
			answer(res, 503, 'n8n is not ready');
			return;
		}
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (!HOP_BY_HOP.has(name) && value !== undefined)
				headers[name] = Array.isArray(value) ? value.join(', ') : value;
		}
		try {
			const response = await request(`${upstream}${req.url ?? '/'}`, {
				method: req.method as 'POST',
				headers,
				body,
				dispatcher: agent,
			});
			const answerBody = Buffer.from(await response.body.arrayBuffer());
			const contentType = response.headers['content-type'];
			res
				.writeHead(response.statusCode, contentType ? { 'content-type': String(contentType) } : {})
				.end(answerBody);
		} catch (error) {
			// The probe has not noticed yet that n8n went away: what a balancer answers then.
			answer(res, 502, `upstream failed (${(error as { code?: string }).code ?? 'error'})`);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		drain: () => {
			draining = true;
			ready = false;
		},
		close: async () => {
			closed = true;
			await probing;
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await agent.destroy();
		},
	};
}
