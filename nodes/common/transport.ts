import { createHash } from 'crypto';
import { NodeApiError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';

import type { PlatformProfile, RateLimitSpec } from '../platforms/types';
import { bucketFor, describeFailure, parseRetryAfter, pause, RetryBudget } from './pacing';
import type { Failure } from './pacing';
import { planRateLimit } from './planLimit';
import { retrySettings } from './retrySettings';
import { exhaustedForMs } from './rateLimitHeaders';

export type ApiContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Relative to the credential's base URL, which carries the version segment. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Whether sending it twice does no harm; by default only reads are. */
	idempotent?: boolean;
}

const IDEMPOTENT_METHODS: readonly IHttpRequestMethods[] = ['GET', 'HEAD', 'PUT', 'DELETE'];

const NETWORK_FAILURES: Readonly<Record<string, Failure['kind']>> = {
	ECONNREFUSED: 'connection-refused',
	ECONNRESET: 'connection-reset',
	EPIPE: 'connection-reset',
	UND_ERR_SOCKET: 'connection-reset',
	ECONNABORTED: 'timeout',
	ETIMEDOUT: 'timeout',
	UND_ERR_CONNECT_TIMEOUT: 'timeout',
	UND_ERR_HEADERS_TIMEOUT: 'timeout',
	UND_ERR_BODY_TIMEOUT: 'timeout',
};

function networkFailure(error: unknown): Failure | undefined {
	const seen = new Set<unknown>();
	for (let cause = error; cause && typeof cause === 'object' && !seen.has(cause); ) {
		seen.add(cause);
		const { code, cause: next } = cause as { code?: unknown; cause?: unknown };
		if (typeof code === 'string' && code in NETWORK_FAILURES) {
			return { kind: NETWORK_FAILURES[code] } as Failure;
		}
		cause = next;
	}
	return undefined;
}

function httpFailure(response: IN8nHttpFullResponse): Failure | undefined {
	if (response.statusCode === 429) {
		return {
			kind: 'rate-limited',
			status: 429,
			retryAfterMs: parseRetryAfter(response.headers['retry-after']),
		};
	}
	if (response.statusCode >= 500) return { kind: 'server-error', status: response.statusCode };
	return undefined;
}

/** The platform's own `{ error: { message } }`, or whatever text the body holds. */
function platformMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const { error, message } = body as { error?: unknown; message?: unknown };
	if (error && typeof error === 'object') {
		const nested = (error as { message?: unknown }).message;
		if (typeof nested === 'string') return nested;
	}
	if (typeof error === 'string') return error;
	if (typeof message === 'string') return message;
	return undefined;
}

function plural(count: number, word: string): string {
	return `${count} ${count === 1 ? word : `${word.replace(/y$/, 'ie')}s`}`;
}

/**
 * One bucket per platform, base URL, API key and limit: the limit is part of it, so a
 * credential edited to another plan's limit is paced by that limit from its next request.
 */
export function bucketKey(
	profile: PlatformProfile,
	baseUrl: string,
	apiKey: unknown,
	limit: RateLimitSpec,
): string {
	return createHash('sha256')
		.update(
			`${profile.id}\n${baseUrl}\n${String(apiKey)}\n${limit.capacity}\n${limit.refillPerMinute}`,
		)
		.digest('hex');
}

function baseUrlOf(profile: PlatformProfile, credentials: ICredentialDataDecryptedObject): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	const url = configured || profile.api?.defaultBaseUrl || '';
	// A loop, not /\/+$/: that pattern takes quadratic time on a long run of slashes.
	let end = url.length;
	while (end > 0 && url[end - 1] === '/') end--;
	return url.slice(0, end);
}

/** Redirects we follow ourselves, so that nothing of ours is sent to another origin. */
export const REDIRECT_STATUSES: readonly number[] = [301, 302, 303, 307, 308];

/** Enough for a moved path and a trailing slash; a loop ends here. */
const MAX_REDIRECTS = 5;

/** `URL.parse`, which Node 20 lacks. */
function parseUrl(url: string, base?: string): URL | undefined {
	try {
		return new URL(url, base);
	} catch {
		return undefined;
	}
}

