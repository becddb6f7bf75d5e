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

export function isoDateTime(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const at = Date.parse(String(value ?? ''));
	if (Number.isNaN(at))
		throw invalid(
			this,
			itemIndex,
			`${field} must be a date and time; got ${shown(String(value ?? ''))}`,
		);
	return new Date(at).toISOString();
}
