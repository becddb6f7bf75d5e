import type { PlatformId } from '../nodes/platforms/types.ts';

export interface FaultSettings {
	/** Limit the faults to one platform's API; all platforms when absent. */
	platform?: PlatformId;
	/** The next N requests answer 429. */
	next429?: number;
	/** Retry-After of those 429s: delta-seconds, or an HTTP-date (a Date is sent in that form). Default '1'. */
	retryAfter?: string | number | Date;
	/** The next N requests answer `status5xx`. */
	next5xx?: number;
	status5xx?: 500 | 502 | 503;
	/** Added before every request is handled, until cleared. */
	latencyMs?: number;
	/**
	 * Added after every request is handled, before its answer goes out, until cleared: the
	 * platform has acted (created a subscription and started delivering to it) while the
	 * caller still waits for the answer.
	 */
	answerDelayMs?: number;
	/** The next N requests lose their connection without an answer. */
	resetNext?: number;
	/** The next write (true) or next N writes are applied, then answered with `status5xx`. */
	failAfterProcessing?: boolean | number;
	/**
	 * The next N requests (of `redirectMethod` only, when set) answer `redirectStatus` with a
	 * Location of `redirectTo` followed by the request's own path and query: an origin such as
	 * `http://127.0.0.1:4000`, or '' for a Location relative to the API's own origin.
	 */
	redirectNext?: number;
	redirectStatus?: RedirectStatus;
	redirectTo?: string;
	redirectMethod?: string;
	/**
	 * Until cleared, every list answer's `next_cursor` loops: the cursor the request sent
	 * (`repeat`, from the second page on), or one never sent before that reads the first page
	 * again (`endless`).
	 */
	listCursor?: ListCursorFault;
	/**
	 * Until cleared, a list page holds at most this many items whatever `limit` asked, as a
	 * server that serves smaller pages than it accepts does.
	 */
	listPageSize?: number;
	/** Until cleared, a list answers its page's items as a bare array, without `next_cursor`. */
	listShape?: ListShapeFault;
	/**
	 * Until cleared: a subscription gets the platform's own `whsec_…` secret whatever secret the
	 * request sent, answers it and signs with it, as NotMeta's documented answer shows.
	 */
	ownWebhookSecret?: boolean;
	/**
	 * The next N subscriptions created fail their verification at once (status `failed`, no
	 * challenge sent), as when the platform cannot reach the URL.
	 */
	failVerification?: number;
}

export type RedirectStatus = 301 | 302 | 303 | 307 | 308;
export type ListCursorFault = 'repeat' | 'endless';
export type ListShapeFault = 'array';

/** What the injector decided for one request, in the order the server applies it. */
export interface FaultPlan {
	latencyMs: number;
	answerDelayMs: number;
	reset: boolean;
	status429?: string;
	status5xx?: number;
	failAfterProcessing?: number;
	redirect?: { status: RedirectStatus; to: string };
	listCursor?: ListCursorFault;
	listPageSize?: number;
	listShape?: ListShapeFault;
}

interface Rule {
	next429: number;
	retryAfter: string;
	next5xx: number;
	status5xx: number;
	latencyMs: number;
	answerDelayMs: number;
	resetNext: number;
	failAfterProcessing: number;
	redirectNext: number;
	redirectStatus: RedirectStatus;
	redirectTo: string;
	redirectMethod?: string;
	listCursor?: ListCursorFault;
	listPageSize?: number;
	listShape?: ListShapeFault;
	ownWebhookSecret: boolean;
	failVerification: number;
}

const ANY = '*';

function emptyRule(): Rule {
	return {
		next429: 0,
		retryAfter: '1',
		next5xx: 0,
		status5xx: 500,
		latencyMs: 0,
		answerDelayMs: 0,
		resetNext: 0,
		failAfterProcessing: 0,
		redirectNext: 0,
		redirectStatus: 307,
		redirectTo: '',
		ownWebhookSecret: false,
		failVerification: 0,
	};
}

function retryAfterValue(value: string | number | Date): string {
	if (value instanceof Date) return value.toUTCString();
	return String(value);
}

