import type { PlatformIdentity } from '../platforms/types';

export const buzzbipIdentity = {
	triggerNode: 'buzzBipTrigger',
	credential: 'buzzBipWebhookApi',
	credentialDisplayName: 'BuzzBip Webhook API',
	folder: 'BuzzBip',
	icon: 'buzzbip',
	docsAnchor: 'buzzbip',
} as const satisfies PlatformIdentity;
