import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { EnvelopeExtras, PlatformEvent, PlatformId } from '../platforms/types';
import { isObject } from './isObject';
import type { SignedForm } from './signature';
import type { TriggerOptions } from './config';

export interface Received {
	event: PlatformEvent<PlatformId, Record<string, unknown>>;
	/** The envelope's other fields (Brote's organizationId), by item field name. */
	extras: EnvelopeExtras;
	/** Which bytes the signature matched: those received, or the compact JSON of the body. */
	form: SignedForm;
	headers: IDataObject;
	raw: Buffer;
}

/*
 * Headers that carry a credential or a session of whoever sent the request, or of a proxy in
 * front of n8n: an item is seen by everyone who may read the workflow's executions.
 */
const CREDENTIAL_HEADERS = new Set([
	'authorization',
	'proxy-authorization',
	'cookie',
	'x-api-key',
	'x-n8n-api-key',
	'x-auth-token',
]);

function withoutCredentials(headers: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())),
	);
}

/**
 * One item per event. The full envelope carries the platform's other envelope fields (Brote's
 * organizationId) beside occurredAt, so a workflow serving several accounts can tell them apart.
 * "Data only" emits the event's data itself (wrapped as `{ data }` when it is not an object). The request's headers and bytes are added when asked, for debugging;
 * next to "data only" fields, a data field of the same name wins.
 */
export function toItem(
	{ event, extras, form, headers, raw }: Received,
	options: TriggerOptions,
): INodeExecutionData {
	const request: IDataObject = options.includeRaw
		? { headers: withoutCredentials(headers), rawBody: raw.toString('utf8') }
		: {};
	if (options.output === 'data') {
		const data = isObject(event.data) ? event.data : { data: event.data as IDataObject };
		return { json: { ...request, ...data } };
	}
	return {
		json: {
			platform: event.platform,
			id: event.id,
			type: event.type,
			occurredAt: event.occurredAt,
			...extras,
			data: event.data as IDataObject,
			known: event.known,
			signature: form,
			...request,
		},
	};
}
