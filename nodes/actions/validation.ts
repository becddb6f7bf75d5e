import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { CURRENCY_CODES } from './currencies';

const E164 = /^\+[1-9]\d{6,14}$/;
/** Spaces, dots, dashes and brackets people type into phone numbers; E.164 has none. */
const PHONE_SEPARATORS = /[\s().-]/g;

/** A value as an error message quotes it: a model may send megabytes, a message shows a line. */
function shown(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function invalid(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
) {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/** A phone in E.164 (`+` then 7 to 15 digits); visual separators are dropped first. */
export function e164Phone(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const phone = String(value ?? '').replace(PHONE_SEPARATORS, '');
	if (!E164.test(phone)) {
		throw invalid(
			this,
			itemIndex,
			`${field} must be a phone number in E.164 format, like +56912345678; got ${shown(String(value ?? ''))}`,
			'E.164 is a plus sign, the country code and the number, with no leading zero.',
		);
	}
	return phone;
}

/** An amount in the currency's minor units: a whole number above zero. */
export function minorUnits(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number {
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
		throw invalid(
			this,
			itemIndex,
			`${field} must be a positive whole number in the currency's minor units; got ${shown(value)}`,
			'Minor units are the smallest unit of the currency: 1990 is USD 19.90, and CLP has none, so 49000 is CLP 49.000.',
		);
	}
	return amount;
}

export function currencyCode(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const code = String(value ?? '')
		.trim()
		.toUpperCase();
	if (!CURRENCY_CODES.has(code)) {
		throw invalid(
			this,
			itemIndex,
			`${field} must be an ISO 4217 currency code such as CLP, MXN or USD; got ${shown(String(value ?? ''))}`,
		);
	}
	return code;
}

export function nonEmptyText(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = typeof value === 'string' ? value : String(value ?? '');
	if (text.trim() === '') throw invalid(this, itemIndex, `${field} must not be empty`);
	return text;
}

/** A comma-separated list typed into one field, as an array without blanks. */
export function commaList(value: unknown): string[] {
	if (Array.isArray(value))
		return value
			.map(String)
			.map((entry) => entry.trim())
			.filter(Boolean);
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
}

/** The ID a resource locator holds, whichever mode the user picked. */
export function resourceId(
	this: IExecuteFunctions,
	parameter: string,
	field: string,
	itemIndex: number,
): string {
	const id = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true });
	return nonEmptyText.call(this, id, field, itemIndex).trim();
}

/** The URL parser's answer, or undefined where it throws. */
function parsedUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/**
 * An absolute http(s) URL the platform can fetch. Checked in linear time: a model or an
 * expression can supply any value, and a backtracking pattern took seconds on a long one.
 */
export function httpUrl(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = nonEmptyText.call(this, value, field, itemIndex).trim();
	// The parser drops tabs and newlines inside a URL, so whitespace is looked for first.
	const url = /\s/.test(text) || !/^https?:\/\//i.test(text) ? undefined : parsedUrl(text);
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
		throw invalid(
			this,
			itemIndex,
			`${field} must be an absolute http or https URL; got ${shown(text)}`,
		);
	}
	return text;
}

/**
 * ISO 8601 as n8n's date picker, Luxon's `toISO()` and `toISOString()` write it: a date, then
 * optionally a time to the minute, second or fraction, then optionally `Z` or an offset. No
 * quantifier is unbounded or nested, so a match costs the same on any input.
 */
const ISO_DATE_TIME =
	/^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:[Tt ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?(?:(?<utc>[Zz])|(?<sign>[+-])(?<offsetHours>\d{2})(?::?(?<offsetMinutes>\d{2}))?)?)?$/;
/** Longer than any text the pattern matches, with room for spaces around it. */
const ISO_DATE_TIME_MAX_LENGTH = 64;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A wall-clock reading as milliseconds on a UTC clock; `setUTCFullYear` has no two-digit years. */
function wallClockMs(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number,
	ms: number,
): number {
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second, ms);
	return date.getTime();
}