/** What one try sends: the request, or where a redirect sent it. */
interface Hop {
	url: string;
	method: IHttpRequestMethods;
	body?: IDataObject;
	qs?: IDataObject;
}

type Redirect = ({ follow: true } & Hop) | { follow: false; message: string; description: string };

/**
 * Where a redirect leads, and whether to follow it. Only within the credential's origin: n8n's
 * helper would send the API key and the body to any other. A 303 asks for a GET of another
 * resource; 301, 302, 307 and 308 are sent again as they were (RFC 9110 lets a client turn a
 * POST into a GET after a 301 or 302, which would report a create as done that never was).
 */
function redirectOf(
	profile: PlatformProfile,
	what: string,
	response: IN8nHttpFullResponse,
	from: Hop,
	baseUrl: string,
): Redirect {
	const credential = `the Base URL in the ${profile.displayName} credential`;
	const location = response.headers.location;
	const target =
		REDIRECT_STATUSES.includes(response.statusCode) && typeof location === 'string'
			? parseUrl(location, from.url)
			: undefined;
	if (!target) {
		return {
			follow: false,
			message: `${what} was answered with HTTP ${response.statusCode}, a redirect this node cannot follow`,
			description: `Check ${credential}: it must be the address of ${profile.displayName}'s API itself, with its version segment.`,
		};
	}
	const home = parseUrl(baseUrl)?.origin;
	if (target.origin !== home) {
		const downgrade =
			home?.startsWith('https:') && target.protocol === 'http:' ? ', from https to http' : '';
		return {
			follow: false,
			message: `${what} was redirected to ${target.origin}, another origin than ${home ?? baseUrl}${downgrade}; nothing was sent there`,
			description: `Following it would send your API key${from.body ? ' and the request body' : ''} to another server. Check ${credential}: if ${profile.displayName} moved its API there and you trust that address, enter it as the Base URL.`,
		};
	}
	// The Location carries its own query.
	const asGet = response.statusCode === 303 && from.method !== 'GET' && from.method !== 'HEAD';
	return asGet
		? { follow: true, url: target.href, method: 'GET' }
		: { follow: true, url: target.href, method: from.method, body: from.body };
}

/**
 * One request to a platform's REST API: authenticated through n8n, paced by the
 * platform's rate limit per API key, retried where that is safe, and turned into a
 * NodeApiError that carries the platform's message, status and retry story when it fails.
 */
