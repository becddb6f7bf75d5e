import type { RateLimitSpec } from '../nodes/platforms/types.ts';

interface Bucket {
	tokens: number;
	updatedAt: number;
}

/** What is left of a key's bucket once a request is admitted or refused. */
export interface Quota {
	limit: number;
	/** Whole requests that would pass now. */
	remaining: number;
	/** Real ms until the bucket is full again: when its quota has wholly reset. */
	resetMs: number;
}

export type Admission = ({ ok: true } | { ok: false; retryAfter: string; waitMs: number }) & {
	quota: Quota;
};

/** `ietf`: the draft's `RateLimit-*`; `x`: `X-RateLimit-*` with Reset as epoch seconds, as GitHub sends it. */
export type RateLimitHeaders = 'ietf' | 'x' | 'both';

/**
 * The standard headers for a quota, with Reset rounded UP to whole seconds (the draft allows
 * only those), so a client that waits for it finds the bucket full.
 */
export function rateLimitHeaders(
	family: RateLimitHeaders,
	quota: Quota,
	epochMs: number = Date.now(),
): Record<string, string> {
	const values = (reset: number) => ({
		limit: String(quota.limit),
		remaining: String(quota.remaining),
		reset: String(reset),
	});
	const headers: Record<string, string> = {};
	const add = (prefix: string, reset: number) => {
		for (const [name, value] of Object.entries(values(reset))) headers[`${prefix}${name}`] = value;
	};
	if (family !== 'x') add('ratelimit-', Math.ceil(quota.resetMs / 1000));
	if (family !== 'ietf') add('x-ratelimit-', Math.ceil((epochMs + quota.resetMs) / 1000));
	return headers;
}

/**
 * Token bucket per API key: full at `capacity` (the burst), refilled continuously at
 * `refillPerMinute` per scaled minute (`60_000 * timeScale` real ms). A refused request
 * takes no token.
 *
 * Retry-After: HTTP allows only whole delta-seconds or an HTTP-date, and a scaled wait is
 * often a few real milliseconds. We send the real wait until one token is back, rounded UP
 * to whole seconds (so never 0): a client that obeys it never retries too early, at the cost
 * of waiting longer than needed under a compressed clock. The exact wait stays available in
 * `waitMs` for the sandbox's own use; the fault injector can send the HTTP-date form instead.
 */
export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();
	private readonly minuteMs: number;

	constructor(
		private readonly spec: RateLimitSpec,
		timeScale: number,
		private readonly now: () => number,
	) {
		this.minuteMs = 60_000 * timeScale;
	}

	take(key: string): Admission {
		const now = this.now();
		const bucket = this.buckets.get(key) ?? { tokens: this.spec.capacity, updatedAt: now };
		const refill = ((now - bucket.updatedAt) * this.spec.refillPerMinute) / this.minuteMs;
		bucket.tokens = Math.min(this.spec.capacity, bucket.tokens + refill);
		bucket.updatedAt = now;
		this.buckets.set(key, bucket);
		// The epsilon absorbs float drift, so a whole scaled minute yields exactly refillPerMinute.
		if (bucket.tokens >= 1 - 1e-9) {
			bucket.tokens -= 1;
			return { ok: true, quota: this.quota(bucket) };
		}
		const waitMs = this.msFor(1 - bucket.tokens);
		return {
			ok: false,
			waitMs,
			retryAfter: String(Math.max(1, Math.ceil(waitMs / 1000))),
			quota: this.quota(bucket),
		};
	}

	private msFor(tokens: number): number {
		return (Math.max(0, tokens) * this.minuteMs) / this.spec.refillPerMinute;
	}

	private quota(bucket: Bucket): Quota {
		return {
			limit: this.spec.capacity,
			remaining: Math.max(0, Math.floor(bucket.tokens + 1e-9)),
			resetMs: this.msFor(this.spec.capacity - bucket.tokens),
		};
	}
}
