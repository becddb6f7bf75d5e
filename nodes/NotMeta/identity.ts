import type { PlatformIdentity } from '../platforms/types';

export const notmetaIdentity = {
	triggerNode: 'notMetaTrigger',
	actionNode: 'notMeta',
	credential: 'notMetaApi',
	credentialDisplayName: 'NotMeta API',
	folder: 'NotMeta',
	icon: 'notmeta',
	docsAnchor: 'notmeta',
} as const satisfies PlatformIdentity;
