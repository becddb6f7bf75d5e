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
import { isObject } from './isObject';

export type EnvelopeReadResult<M> =
	| { ok: true; event: PlatformEvent<PlatformId, M>; extras: EnvelopeExtras }
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

function deliveryId<M>(
	profile: PlatformProfile<M>,
	body: Record<string, unknown>,
	rawBody: Buffer,
): string {
	const { idField } = profile.envelope;
	if (profile.dedupe === 'event-id' && idField !== undefined) {
		const id = body[idField];
		if (typeof id === 'string' && id !== '') return id;
		if (typeof id === 'number') return String(id);
	}
	// A missing id must not drop the event; a platform's retry resends the same bytes, so the
	// body hash still de-duplicates it.
	return createHash('sha256').update(rawBody).digest('hex');
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

/** Reads a parsed body by the profile; the signature is checked before, on the raw bytes. */
export function readEnvelope<M>(
	profile: PlatformProfile<M>,
	parsed: unknown,
	headers: RequestHeaders,
	rawBody: Buffer,
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
		id: deliveryId(profile, parsed, rawBody),
		occurredAt: typeof time === 'string' ? time : null,
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
		return { ok: true, event, extras };
	}
	const event: UnknownEvent<PlatformId> = { ...base, type, data, known: false };
	return { ok: true, event, extras };
}