/** ISO text as a wall-clock reading and the offset it names, if any; undefined when it is not one. */
function isoReading(text: string): { wall: number; offsetMs: number | undefined } | undefined {
	const groups =
		text.length > ISO_DATE_TIME_MAX_LENGTH ? undefined : ISO_DATE_TIME.exec(text.trim())?.groups;
	if (!groups) return undefined;
	const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [
		'year',
		'month',
		'day',
		'hour',
		'minute',
		'second',
		'offsetHours',
		'offsetMinutes',
	].map((name) => Number(groups[name] ?? 0));
	if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
		return undefined;
	}
	const ms = Number((groups.fraction ?? '').padEnd(3, '0').slice(0, 3));
	const wall = wallClockMs(year, month, day, hour, minute, second, ms);
	// Date rolls 30 February over to 2 March: such a date is refused, not moved.
	const date = new Date(wall);
	if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
	if (groups.utc) return { wall, offsetMs: 0 };
	if (!groups.sign) return { wall, offsetMs: undefined };
	const sign = groups.sign === '-' ? -1 : 1;
	return { wall, offsetMs: sign * (offsetHours * 60 + offsetMinutes) * MINUTE_MS };
}

/**
 * How far a zone's clocks are ahead of UTC at an instant, from the runtime's own zone data (n8n
 * offers no Luxon to nodes). Throws a RangeError for a zone the runtime does not know.
 */
function zoneOffsets(zone: string): (at: number) => number {
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		era: 'short',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	});
	return (at) => {
		const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
		for (const { type, value } of format.formatToParts(at)) part[type] = value;
		const year = Number(part.year);
		const wall = wallClockMs(
			part.era === 'BC' ? 1 - year : year,
			Number(part.month),
			Number(part.day),
			Number(part.hour),
			Number(part.minute),
			Number(part.second),
			0,
		);
		return wall - (at - (((at % 1000) + 1000) % 1000));
	};
}

/**
 * The instant a wall-clock reading names in a zone. A reading the zone skips when its clocks go
 * forward is read with the offset from before the change, so it lands as far past the gap as it
 * was into it (02:30 becomes 03:30); a reading the zone shows twice when its clocks go back is the
 * first of the two. These are the rules of iCalendar (RFC 5545) and of Temporal's `compatible`
 * disambiguation, and they do not depend on the date the workflow runs, as Luxon's choice does.
 */
function zonedInstant(wall: number, offsetAt: (at: number) => number): number {
	const before = offsetAt(wall - DAY_MS);
	const after = offsetAt(wall + DAY_MS);
	const readings = [wall - before, wall - after].filter((at) => at + offsetAt(at) === wall);
	return readings.length > 0 ? Math.min(...readings) : wall - before;
}

/**
 * A date and time as an ISO 8601 instant in UTC. Text without an offset, which n8n's date picker
 * gives, is read in the workflow's time zone, as n8n's own nodes read it, never in the n8n
 * process's; an explicit offset is kept. A JavaScript Date from an expression is its instant; a
 * Luxon DateTime arrives as its ISO text with its offset (n8n turns one inside a collection into
 * that text, and `String()` gives the same text for one that is not).
 */
export function isoDateTime(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	const zone = this.getTimezone();
	const reading = isoReading(String(value ?? ''));
	if (!reading) {
		throw invalid(
			this,
			itemIndex,
			`${field} must be a date and time in ISO 8601, like 2027-01-15T10:00:00 (read in the workflow's time zone, ${zone}) or 2027-01-15T10:00:00+09:00; got ${shown(value instanceof Date ? String(value) : value)}`,
			"Text in another format can be converted in an expression, e.g. {{ DateTime.fromFormat($json.date, 'dd/MM/yyyy HH:mm') }}, which reads it in the workflow's time zone.",
		);
	}
	if (reading.offsetMs !== undefined)
		return new Date(reading.wall - reading.offsetMs).toISOString();
	let offsetAt: (at: number) => number;
	try {
		offsetAt = zoneOffsets(zone);
	} catch {
		throw invalid(
			this,
			itemIndex,
			`${field} has no offset, and the workflow's time zone "${zone}" is not one this n8n knows; choose a time zone in the workflow's settings, or give ${field} an offset, like 2027-01-15T10:00:00+09:00`,
		);
	}
	return new Date(zonedInstant(reading.wall, offsetAt)).toISOString();
}
