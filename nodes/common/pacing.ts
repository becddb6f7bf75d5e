import { sleep } from 'n8n-workflow';

import type { RateLimitSpec } from '../platforms/types';

/** How one request is retried and timed out; the credential sets some of them (retrySettings.ts). */
export interface PacingSettings {
	/** Tries in all for a request that meets server errors, timeouts or broken connections. */
	maxTries: number;
	backoffBaseMs: number;
	/** Cap on one backoff wait. */
	backoffMaxMs: number;
	/** Cap on the sum of backoff waits of one request. */
	maxBackoffTotalMs: number;
	/** Tries in all for a request that keeps answering 429. */
	maxRateLimitedTries: number;
	/** Cap on the sum of Retry-After waits of one request. */
	maxRateLimitWaitMs: number;
	requestTimeoutMs: number;
}

export const defaultPacingSettings: Readonly<PacingSettings> = Object.freeze({
	maxTries: 5,
	backoffBaseMs: 1_000,
	backoffMaxMs: 16_000,
	maxBackoffTotalMs: 45_000,
	maxRateLimitedTries: 10,
	maxRateLimitWaitMs: 180_000,
	requestTimeoutMs: 30_000,
});

/**
 * Tokens kept back from the platform's burst: a request sent later can overtake an earlier
 * one on the way, so the server may count them closer together than we sent them.
 */
const BURST_HEADROOM = 2;

/**
 * A token bucket that hands out tokens strictly in arrival order: each caller waits for
 * its own token, and a pause set by a 429 delays everyone queued behind it.
 */
export class TokenBucket {
	private tokens: number;
	private updatedAt: number;
	/** How long the pause that put `updatedAt` ahead of the clock was set for. */
	private pausedForMs = 0;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		readonly capacity: number,
		/** Tokens per real millisecond. */
		readonly refillPerMs: number,
		private readonly now: () => number = Date.now,
	) {
		this.tokens = capacity;
		this.updatedAt = now();
	}

	/** Takes a token when one is there and answers 0; otherwise the milliseconds until one is. */
	take(): number {
		const now = this.now();
		// Ahead of the clock by more than any pause set: the clock stepped back (an NTP
		// correction, a VM resumed), which no server asked us to wait out.
		if (this.updatedAt - now > this.pausedForMs) this.updatedAt = now;
		if (now < this.updatedAt) {
			return this.updatedAt - now + Math.max(0, (1 - this.tokens) / this.refillPerMs);
		}
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.refillPerMs);
		this.updatedAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return (1 - this.tokens) / this.refillPerMs;
	}

	/**
	 * The server refused us until `pauseMs` from now: nobody sends before then, and the
	 * server promises only the one token the refused request needs at that moment.
	 */
	drain(pauseMs: number): void {
		const until = this.now() + Math.max(0, pauseMs);
		if (until >= this.updatedAt) {
			this.updatedAt = until;
			this.pausedForMs = Math.max(0, pauseMs);
			this.tokens = 1;
		} else {
			this.tokens = Math.min(this.tokens, 1);
		}
	}

	/** A full bucket has nobody waiting on it and may be forgotten. */
	isFull(): boolean {
		const now = this.now();
		if (now < this.updatedAt) return false;
		return this.tokens + (now - this.updatedAt) * this.refillPerMs >= this.capacity;
	}

	/** Waits for a token; a cancelled execution stops waiting at once, without taking one. */
	async acquire(signal?: AbortSignal): Promise<void> {
		const turn = this.queue.then(async () => {
			for (;;) {
				// A caller cancelled while queued has gone: the token is for whoever comes next.
				signal?.throwIfAborted();
				const wait = this.take();
				if (wait <= 0) return;
				await pause(Math.ceil(wait), signal);
			}
		});
		this.queue = turn.catch(() => undefined);
		await unlessCancelled(turn, signal);
	}
}

/**
 * Waits for `promise`, or throws the signal's reason once the execution is cancelled, whichever
 * comes first. n8n 1.x's `sleep` ignores a signal, so a wait ends by this race on every version.
 */
