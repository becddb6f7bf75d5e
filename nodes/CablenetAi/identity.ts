import type { PlatformIdentity } from '../platforms/types';

export const cablenetaiIdentity = {
	triggerNode: 'cablenetAiTrigger',
	credential: 'cablenetAiWebhookApi',
	credentialDisplayName: 'CablenetAI Webhook API',
	folder: 'CablenetAi',
	icon: 'cablenetai',
	docsAnchor: 'cablenetai',
} as const satisfies PlatformIdentity;
