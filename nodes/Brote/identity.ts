import type { PlatformIdentity } from '../platforms/types';

export const broteIdentity = {
	triggerNode: 'broteTrigger',
	actionNode: 'brote',
	credential: 'broteApi',
	credentialDisplayName: 'Brote API',
	folder: 'Brote',
	icon: 'brote',
	docsAnchor: 'brote',
} as const satisfies PlatformIdentity;