export async function apiRequest<T>(
	this: ApiContext,
	profile: PlatformProfile,
	credentialType: string,
	request: ApiRequest,
	itemIndex?: number,
): Promise<T> {
	const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(credentialType);
	const baseUrl = baseUrlOf(profile, credentials);
	const limit = planRateLimit(this.getNode(), profile, credentials);
	const bucket = limit
		? bucketFor(bucketKey(profile, baseUrl, credentials.apiKey, limit), limit)
		: undefined;
	const settings = retrySettings(this.getNode(), profile, credentials);
	const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.includes(request.method);
	const budget = new RetryBudget(idempotent, settings);
	let hop: Hop = {
		url: `${baseUrl}${request.path}`,
		method: request.method,
		body: request.body,
		qs: request.qs,
	};
	const signal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
	const options: Omit<IHttpRequestOptions, keyof Hop> = {
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// n8n's helper would follow a redirect to any origin, the API key and the body with it.
		disableFollowRedirect: true,
		timeout: settings.requestTimeoutMs,
		// n8n's helper sets it too (n8n-core 1.99 and 2.41); a request in flight stops with the
		// execution whichever helper sends it.
		abortSignal: signal,
	};
	let redirects = 0;
	const what = `${profile.displayName} ${request.method} ${request.path}`;
	const startedAt = Date.now();

	for (;;) {
		// Nothing more is sent for a stopped execution, not even a retry or a redirect.
		signal?.throwIfAborted();
		if (bucket) await bucket.acquire(signal);
		let response: IN8nHttpFullResponse | undefined;
		let failure: Failure | undefined;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
				...options,
				...hop,
			})) as IN8nHttpFullResponse;
			// Remaining counts what other processes sent with the key too, so even a success
			// that leaves nothing means waiting for Reset. A longer wait than a Retry-After may
			// have is cut short: the server's 429 then tells the story.
			const exhaustedMs = exhaustedForMs(response.headers);
			if (exhaustedMs !== undefined) {
				bucket?.drain(Math.min(exhaustedMs, settings.maxRateLimitWaitMs));
			}
			if (response.statusCode < 300) return response.body as T;
			if (response.statusCode < 400) {
				const redirect = redirectOf(profile, what, response, hop, baseUrl);
				if (redirect.follow && redirects < MAX_REDIRECTS) {
					redirects++;
					const { url, method, body } = redirect;
					hop = { url, method, body };
					continue;
				}
				throw new NodeApiError(
					this.getNode(),
					{ message: `HTTP ${response.statusCode}` },
					{
						...(redirect.follow
							? {
									message: `${what} was redirected more than ${MAX_REDIRECTS} times`,
									description: `Check the Base URL in the ${profile.displayName} credential: it must be the address of ${profile.displayName}'s API itself.`,
								}
							: redirect),
						httpCode: String(response.statusCode),
						itemIndex,
					},
				);
			}
			failure = httpFailure(response);
		} catch (error) {
			signal?.throwIfAborted();
			failure = networkFailure(error);
			if (!failure) throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
		}

		const decision = failure ? budget.decide(failure) : undefined;
		if (decision?.retry) {
			if (failure?.kind === 'rate-limited') bucket?.drain(decision.waitMs);
			await pause(decision.waitMs, signal);
			continue;
		}

		const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
		const story = failure
			? `${what} failed after ${plural(budget.tries, 'try')} in ${seconds} s; last: ${describeFailure(failure)}. Not retried further: ${decision?.reason ?? ''}.`
			: `${what} was refused with HTTP ${response?.statusCode ?? '?'} on try ${budget.tries}; a 4xx answer is final, so it was not retried.`;

		if (!response) {
			throw new NodeApiError(
				this.getNode(),
				{ message: story },
				{
					message: `Could not get an answer from ${profile.displayName}: ${failure ? describeFailure(failure) : 'no answer'}`,
					description: story,
					itemIndex,
				},
			);
		}
		const body = response.body;
		const errorBody: JsonObject =
			body && typeof body === 'object' && !Array.isArray(body)
				? (body as JsonObject)
				: { message: String(body ?? '') };
		throw new NodeApiError(this.getNode(), errorBody, {
			message:
				platformMessage(body) ?? `${profile.displayName} answered HTTP ${response.statusCode}`,
			description: story,
			httpCode: String(response.statusCode),
			itemIndex,
		});
	}
}

interface ListPage<T> {
	data: T[];
	next_cursor?: string | null;
}

/**
 * `limit` and `cursor` of one list request: as large a page as the profile allows, or only
 * `wanted` when fewer are missing. A profile without pagination facts gets no page size.
 */
function pageQuery(
	profile: PlatformProfile,
	wanted: number | undefined,
	cursor: string | undefined,
): IDataObject {
	const maxPageSize = profile.api?.pagination?.maxPageSize;
	return {
		...(maxPageSize === undefined ? {} : { limit: Math.min(maxPageSize, wanted ?? maxPageSize) }),
		...(cursor ? { cursor } : {}),
	};
}

/**
 * Pages a list follows at most: 100,000 records at Brote's largest page, more than an execution
 * should hold, and a bound for an API whose next page never ends the list.
 */
export const MAX_PAGES = 1_000;

export interface PageScanOptions<T> {
	/** Where to start: a `next_cursor` the list gave; the first page when absent. */
	cursor?: string;
	/** Stop once this many items are kept; pages are kept whole. Every item when absent. */
	enough?: number;
	/** Which items of a page to keep; all of them when absent. */
	keep?(item: T): boolean;
	itemIndex?: number;
	/** Pages read at most; the scan then stops with the `next_cursor` it would follow. */
	maxPages?: number;
	/**
	 * What a `next_cursor` given before means: the pages go round, so the list fails (`fail`),
	 * or every page the platform can show has been seen and the items so far are all (`stop`).
	 */
	onRepeatedCursor?: 'fail' | 'stop';
}

