import { createHmac, timingSafeEqual } from 'node:crypto';

import type { SignatureSpec } from '../platforms/types';

const PREFIX = 'sha256=';
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

export type SignedForm = 'raw' | 'compact-json';

export type VerifyFailure =
	| 'missing-header'
	| 'malformed-header'
	| 'no-secret'
	| 'no-match'
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

function matchesAny(received: Buffer, bytes: Buffer, secrets: readonly string[]): boolean {
	return secrets.some((secret) => {
		const expected = createHmac('sha256', secret).update(bytes).digest();
		return expected.length === received.length && timingSafeEqual(expected, received);
	});
}

function compactJson(raw: Buffer): Buffer | undefined {
	try {
		return Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
	} catch {
		return undefined;
	}
}

export function verify(input: VerifyInput): VerifyResult {
	const { body, format } = input;
	if (!Buffer.isBuffer(body)) {
		return failure(
			'body-not-raw',
			'The request body was not available as raw bytes, so its signature cannot be checked; a parsed or re-serialized body never matches byte for byte',
		);
	}
	const secrets = input.secrets.filter((s) => s.length > 0);
	if (secrets.length === 0) {
		return failure(
			'no-secret',
			'No signing secret is configured: set it in the credential (or re-activate the workflow so the subscription gets one)',
		);
	}
	const headerValue = Array.isArray(input.header) ? input.header[0] : input.header;
	if (headerValue === undefined || headerValue.trim() === '') {
		return failure(
			'missing-header',
			`The ${format.header} header is missing: the request was not signed by the platform`,
		);
	}
	const received = parseHeader(headerValue, format.prefix, format.header);
	if (!Buffer.isBuffer(received)) return received;

	if (matchesAny(received, body, secrets)) return { ok: true, form: 'raw' };

	if (input.compactJsonFallback) {
		const compact = compactJson(body);
		if (compact && !compact.equals(body)) {
			if (matchesAny(received, compact, secrets)) return { ok: true, form: 'compact-json' };
		}
	}
	return failure(
		'no-match',
		`The ${format.header} signature matches none of the configured secrets: check that the secret in n8n is the one the platform shows for this webhook, and that nothing between them rewrites the body`,
	);
}
