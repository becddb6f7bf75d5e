import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { profiles } from '../nodes/platforms/index.ts';
import type { PlatformId } from '../nodes/platforms/types.ts';
import type { ApiKeys } from './auth.mts';
import { ApiError, errorBody } from './errors.mts';
import type { Faults } from './faults.mts';
import { capPageSize, loopCursor, reshapeList } from './pagination.mts';
import { type RateLimiter, type RateLimitHeaders, rateLimitHeaders } from './rate-limit.mts';
import type { Reply, Router } from './router.mts';

/** One platform API served under `prefix`, e.g. `/brote/v1`. */
export interface Mount {
	platform: PlatformId;
	prefix: string;
	router: Router;
	rateLimiter?: RateLimiter;
	/** Send the limiter's quota in these headers on every answer it admits or refuses. */
	rateLimitHeaders?: RateLimitHeaders;
}

/** A router served as it is, without the platforms' faults, keys and rate limits. */
export interface PlainMount {
	prefix: string;
	router: Router;
}

export interface RequestRecord {
	platform: PlatformId;
	method: string;
	path: string;
	query: Record<string, string>;
	/** `null` when a fault reset the connection. */
	status: number | null;
	at: string;
}

export interface ServerParts {
	mounts: Mount[];
	control: Router;
	controlPrefix: string;
	/** Stand-ins for services other than the platforms, such as a chat model. */
	services: PlainMount[];
	faults: Faults;
	keys: ApiKeys;
	requests: RequestRecord[];
}

const READS = new Set(['GET', 'HEAD']);

/** The whole body of a request, as bytes. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function parseJson(raw: Buffer): unknown {
	if (raw.length === 0) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON');
	}
}

function send(res: ServerResponse, reply: Reply): void {
	if (reply.after) res.once('close', reply.after);
	if (reply.status === 204 || reply.body === undefined) {
		res.writeHead(reply.status, reply.headers).end();
		return;
	}
	const body = JSON.stringify(reply.body);
	res.writeHead(reply.status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(body),
		...reply.headers,
	});
	res.end(body);
}

function failure(err: unknown): Reply {
	const apiError = err instanceof ApiError ? err : new ApiError(500, 'internal_error', String(err));
	return { status: apiError.status, body: errorBody(apiError), headers: apiError.headers };
}

/** `path` is below the mount point; `url` is the whole request URL, for messages and the query. */
async function route(
	router: Router,
	method: string,
	path: string,
	url: URL,
	raw: Buffer,
): Promise<Reply> {
	const match = router.match(method, path);
	if (match === undefined)
		throw new ApiError(404, 'not_found', `No endpoint ${method} ${url.pathname}`);
	if (match === 'method')
		throw new ApiError(405, 'method_not_allowed', `${url.pathname} does not accept ${method}`);
	return match.handler({ query: url.searchParams, params: match.params, body: parseJson(raw) });
}

/** Faults first (they stand for trouble in front of the API), then auth, the rate limit and the route. */
async function serveApi(
	parts: ServerParts,
	mount: Mount,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	raw: Buffer,
): Promise<void> {
	const method = req.method ?? 'GET';
	const record: RequestRecord = {
		platform: mount.platform,
		method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		status: null,
		at: new Date().toISOString(),
	};
	parts.requests.push(record);
	const plan = parts.faults.plan(mount.platform, method, !READS.has(method));
	if (plan.latencyMs > 0) await sleep(plan.latencyMs);
	if (plan.reset) {
		req.socket.destroy();
		return;
	}
	let reply: Reply;
	let quotaHeaders: Record<string, string> = {};
	try {
		if (plan.redirect) {
			const location = `${plan.redirect.to}${url.pathname}${url.search}`;
			throw new ApiError(plan.redirect.status, 'moved', `Moved to ${location} (injected fault)`, {
				location,
			});
		}
		if (plan.status429 !== undefined) {
			throw new ApiError(429, 'rate_limited', 'Too many requests (injected fault)', {
				'retry-after': plan.status429,
			});
		}
		if (plan.status5xx !== undefined)
			throw new ApiError(plan.status5xx, 'server_error', 'Upstream failure (injected fault)');
		const apiKey = parts.keys.authenticate(mount.platform, req.headers.authorization);
		const admission = mount.rateLimiter?.take(apiKey);
		if (admission && mount.rateLimitHeaders) {
			quotaHeaders = rateLimitHeaders(mount.rateLimitHeaders, admission.quota);
		}
		if (admission && !admission.ok) {
			throw new ApiError(
				429,
				'rate_limited',
				'Rate limit exceeded: slow down and retry after Retry-After seconds',
				{
					'retry-after': admission.retryAfter,
				},
			);
		}
		if (plan.listPageSize !== undefined) {
			capPageSize(url.searchParams, plan.listPageSize, profiles[mount.platform]);
		}
		reply = await route(
			mount.router,
			method,
			url.pathname.slice(mount.prefix.length) || '/',
			url,
			raw,
		);
		if (plan.listCursor) loopCursor(reply, plan.listCursor, url.searchParams.get('cursor'));
		if (plan.listShape) reshapeList(reply, plan.listShape);
		if (plan.failAfterProcessing !== undefined) {
			const after = reply.after;
			reply = failure(
				new ApiError(
					plan.failAfterProcessing,
					'server_error',
					'The write was applied, then the server failed (injected fault)',
				),
			);
			reply.after = after;
		}
	} catch (err) {
		reply = failure(err);
	}
	reply.headers = { ...reply.headers, ...quotaHeaders };
	record.status = reply.status;
	if (plan.answerDelayMs > 0) await sleep(plan.answerDelayMs);
	send(res, reply);
}

async function handle(
	parts: ServerParts,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const raw = await readBody(req);
	const path = url.pathname;
	const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
	const plain = [{ prefix: parts.controlPrefix, router: parts.control }, ...parts.services].find(
		(m) => under(m.prefix),
	);
	if (plain) {
		let reply: Reply;
		try {
			reply = await route(
				plain.router,
				req.method ?? 'GET',
				path.slice(plain.prefix.length) || '/',
				url,
				raw,
			);
		} catch (err) {
			reply = failure(err);
		}
		send(res, reply);
		return;
	}
	const mount = parts.mounts.find((m) => under(m.prefix));
	if (mount) return serveApi(parts, mount, req, res, url, raw);
	const prefixes = [...parts.mounts, ...parts.services]
		.map((m) => m.prefix)
		.concat(parts.controlPrefix)
		.join(', ');
	send(
		res,
		failure(new ApiError(404, 'not_found', `Nothing at ${path}; the sandbox serves ${prefixes}`)),
	);
}

export function startServer(parts: ServerParts, port: number): Promise<Server> {
	const server = createServer((req, res) => {
		handle(parts, req, res).catch((err) => {
			if (!res.headersSent && !res.destroyed) send(res, failure(err));
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve(server);
		});
	});
}
