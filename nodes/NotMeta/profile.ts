import type { NoExtraFields, PlatformProfile } from '../platforms/types';
import { notmetaEvents, type NotMetaEventData } from './events';

export const notmetaProfile: PlatformProfile<NotMetaEventData, NoExtraFields> = {
	id: 'notmeta',
	displayName: 'NotMeta',
	signature: { header: 'X-NotMeta-Signature', prefix: 'required', compactJsonFallback: true },
	envelope: { typeField: 'type', idField: 'id', timeField: 'created_at', dataField: 'data' },
	dedupe: 'event-id',
	events: notmetaEvents,
	delivery: {
		timeoutMs: 30_000,
		retryOn: 'non-2xx',
		// 1 min, 5 min, 15 min, 1 h.
		retryDelaysMs: [60_000, 300_000, 900_000, 3_600_000],
	},
	api: {
		defaultBaseUrl: 'https://api.notmeta.com/v1',
		pagination: { maxPageSize: 100, defaultPageSize: 25 },
	},
	subscription: {
		collectionPath: '/webhooks',
		itemPath: '/webhooks/{id}',
		logsPath: '/webhooks/{id}/logs',
		statsPath: '/webhooks/{id}/stats',
	},
	handshake: {
		eventType: 'webhook.verified',
		challengeField: 'challenge',
		subscriptionIdField: 'webhook_id',
	},
	assumptions: [
		'DELETE /webhooks/{id} removes a subscription (204) and GET /webhooks/{id} reads one; the document shows only create, list, logs and stats.',
		"Deliveries are signed with the secret sent or with the one the creation's answer carries (its example shows another, whsec_…); the trigger accepts both.",
		"A webhook's status is 'active' once it delivers (the only value shown); another value means it does not deliver, and one starting with 'pending' may still become active.",
		"GET /webhooks and GET /webhooks/{id}/logs page like Brote's REST lists: ?limit= (1 to 100, default 25) and ?cursor=, answering { data: [...], next_cursor }; the document shows neither paging nor the answers' shape.",
		'Payloads of every event but message.received, conversation.assigned and webhook.verified are designed in their nested snake_case style.',
	],
};
