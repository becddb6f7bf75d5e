/**
 * The standard rate-limit headers: the IETF draft's `RateLimit-*` first, then the older
 * `X-RateLimit-*`. They count every request made with the key, whichever process sent it,
 * so they are how two n8n workers sharing a key learn of each other's requests.
 */
const FAMILIES = [
	{ remaining: 'ratelimit-remaining', reset: 'ratelimit-reset' },
	{ remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' },
] as const;

// A delay of 1e9 s would be 31 years, so a larger Reset is a moment: in seconds since the
// epoch (past 2001), or in milliseconds once it passes 1e12.
const EPOCH_SECONDS_FROM = 1e9;
const EPOCH_MILLISECONDS_FROM = 1e12;

function headerNumber(
	headers: Readonly<Record<string, unknown>>,
	name: string,
): number | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	// The first number: a value may carry a policy after it ("100, 100;w=60").
	const match = /^\s*(\d+(?:\.\d+)?)/.exec(String(text));
	return match ? Number(match[1]) : undefined;
}

/** A Reset value, as delta-seconds or as an epoch timestamp, in milliseconds from `now`. */
export function resetDelayMs(value: number, now: number = Date.now()): number {
	if (value >= EPOCH_MILLISECONDS_FROM) return Math.max(0, value - now);
	if (value >= EPOCH_SECONDS_FROM) return Math.max(0, value * 1000 - now);
	return value * 1000;
}

/**
 * How long the key has nothing left, when the answer's headers say Remaining is 0 and when
 * it resets; undefined when they say there is some left, or say nothing usable.
 */
export function exhaustedForMs(
	headers: Readonly<Record<string, unknown>> | undefined,
	now: number = Date.now(),
): number | undefined {
	if (!headers) return undefined;
	for (const family of FAMILIES) {
		const remaining = headerNumber(headers, family.remaining);
		if (remaining === undefined) continue;
		if (remaining >= 1) return undefined;
		const reset = headerNumber(headers, family.reset);
		return reset === undefined ? undefined : resetDelayMs(reset, now);
	}
	return undefined;
}
