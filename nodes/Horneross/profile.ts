import type { NoExtraFields, PlatformProfile } from '../platforms/types';
import { hornerossEvents, type HornerossEventData } from './events';

export const hornerossProfile: PlatformProfile<HornerossEventData, NoExtraFields> = {
	id: 'horneross',
	displayName: 'Horneross',
	signature: { header: 'X-Horneross-Signature', prefix: 'none', compactJsonFallback: true },
	envelope: { typeField: 'type', idField: 'id', timeField: 'timestamp', dataField: 'data' },
	dedupe: 'event-id',
	events: hornerossEvents,
	delivery: {
		timeoutMs: 10_000,
		retryOn: 'not-200',
		// 1 min, 5 min, 30 min, 2 h: five tries in all.
		retryDelaysMs: [60_000, 300_000, 1_800_000, 7_200_000],
	},
	dashboardSetup:
		'In Horneross, open Settings → Webhooks → Nuevo Webhook, paste this URL, select the events and save; put the signing secret in the credential.',
	assumptions: [
		'An attempt that gets no answer within 10 s counts as failed; the document states no timeout.',
		'Payloads of conversation.created and conversation.status.changed are designed in the documented camelCase style; the document shows only message and lead payloads.',
	],
};
