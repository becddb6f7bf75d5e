export type ParsedBody =
	| { ok: true; value: unknown }
	| {
			ok: false;
			reason: 'empty-body' | 'invalid-utf8' | 'malformed-json';
			message: string;
			/** The parser's own words, which quote the body: for the sender's answer, never a log. */
			detail?: string;
	  };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON text is UTF-8 (RFC 8259); a lenient decode would hand the workflow replacement characters. */
export function parseJsonBody(raw: Buffer): ParsedBody {
	if (raw.length === 0) {
		return {
			ok: false,
			reason: 'empty-body',
			message: 'The body is empty; an event is a JSON object',
		};
	}
	let text: string;
	try {
		text = utf8.decode(raw);
	} catch {
		return {
			ok: false,
			reason: 'invalid-utf8',
			message: 'The body is not valid UTF-8, so it is not JSON',
		};
	}
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return {
			ok: false,
			reason: 'malformed-json',
			message: 'The body is not valid JSON',
			detail: (error as Error).message,
		};
	}
}

/** Parses once, on first use: the handshake check and the delivery path share the result. */
export function lazyJson(raw: Buffer): () => ParsedBody {
	let parsed: ParsedBody | undefined;
	return () => (parsed ??= parseJsonBody(raw));
}
