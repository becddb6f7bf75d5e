import { invalid } from './errors.mts';

export type Body = Record<string, unknown>;

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function objectBody(body: unknown): Body {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw invalid('the request body must be a JSON object');
	}
	return body as Body;
}

export function optionalString(body: Body, field: string): string | undefined {
	const value = body[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw invalid(`${field} must be a string`);
	return value;
}

export function requiredString(body: Body, field: string): string {
	const value = optionalString(body, field);
	if (value === undefined || value.trim() === '')
		throw invalid(`${field} is required and must not be empty`);
	return value;
}

export function phone(value: string | undefined, field = 'phone'): string | undefined {
	if (value !== undefined && !E164.test(value)) {
		throw invalid(`${field} must be in E.164 format, like +56912345678; got "${value}"`);
	}
	return value;
}

export function email(value: string | undefined, field = 'email'): string | undefined {
	if (value !== undefined && !EMAIL.test(value))
		throw invalid(`${field} is not a valid email address`);
	return value;
}

export function httpUrl(value: string | undefined, field: string): string | undefined {
	if (value === undefined) return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalid(`${field} must be an absolute http(s) URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw invalid(`${field} must use http or https`);
	return value;
}

export function stringArray(body: Body, field: string): string[] | undefined {
	const value = body[field];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw invalid(`${field} must be an array of strings`);
	}
	return value as string[];
}

export function plainObject(body: Body, field: string): Record<string, unknown> | undefined {
	const value = body[field];
	if (value === undefined) return undefined;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw invalid(`${field} must be an object`);
	}
	return value as Record<string, unknown>;
}

export function positiveInteger(body: Body, field: string): number {
	const value = body[field];
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
		throw invalid(`${field} must be a positive integer in the currency's minor units`);
	}
	return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw invalid(`${field} must be one of ${allowed.join(', ')}`);
	}
	return value as T;
}

export function isoDate(value: string | undefined, field: string): string | undefined {
	if (value !== undefined && Number.isNaN(Date.parse(value)))
		throw invalid(`${field} must be an ISO 8601 date`);
	return value;
}