async function unlessCancelled(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
	if (!signal) return await promise;
	let onAbort = (): void => {};
	const cancelled = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		signal.throwIfAborted();
		await Promise.race([promise, cancelled]);
		signal.throwIfAborted();
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/** n8n's `sleep`, ended by a cancelled execution on every n8n version. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	await unlessCancelled(sleep(ms, signal), signal);
}

const MAX_BUCKETS = 1_000;
const buckets = new Map<string, TokenBucket>();

/**
 * The bucket for one API key of one platform, shared by every execution in this process,
 * because the platform counts requests per key whichever workflow sends them.
 */
export function bucketFor(key: string, limit: RateLimitSpec): TokenBucket {
	const existing = buckets.get(key);
	if (existing) return existing;
	if (buckets.size >= MAX_BUCKETS) {
		for (const [oldKey, bucket] of buckets) if (bucket.isFull()) buckets.delete(oldKey);
	}
	const capacity = Math.max(1, limit.capacity - BURST_HEADROOM);
	const bucket = new TokenBucket(capacity, limit.refillPerMinute / 60_000);
	buckets.set(key, bucket);
	return bucket;
}

/** Retry-After as delta-seconds or as an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
	if (!/[a-z]/i.test(trimmed)) return undefined;
	const at = Date.parse(trimmed);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - now);
}

/** Exponential backoff with "equal jitter": at least half the step, so retries never bunch at zero. */
export function backoffDelay(
	retry: number,
	random: () => number = Math.random,
	options: Pick<PacingSettings, 'backoffBaseMs' | 'backoffMaxMs'> = defaultPacingSettings,
): number {
	const step = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.max(0, retry - 1));
	return step / 2 + (random() * step) / 2;
}

/** Whole seconds, or tenths below ten: a credential may set waits shorter than one. */
function seconds(ms: number): string {
	return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10);
}

export type Failure =
	| { kind: 'rate-limited'; status: number; retryAfterMs?: number }
	| { kind: 'server-error'; status: number }
	| { kind: 'timeout' }
	| { kind: 'connection-reset' }
	| { kind: 'connection-refused' };

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason: string };

export function describeFailure(failure: Failure): string {
	switch (failure.kind) {
		case 'rate-limited':
			return `HTTP ${failure.status} (rate limited)`;
		case 'server-error':
			return `HTTP ${failure.status} (server error)`;
		case 'timeout':
			return 'no answer before the timeout';
		case 'connection-reset':
			return 'the connection was reset before an answer';
		case 'connection-refused':
			return 'the connection was refused';
	}
}

/**
 * Decides, failure by failure, whether one request is sent again and after how long.
 * A request that may have changed something on the server (not idempotent) is repeated
 * only when the server certainly did not act on it: a 429, or a refused connection.
 */
export class RetryBudget {
	tries = 1;
	private rateLimitedTries = 0;
	private failedTries = 0;
	private rateLimitWaitMs = 0;
	private backoffWaitMs = 0;

	constructor(
		private readonly idempotent: boolean,
		private readonly options: Readonly<PacingSettings> = defaultPacingSettings,
		private readonly random: () => number = Math.random,
	) {}

	decide(failure: Failure): RetryDecision {
		return failure.kind === 'rate-limited'
			? this.afterRateLimit(failure)
			: this.afterFailure(failure);
	}

	private afterRateLimit(failure: Extract<Failure, { kind: 'rate-limited' }>): RetryDecision {
		this.rateLimitedTries++;
		if (this.rateLimitedTries >= this.options.maxRateLimitedTries) {
			return this.stop(
				`the platform kept answering 429 (limit of ${this.options.maxRateLimitedTries} rate-limited tries reached)`,
			);
		}
		const waitMs =
			failure.retryAfterMs ?? backoffDelay(this.rateLimitedTries, this.random, this.options);
		if (this.rateLimitWaitMs + waitMs > this.options.maxRateLimitWaitMs) {
			return this.stop(
				`waiting ${seconds(waitMs)} s more for the rate limit would pass the ${seconds(this.options.maxRateLimitWaitMs)} s allowed per request`,
			);
		}
		this.rateLimitWaitMs += waitMs;
		return this.again(waitMs);
	}

	private afterFailure(failure: Failure): RetryDecision {
		if (!this.idempotent && failure.kind !== 'connection-refused') {
			return this.stop(
				'the request creates or changes data and may already have been applied, so it is not sent again',
			);
		}
		this.failedTries++;
		if (this.tries >= this.options.maxTries) {
			return this.stop(`limit of ${this.options.maxTries} tries reached`);
		}
		const waitMs = backoffDelay(this.failedTries, this.random, this.options);
		if (this.backoffWaitMs + waitMs > this.options.maxBackoffTotalMs) {
			return this.stop(`limit of ${seconds(this.options.maxBackoffTotalMs)} s of backoff reached`);
		}
		this.backoffWaitMs += waitMs;
		return this.again(waitMs);
	}

	private again(waitMs: number): RetryDecision {
		this.tries++;
		return { retry: true, waitMs };
	}

	private stop(reason: string): RetryDecision {
		return { retry: false, reason };
	}
}
