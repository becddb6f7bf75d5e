import { createHash } from 'node:crypto';

import type {
	EnvelopeExtras,
	EventCatalog,
	KnownEvent,
	PlatformEvent,
	PlatformId,
	PlatformProfile,
	UnknownEvent,
} from '../platforms/types';
import { eventTimeMs } from './freshness';
import { isObject } from './isObject';
import type { SignedForm } from './signature';

export type EnvelopeReadResult<M> =
	| {
			ok: true;
			event: PlatformEvent<PlatformId, M>;
			extras: EnvelopeExtras;
			/** The time field as sent, for the event-time check. */
			time: unknown;
	  }
	| { ok: false; reason: string };

export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

function nonEmptyString(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function headerValue(headers: RequestHeaders, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		return nonEmptyString(Array.isArray(value) ? value[0] : value);
	}
	return undefined;
}

function eventType<M>(
	profile: PlatformProfile<M>,
	body: Record<string, unknown>,
	headers: RequestHeaders,
): string | undefined {
	const { typeField, typeAliases = [], typeHeader } = profile.envelope;
	for (const field of [typeField, ...typeAliases]) {
		const type = nonEmptyString(body[field]);
		if (type !== undefined) return type;
	}
	return typeHeader === undefined ? undefined : headerValue(headers, typeHeader);
}

function missingTypeReason<M>(profile: PlatformProfile<M>): string {
	const { typeField, typeAliases = [], typeHeader } = profile.envelope;
	const places = [typeField, ...typeAliases].map((field) => `a "${field}" field`);
	if (typeHeader !== undefined) places.push(`an ${typeHeader} header`);
	return `The body is not a ${profile.displayName} event: it has no event type (looked for ${places.join(', then ')})`;
}

const [QUOTE, BACKSLASH, COMMA, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY] = [
	...'"\\,{}[]',
].map((c) => c.charCodeAt(0));

/** The index just past the JSON string that opens at `start`. */
function stringEnd(text: string, start: number): number {
	let i = start + 1;
	while (i < text.length) {
		const c = text.charCodeAt(i);
		if (c === BACKSLASH) i += 2;
		else if (c === QUOTE) return i + 1;
		else i++;
	}
	return i;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE_AND_COLON = /[\s:]*/y;

/**
 * The text of a top-level field's number in a JSON object that parsed, read in one pass: the
 * last occurrence, as JSON.parse keeps. JSON.parse rounds integers past 2^53, and Node 20's has no
 * access to the source text.
 */
function topLevelNumberText(text: string, field: string): string | undefined {
	let depth = 0;
	let atKey = false;
	let found: string | undefined;
	let i = 0;
	while (i < text.length) {
		const c = text.charCodeAt(i);
		if (c === QUOTE) {
			const end = stringEnd(text, i);
			if (depth === 1 && atKey) {
				atKey = false;
				const key = text.slice(i, end);
				const name = key.includes('\\') ? (JSON.parse(key) as string) : key.slice(1, -1);
				WHITESPACE_AND_COLON.lastIndex = end;
				WHITESPACE_AND_COLON.exec(text);
				i = WHITESPACE_AND_COLON.lastIndex;
				if (name === field) {
					NUMBER.lastIndex = i;
					found = NUMBER.exec(text)?.[0];
				}
				continue;
			}
			i = end;
			continue;
		}
		if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
			depth++;
			atKey = depth === 1;
		} else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
		else if (c === COMMA && depth === 1) atKey = true;
		i++;
	}
	return found;
}

/**
 * The delivery id: the envelope's id, or for an event without one, the SHA-256 of the bytes the
 * signature vouches for. Those are the compact JSON of the body when the signature matched it
 * (Horneross and NotMeta): the raw bytes of one signed event can take many shapes, whose compact
 * form is one, and the same event sent as that compact form matches it byte for byte.
 */
function deliveryId<M>(
	profile: PlatformProfile<M>,
	body: Record<string, unknown>,
	rawBody: Buffer,
	form: SignedForm,
): string {
	const { idField } = profile.envelope;
	if (profile.dedupe === 'event-id' && idField !== undefined) {
		const id = body[idField];
		if (typeof id === 'string' && id !== '') return id;
		if (typeof id === 'number' && Number.isFinite(id)) {
			// The signature vouches for the raw digits, or for the compact form's, which are String(id).
			if (Number.isSafeInteger(id) || form === 'compact-json') return String(id);
			return topLevelNumberText(rawBody.toString('utf8'), idField) ?? String(id);
		}
	}
	// A missing id must not drop the event; a platform's retry resends the same bytes, so their
	// hash still de-duplicates it.
	const signed = form === 'compact-json' ? Buffer.from(JSON.stringify(body), 'utf8') : rawBody;
	return createHash('sha256').update(signed).digest('hex');
}

/** The item's occurredAt: text as sent, an epoch number as ISO 8601, null for anything else. */
function occurredAt(time: unknown): string | null {
	if (typeof time === 'string') return time;
	const ms = eventTimeMs(time);
	return ms === undefined ? null : new Date(ms).toISOString();
}

/**
 * The item's name for an envelope field beyond id, type, time and data: camelCase, like the
 * item's own fields (`organization_id` → `organizationId`, beside `occurredAt`).
 */
export function envelopeItemField(field: string): string {
	return field.replace(/[_-]+([a-zA-Z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Every extra field the profile names, so an item always has the same fields; null when absent. */
function envelopeExtras<M>(
	profile: PlatformProfile<M>,
	body: Record<string, unknown>,
): EnvelopeExtras {
	return Object.fromEntries(
		Object.keys(profile.envelope.extraFields ?? {}).map((field) => [
			envelopeItemField(field),
			nonEmptyString(body[field]) ?? null,
		]),
	);
}

function isCataloged<M>(events: EventCatalog<M>, type: string): type is keyof M & string {
	return Object.prototype.hasOwnProperty.call(events, type);
}

/**
 * Reads a parsed body by the profile; the signature is checked before, on the raw bytes or their
 * compact JSON (`form`). The handshake, read before any signature, leaves `form` at raw.
 */
export function readEnvelope<M>(
	profile: PlatformProfile<M>,
	parsed: unknown,
	headers: RequestHeaders,
	rawBody: Buffer,
	form: SignedForm = 'raw',
): EnvelopeReadResult<M> {
	if (!isObject(parsed)) {
		return {
			ok: false,
			reason: `The body is not a ${profile.displayName} event: it must be a JSON object`,
		};
	}
	const type = eventType(profile, parsed, headers);
	if (type === undefined) return { ok: false, reason: missingTypeReason(profile) };

	const { timeField, dataField } = profile.envelope;
	const time = parsed[timeField];
	const base = {
		platform: profile.id,
		id: deliveryId(profile, parsed, rawBody, form),
		occurredAt: occurredAt(time),
	};
	const data = parsed[dataField] ?? null;
	const extras = envelopeExtras(profile, parsed);
	if (isCataloged(profile.events, type)) {
		// The platform is trusted to send its documented shape once the signature has matched.
		const event: KnownEvent<PlatformId, typeof type, M[typeof type]> = {
			...base,
			type,
			data: data as M[typeof type],
			known: true,
		};
		return { ok: true, event, extras, time };
	}
	const event: UnknownEvent<PlatformId> = { ...base, type, data, known: false };
	return { ok: true, event, extras, time };
}
