import type { PlatformIdentity } from '../platforms/types';

export const hornerossIdentity = {
	triggerNode: 'hornerossTrigger',
	credential: 'hornerossWebhookApi',
	credentialDisplayName: 'Horneross Webhook API',
	folder: 'Horneross',
	icon: 'horneross',
	docsAnchor: 'horneross',
} as const satisfies PlatformIdentity;
