import type { DeliverySpec } from '../platforms/types';
import { retryWindowMs } from './dedupe';

const MINUTE_MS = 60_000;

/** How far the platform's clock may run ahead of or behind n8n's. */
export const CLOCK_SKEW_MS = 5 * MINUTE_MS;

/**
 * The oldest event a legitimate retry can carry: the platform stamps the event once, and its last
 * retry arrives within the retry window (answer timeouts and a margin included) plus clock skew.
 */
export function defaultMaxEventAgeMinutes(delivery: DeliverySpec): number {
	return Math.ceil((retryWindowMs(delivery) + CLOCK_SKEW_MS) / MINUTE_MS);
}

export type Freshness = { ok: true } | { ok: false; reason: 'stale' | 'future'; message: string };

/**
 * Whether a signed event's own time lets it through. A signature proves who sent the bytes, not
 * when: without this, a recorded delivery sent again after the de-duplication memory forgot it
 * would run again. An event without a readable time cannot be judged, so it passes.
 */
export function checkEventTime(
	occurredAt: string | null,
	maxAgeMinutes: number,
	now: number,
): Freshness {
	if (maxAgeMinutes <= 0 || occurredAt === null) return { ok: true };
	const time = Date.parse(occurredAt);
	if (Number.isNaN(time)) return { ok: true };
	const ageMs = now - time;
	if (ageMs > maxAgeMinutes * MINUTE_MS) {
		return {
			ok: false,
			reason: 'stale',
			message: `The event's time is ${Math.round(ageMs / MINUTE_MS)} minutes old, more than the ${maxAgeMinutes} minutes a retry can take: refused as a replay (see the trigger's Maximum Event Age option)`,
		};
	}
	if (-ageMs > CLOCK_SKEW_MS) {
		return {
			ok: false,
			reason: 'future',
			message: `The event's time is ${Math.round(-ageMs / MINUTE_MS)} minutes ahead of n8n's clock, more than the ${CLOCK_SKEW_MS / MINUTE_MS} minutes of skew allowed: refused (check the clock of the n8n host)`,
		};
	}
	return { ok: true };
}
