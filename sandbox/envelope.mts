import { randomUUID } from 'node:crypto';

import type { PlatformProfile } from '../nodes/platforms/types.ts';

export interface EnvelopeInput {
	type: string;
	data: unknown;
	/** Ignored where the envelope carries no id (Brote); a random UUID when absent. */
	id?: string;
	/** ISO 8601; now when absent. */
	occurredAt?: string;
	/** Values for the profile's extra fields (e.g. Brote's organization_id); the profile's samples fill the rest. */
	extra?: Readonly<Record<string, unknown>>;
}

/** The body the platform would send, keys in its documented order: id, type, time, extra fields, data. */
export function buildEnvelope<M>(
	profile: PlatformProfile<M>,
	input: EnvelopeInput,
): Record<string, unknown> {
	const { envelope } = profile;
	const body: Record<string, unknown> = {};
	if (envelope.idField !== undefined) body[envelope.idField] = input.id ?? randomUUID();
	body[envelope.typeField] = input.type;
	body[envelope.timeField] = input.occurredAt ?? new Date().toISOString();
	for (const [field, sample] of Object.entries(envelope.extraFields ?? {})) {
		body[field] = input.extra?.[field] ?? sample;
	}
	body[envelope.dataField] = input.data;
	return body;
}
