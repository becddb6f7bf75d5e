import type { RateLimitSpec } from '../nodes/platforms/types.ts';

interface Bucket {
	tokens: number;
	updatedAt: number;
}

export type Admission = { ok: true } | { ok: false; retryAfter: string; waitMs: number };

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
			return { ok: true };
		}
		const waitMs = ((1 - bucket.tokens) * this.minuteMs) / this.spec.refillPerMinute;
		return { ok: false, waitMs, retryAfter: String(Math.max(1, Math.ceil(waitMs / 1000))) };
	}
}