export interface PageScan<T> {
	items: T[];
	/** Items the pages held, kept or not. */
	read: number;
	/** Where the list goes on, when the scan stopped before its end. */
	next_cursor?: string;
}

/**
 * Follows `next_cursor` until the list ends, `enough` items are kept, `maxPages` are read, or
 * the pages go round. An answer that is a bare array instead of `{ data, next_cursor }` is the
 * whole list.
 */
export async function apiRequestPages<T>(
	this: ApiContext,
	profile: PlatformProfile,
	credentialType: string,
	request: ApiRequest,
	options: PageScanOptions<T> = {},
): Promise<PageScan<T>> {
	const { enough, keep, itemIndex, maxPages = MAX_PAGES, onRepeatedCursor = 'fail' } = options;
	const items: T[] = [];
	let read = 0;
	const what = `${profile.displayName} ${request.method} ${request.path}`;
	let cursor = options.cursor;
	const cursors = new Set<string>(cursor ? [cursor] : []);
	for (let pages = 1; ; pages++) {
		// A filtered page may keep few of its items, so it is asked for whole.
		const wanted = enough === undefined || keep ? undefined : enough - items.length;
		const page = (await apiRequest.call(
			this,
			profile,
			credentialType,
			{ ...request, qs: { ...request.qs, ...pageQuery(profile, wanted, cursor) } },
			itemIndex,
		)) as ListPage<T> | T[];
		const data = Array.isArray(page) ? page : (page.data ?? []);
		read += data.length;
		items.push(...(keep ? data.filter((item) => keep(item)) : data));
		cursor = Array.isArray(page) ? undefined : (page.next_cursor ?? undefined);
		if (!cursor || (enough !== undefined && items.length >= enough)) {
			return { items, read, next_cursor: cursor };
		}
		if (cursors.has(cursor)) {
			const story = `${what} gave a next page cursor it had given before, on page ${pages}: its pages go round`;
			if (onRepeatedCursor === 'stop') {
				this.logger.warn(`${story}; the ${items.length} items listed so far are used`);
				return { items, read };
			}
			throw new NodeApiError(
				this.getNode(),
				{ message: story },
				{
					message: `${story}, so the list was stopped`,
					description: `This is a fault of ${profile.displayName}'s API: try again later, and report it to ${profile.displayName} if it persists.`,
					itemIndex,
				},
			);
		}
		if (pages >= maxPages) return { items, read, next_cursor: cursor };
		cursors.add(cursor);
	}
}

export interface AllItemsOptions {
	/** The first `limit` items; every item when absent. */
	limit?: number;
	itemIndex?: number;
	/** A list still going after this many pages fails, naming the bound. */
	maxPages?: number;
	onRepeatedCursor?: PageScanOptions<unknown>['onRepeatedCursor'];
}

/** Every item of a list, or the first `limit`; a list longer than `maxPages` pages fails. */
export async function apiRequestAllItems<T>(
	this: ApiContext,
	profile: PlatformProfile,
	credentialType: string,
	request: ApiRequest,
	options: AllItemsOptions = {},
): Promise<T[]> {
	const { limit, itemIndex, maxPages = MAX_PAGES, onRepeatedCursor } = options;
	if (limit !== undefined && limit < 1) return [];
	const { items, next_cursor } = (await apiRequestPages.call(
		this,
		profile,
		credentialType,
		request,
		{ enough: limit, itemIndex, maxPages, onRepeatedCursor },
	)) as PageScan<T>;
	if (next_cursor && (limit === undefined || items.length < limit)) {
		const what = `${profile.displayName} ${request.method} ${request.path}`;
		throw new NodeApiError(
			this.getNode(),
			{ message: `${what} still had more after ${maxPages} pages` },
			{
				message: `${what} still had more after ${maxPages} pages (${items.length} items), so the list was stopped`,
				description: `Get a list this long in parts, with a Limit or Filters. If ${profile.displayName} holds fewer items than that, its API keeps offering a next page: report it to ${profile.displayName}.`,
				itemIndex,
			},
		);
	}
	return limit === undefined ? items : items.slice(0, limit);
}