/** Faults switched on by tests or the control API; counters are consumed request by request. */
export class Faults {
	private readonly rules = new Map<string, Rule>();

	set(settings: FaultSettings): void {
		const key = settings.platform ?? ANY;
		const rule = this.rules.get(key) ?? emptyRule();
		if (settings.next429 !== undefined) rule.next429 = settings.next429;
		if (settings.retryAfter !== undefined) rule.retryAfter = retryAfterValue(settings.retryAfter);
		if (settings.next5xx !== undefined) rule.next5xx = settings.next5xx;
		if (settings.status5xx !== undefined) rule.status5xx = settings.status5xx;
		if (settings.latencyMs !== undefined) rule.latencyMs = settings.latencyMs;
		if (settings.answerDelayMs !== undefined) rule.answerDelayMs = settings.answerDelayMs;
		if (settings.resetNext !== undefined) rule.resetNext = settings.resetNext;
		if (settings.failAfterProcessing !== undefined) {
			rule.failAfterProcessing = Number(settings.failAfterProcessing);
		}
		if (settings.redirectNext !== undefined) rule.redirectNext = settings.redirectNext;
		if (settings.redirectStatus !== undefined) rule.redirectStatus = settings.redirectStatus;
		if (settings.redirectTo !== undefined) rule.redirectTo = settings.redirectTo;
		if (settings.redirectMethod !== undefined) rule.redirectMethod = settings.redirectMethod;
		if (settings.listCursor !== undefined) rule.listCursor = settings.listCursor;
		if (settings.listPageSize !== undefined) rule.listPageSize = settings.listPageSize;
		if (settings.listShape !== undefined) rule.listShape = settings.listShape;
		if (settings.ownWebhookSecret !== undefined) rule.ownWebhookSecret = settings.ownWebhookSecret;
		if (settings.failVerification !== undefined) rule.failVerification = settings.failVerification;
		this.rules.set(key, rule);
	}

	clear(): void {
		this.rules.clear();
	}

	/** Whether a subscription created now gets the platform's own secret. */
	ownWebhookSecret(platform: PlatformId): boolean {
		return [platform, ANY].some((key) => this.rules.get(key)?.ownWebhookSecret === true);
	}

	/** Whether the subscription created now fails its verification; consumes one. */
	takeVerificationFailure(platform: PlatformId): boolean {
		for (const key of [platform, ANY]) {
			const rule = this.rules.get(key);
			if (rule && rule.failVerification > 0) {
				rule.failVerification--;
				return true;
			}
		}
		return false;
	}

	/** Consumes at most one counted fault per request; latency applies on top of it. */
	plan(platform: PlatformId, method: string, isWrite: boolean): FaultPlan {
		const plan: FaultPlan = { latencyMs: 0, answerDelayMs: 0, reset: false };
		for (const key of [platform, ANY]) {
			const rule = this.rules.get(key);
			if (!rule) continue;
			plan.latencyMs += rule.latencyMs;
			plan.answerDelayMs += rule.answerDelayMs;
			plan.listCursor ??= rule.listCursor;
			plan.listPageSize ??= rule.listPageSize;
			plan.listShape ??= rule.listShape;
			if (
				plan.reset ||
				plan.status429 ||
				plan.status5xx ||
				plan.failAfterProcessing ||
				plan.redirect
			) {
				continue;
			}
			if (rule.resetNext > 0) {
				rule.resetNext--;
				plan.reset = true;
			} else if (
				rule.redirectNext > 0 &&
				(rule.redirectMethod === undefined || rule.redirectMethod === method)
			) {
				rule.redirectNext--;
				plan.redirect = { status: rule.redirectStatus, to: rule.redirectTo };
			} else if (rule.next429 > 0) {
				rule.next429--;
				plan.status429 = rule.retryAfter;
			} else if (rule.next5xx > 0) {
				rule.next5xx--;
				plan.status5xx = rule.status5xx;
			} else if (isWrite && rule.failAfterProcessing > 0) {
				rule.failAfterProcessing--;
				plan.failAfterProcessing = rule.status5xx;
			}
		}
		return plan;
	}
}
