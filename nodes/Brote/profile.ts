import type { PlatformProfile } from '../platforms/types';
import { broteEvents, type BroteEnvelope, type BroteEventData } from './events';

export const broteProfile: PlatformProfile<BroteEventData, BroteEnvelope> = {
	id: 'brote',
	displayName: 'Brote',
	signature: { header: 'X-Brote-Signature', prefix: 'required', compactJsonFallback: false },
	envelope: {
		typeField: 'event',
		timeField: 'timestamp',
		dataField: 'data',
		extraFields: { organization_id: '921da914-7b3e-436f-91e5-ac81637a84dc' },
	},
	dedupe: 'body-sha256',
	events: broteEvents,
	delivery: {
		timeoutMs: 10_000,
		retryOn: 'server-error-or-timeout',
		// 1 min, 5 min, 30 min, 2 h, 12 h; then the delivery is marked failed.
		retryDelaysMs: [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000],
	},
	api: {
		defaultBaseUrl: 'https://api.brote.ai/v1',
		rateLimit: { capacity: 200, refillPerMinute: 100 },
		rateLimitPlan: 'Business',
		pagination: { maxPageSize: 100, defaultPageSize: 25 },
	},
	subscription: {
		collectionPath: '/webhooks',
		itemPath: '/webhooks/{id}',
	},
	assumptions: [
		'An attempt that gets no answer within 10 s counts as a timeout; the document names timeouts but no duration.',
		"The subscription API follows NotMeta's contract (POST and GET /webhooks, GET and DELETE /webhooks/{id}) under https://api.brote.ai/v1, plus GET /webhooks/{id}/deliveries for the delivery log.",
		'REST lists take ?limit= (1 to 100, default 25) and ?cursor=, and answer { data: [...], next_cursor } with next_cursor null on the last page.',
		'REST errors answer { error: { code, message } } with the HTTP status.',
		'REST objects (contact, conversation, message, ticket, payment link, campaign) have the fields listed in docs/platforms.md; amounts are integers in minor units.',
		'Payloads of every event but payment.received are designed from those objects; only payment.received is documented.',
	],
};
