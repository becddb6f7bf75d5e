import type { INodeProperties } from 'n8n-workflow';

import type { PlatformProfile } from '../nodes/platforms/types';

/**
 * The fields of a platform registered in its dashboard: the secret it signs with, and the one
 * being replaced during a rotation. There is no API to test them against, so a wrong secret
 * shows up as deliveries answered 401.
 */
export function signingSecretProperties(
	profile: PlatformProfile,
	whereToFindIt: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: `The secret ${profile.displayName} signs deliveries with (${profile.signature.header}). ${whereToFindIt}`,
		},
		{
			displayName: 'Previous Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: `During a rotation, the secret being replaced: deliveries signed with either are accepted. Clear it once ${profile.displayName} signs only with the new one.`,
		},
	];
}
