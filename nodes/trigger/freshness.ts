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

/**
 * How long the duplicate memory keeps a delivery it let through. The check accepts an event until
 * the maximum age after its own time, and its own time is at most the clock skew after its
 * arrival, so a copy of it is refused by its time or recognised by the memory, whichever comes
 * first. With the check off (0) nothing but the memory stops a copy, and the memory promises only
 * the platform's retry window: a copy sent later runs again.
 */
export function rememberForMs(delivery: DeliverySpec, maxAgeMinutes: number): number {
	const retries = retryWindowMs(delivery);
	return maxAgeMinutes > 0 ? Math.max(retries, maxAgeMinutes * MINUTE_MS + CLOCK_SKEW_MS) : retries;
}

/*
 * ISO 8601 in its extended form, as the platforms document their times: a date, then optionally a
 * time (a space for the T allowed) and a zone. Anchored, with bounded repeats only: linear time.
 */
const ISO_TIME =
	/^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[Tt ](?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?(?:(?<utc>[Zz])|(?<sign>[+-])(?<oh>\d{2})(?::?(?<om>\d{2}))?)?)?$/;

/** Epoch seconds (10 digits, 2001 to 2286, a fraction allowed) or milliseconds (13 digits). */
const EPOCH_SECONDS = /^\d{10}(?:\.\d{1,9})?$/;
const EPOCH_MILLISECONDS = /^\d{13}$/;

function isoTimeMs(text: string): number | undefined {
	const groups = ISO_TIME.exec(text)?.groups;
	if (!groups) return undefined;
	const { y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', utc, sign } = groups;
	const parts = [y, mo, d, h, mi, s].map(Number);
	const ms = Date.UTC(
		parts[0],
		parts[1] - 1,
		parts[2],
		parts[3],
		parts[4],
		parts[5],
		Number(fraction.slice(0, 3).padEnd(3, '0')),
	);
	const date = new Date(ms);
	// Date.UTC rolls 31 February over into March, and reads years 0 to 99 as 1900 to 1999.
	const readBack = [
		date.getUTCFullYear(),
		date.getUTCMonth() + 1,
		date.getUTCDate(),
		date.getUTCHours(),
		date.getUTCMinutes(),
		date.getUTCSeconds(),
	];
	if (readBack.some((value, i) => value !== parts[i])) return undefined;
	const offsetHours = Number(groups.oh ?? 0);
	const offsetMinutes = Number(groups.om ?? 0);
	if (offsetHours > 23 || offsetMinutes > 59) return undefined;
	// No zone designator reads as UTC, never as the n8n host's zone: the platforms stamp in UTC.
	const offset =
		utc !== undefined || sign === undefined
			? 0
			: (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * MINUTE_MS;
	return ms - offset;
}

function epochMs(value: number): number | undefined {
	if (value >= 1e9 && value < 1e10) return Math.round(value * 1000);
	if (value >= 1e12 && value < 1e13) return Math.round(value);
	return undefined;
}

/**
 * An event time in milliseconds since the epoch: ISO 8601 text, or epoch seconds or milliseconds
 * as a number or a string of digits. Undefined for anything else, which is no time the check can
 * read.
 */
export function eventTimeMs(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? epochMs(value) : undefined;
	if (typeof value !== 'string' || value.length > 64) return undefined;
	if (EPOCH_SECONDS.test(value) || EPOCH_MILLISECONDS.test(value)) return epochMs(Number(value));
	return isoTimeMs(value);
}

export type Freshness =
	| { ok: true; unreadable?: true }
	| { ok: false; reason: 'stale' | 'future'; message: string };

/**
 * Whether a signed event's own time lets it through. A signature proves who sent the bytes, not
 * when: without this, a recorded delivery sent again after the de-duplication memory forgot it
 * would run again. An event without a time, or with one this cannot read, cannot be judged, so it
 * passes; an unreadable one says so.
 */
export function checkEventTime(time: unknown, maxAgeMinutes: number, now: number): Freshness {
	if (maxAgeMinutes <= 0 || time === undefined || time === null) return { ok: true };
	const at = eventTimeMs(time);
	if (at === undefined) return { ok: true, unreadable: true };
	const ageMs = now - at;
	// At exactly the maximum age the memory has just forgotten the event (see rememberForMs).
	if (ageMs >= maxAgeMinutes * MINUTE_MS) {
		return {
			ok: false,
			reason: 'stale',
			message: `The event's time is ${Math.round(ageMs / MINUTE_MS)} minutes old, more than the ${maxAgeMinutes} minutes a retry can take: refused as a possible replay. If the event is genuine (delayed at the platform, or this host's clock is ahead), raise the trigger's Maximum Event Age option; the platform's next retry then runs`,
		};
	}
	if (-ageMs > CLOCK_SKEW_MS) {
		return {
			ok: false,
			reason: 'future',
			message: `The event's time is ${Math.round(-ageMs / MINUTE_MS)} minutes ahead of n8n's clock, more than the ${CLOCK_SKEW_MS / MINUTE_MS} minutes of skew allowed: refused. Check the clock of the n8n host; the platform's next retry runs once the clocks agree`,
		};
	}
	return { ok: true };
}
