import type { NoExtraFields, PlatformProfile } from '../platforms/types';
import { cablenetaiEvents, type CablenetAIEventData } from './events';

// Doubling from 1 min; the last delay is cut so the final retry lands exactly 24 h (1440 min) after the first try.
const RETRY_MINUTES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 417];

export const cablenetaiProfile: PlatformProfile<CablenetAIEventData, NoExtraFields> = {
	id: 'cablenetai',
	displayName: 'CablenetAI',
	signature: { header: 'X-CablenetAI-Signature', prefix: 'none', compactJsonFallback: false },
	envelope: {
		typeField: 'type',
		typeAliases: ['event'],
		typeHeader: 'X-CablenetAI-Event',
		idField: 'id',
		timeField: 'created_at',
		dataField: 'data',
	},
	dedupe: 'event-id',
	events: cablenetaiEvents,
	// "Mls" would hide the acronym the network is known by.
	eventNames: { 'mls.collaboration.created': 'MLS Collaboration Created' },
	delivery: {
		timeoutMs: 10_000,
		retryOn: 'non-2xx',
		retryDelaysMs: RETRY_MINUTES.map((minutes) => minutes * 60_000),
	},
	dashboardSetup:
		'In CablenetAI, open /integraciones-mias → Webhooks (URL + secret), enter this URL and a signing secret there, and put the same secret in the credential.',
	assumptions: [
		'The body is { id, type, created_at, data } with data as the documented payload; the type may come as "event" instead, or in an X-CablenetAI-Event header.',
		'Retries start at 1 min and double, the last one exactly 24 h after the first try; the document says only "exponential backoff up to 24 h".',
	],
};
