import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { CURRENCY_CODES } from './currencies';

const E164 = /^\+[1-9]\d{6,14}$/;
/** Spaces, dots, dashes and brackets people type into phone numbers; E.164 has none. */
const PHONE_SEPARATORS = /[\s().-]/g;

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
			`${field} must be a phone number in E.164 format, like +56912345678; got "${String(value ?? '')}"`,
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
			`${field} must be a positive whole number in the currency's minor units; got ${JSON.stringify(value)}`,
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
			`${field} must be an ISO 4217 currency code such as CLP, MXN or USD; got "${String(value ?? '')}"`,
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

/** An absolute http(s) URL the platform can fetch. */
export function httpUrl(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = nonEmptyText.call(this, value, field, itemIndex).trim();
	if (!/^https?:\/\/[^\s/]+\S*$/i.test(text)) {
		throw invalid(this, itemIndex, `${field} must be an absolute http or https URL; got "${text}"`);
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
			`${field} must be a date and time; got "${String(value ?? '')}"`,
		);
	return new Date(at).toISOString();
}
