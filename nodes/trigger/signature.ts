import { createHmac, timingSafeEqual } from 'node:crypto';

import type { SignatureSpec } from '../platforms/types';
import { lazyJson, type ParsedBody } from './body';

const PREFIX = 'sha256=';
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

export type SignedForm = 'raw' | 'compact-json';

export type VerifyFailure =
	| 'missing-header'
	| 'malformed-header'
	| 'no-secret'
	| 'no-match'
	/** No match, and the credential has changed since the subscription was registered. */
	| 'outdated-secret'
	| 'body-not-raw';

export type VerifyResult =
	| { ok: true; form: SignedForm }
	| { ok: false; reason: VerifyFailure; message: string };

export interface VerifyInput {
	/** The exact bytes received. A parsed object here is a caller bug, reported as `body-not-raw`. */
	body: unknown;
	header: string | string[] | undefined;
	/** Every live secret, newest first; empty strings are ignored. */
	secrets: readonly string[];
	format: Pick<SignatureSpec, 'header' | 'prefix'>;
	/** Opt-in: also try the compact re-serialization of the parsed body. */
	compactJsonFallback?: boolean;
	/**
	 * The compact form (compactFormOf), when the caller parses the body anyway: one parse serves the
	 * signature and the event. Without it, verify parses the body itself, within the same bounds.
	 */
	compact?: () => Buffer | undefined;
}

function failure(reason: VerifyFailure, message: string): VerifyResult {
	return { ok: false, reason, message };
}

function parseHeader(
	value: string,
	prefix: SignatureSpec['prefix'],
	headerName: string,
): Buffer | VerifyResult {
	let hex = value.trim();
	const hasPrefix = hex.slice(0, PREFIX.length).toLowerCase() === PREFIX;
	if (hasPrefix) hex = hex.slice(PREFIX.length);
	if (prefix === 'required' && !hasPrefix) {
		return failure(
			'malformed-header',
			`${headerName} must look like "sha256=<64 hex characters>"; the "sha256=" prefix is missing`,
		);
	}
	if (prefix === 'none' && hasPrefix) {
		return failure(
			'malformed-header',
			`${headerName} must be 64 hex characters with no "sha256=" prefix`,
		);
	}
	if (!HEX_DIGEST.test(hex)) {
		return failure(
			'malformed-header',
			`${headerName} must carry a 64-character hex HMAC-SHA256 digest; it has ${hex.length} characters or non-hex ones (truncated or altered on the way?)`,
		);
	}
	return Buffer.from(hex, 'hex');
}

/**
 * The digest a request's signature header carries, or why it carries none. It needs no secret,
 * so an unsigned or malformed request is refused before the credential is read.
 */
export function readSignatureHeader(
	header: string | string[] | undefined,
	format: Pick<SignatureSpec, 'header' | 'prefix'>,
): Buffer | VerifyResult {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value.trim() === '') {
		return failure(
			'missing-header',
			`The ${format.header} header is missing: the request was not signed by the platform`,
		);
	}
	return parseHeader(value, format.prefix, format.header);
}

function matchesAny(received: Buffer, bytes: Buffer, secrets: readonly string[]): boolean {
	return secrets.some((secret) => {
		const expected = createHmac('sha256', secret).update(bytes).digest();
		return expected.length === received.length && timingSafeEqual(expected, received);
	});
}

/*
 * The fallback parses and re-serializes bytes nobody has vouched for yet, so it runs only on
 * bodies shaped like the platforms' documented events: a few kilobytes, a few levels deep. Past
 * these bounds the raw bytes alone must match. Without them, a 14 kB gzip request that n8n
 * inflates to 14 MiB of nested brackets held n8n's event loop for seconds before the refusal.
 */
export const COMPACT_FALLBACK_MAX_BYTES = 64 * 1024;
export const COMPACT_FALLBACK_MAX_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** One pass over the bytes, strings skipped: whether the JSON nests no deeper than the bound. */
function shallowEnough(raw: Buffer, maxDepth: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < raw.length; i++) {
		const byte = raw[i];
		if (inString) {
			if (byte === BACKSLASH) i++;
			else if (byte === QUOTE) inString = false;
		} else if (byte === QUOTE) {
			inString = true;
		} else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
			if (++depth > maxDepth) return false;
		} else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
			depth--;
		}
	}
	return true;
}

/** Whether the fallback may parse these bytes at all. */
export function fitsCompactFallback(raw: Buffer): boolean {
	return raw.length <= COMPACT_FALLBACK_MAX_BYTES && shallowEnough(raw, COMPACT_FALLBACK_MAX_DEPTH);
}

/**
 * The compact JSON form the fallback tries: `JSON.stringify` of the parsed body, as the platforms'
 * own samples sign it. Computed at most once, only for bodies within the fallback's bounds, and
 * from `json`, the request's one parse, when the caller has it.
 */
export function compactFormOf(
	raw: Buffer,
	json: () => ParsedBody = lazyJson(raw),
): () => Buffer | undefined {
	let form: { bytes: Buffer | undefined } | undefined;
	return () => {
		if (!form) {
			const parsed = fitsCompactFallback(raw) ? json() : undefined;
			form = { bytes: parsed?.ok ? Buffer.from(JSON.stringify(parsed.value), 'utf8') : undefined };
		}
		return form.bytes;
	};
}

export function verify(input: VerifyInput): VerifyResult {
	const { body, format } = input;
	if (!Buffer.isBuffer(body)) {
		return failure(
			'body-not-raw',
			'The request body was not available as raw bytes, so its signature cannot be checked; a parsed or re-serialized body never matches byte for byte',
		);
	}
	const received = readSignatureHeader(input.header, format);
	if (!Buffer.isBuffer(received)) return received;
	const secrets = input.secrets.filter((s) => s.length > 0);
	if (secrets.length === 0) {
		return failure(
			'no-secret',
			'No signing secret is configured: set it in the credential (or re-activate the workflow so the subscription gets one)',
		);
	}

	if (matchesAny(received, body, secrets)) return { ok: true, form: 'raw' };

	if (input.compactJsonFallback) {
		const compact = (input.compact ?? compactFormOf(body))();
		if (compact && !compact.equals(body)) {
			if (matchesAny(received, compact, secrets)) return { ok: true, form: 'compact-json' };
		}
	}
	return failure(
		'no-match',
		`The ${format.header} signature matches none of the configured secrets: check that the secret in n8n is the one the platform shows for this webhook, and that nothing between them rewrites the body`,
	);
}
