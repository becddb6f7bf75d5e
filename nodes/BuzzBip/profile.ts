import type { NoExtraFields, PlatformProfile } from '../platforms/types';
import { buzzbipEvents, type BuzzBipEventData } from './events';

export const buzzbipProfile: PlatformProfile<BuzzBipEventData, NoExtraFields> = {
	id: 'buzzbip',
	displayName: 'BuzzBip',
	signature: { header: 'X-BuzzBip-Signature', prefix: 'optional', compactJsonFallback: false },
	envelope: { typeField: 'type', idField: 'id', timeField: 'createdAt', dataField: 'data' },
	dedupe: 'event-id',
	events: buzzbipEvents,
	delivery: {
		timeoutMs: 10_000,
		retryOn: 'non-2xx',
		// 1, 2, 4, 8 and 16 min.
		retryDelaysMs: [60_000, 120_000, 240_000, 480_000, 960_000],
	},
	dashboardSetup:
		'In BuzzBip, open Settings → Developer → Webhooks → Add Webhook, paste this URL, select the events, save, and copy the signing secret into the credential.',
	assumptions: [
		'The signature header is the bare hex digest, with an optional "sha256=" prefix accepted; the document does not state its format.',
		'The 5 retries wait 1, 2, 4, 8 and 16 min; the document says only "up to 5 times with exponential backoff".',
		'Payloads of every event but message.received are designed in its camelCase style; only message.received is documented.',
	],
};
