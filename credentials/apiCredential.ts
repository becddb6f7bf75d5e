import type { IAuthenticateGeneric, INodeProperties } from 'n8n-workflow';

import type { PlatformProfile } from '../nodes/platforms/types';

/**
 * The fields of a platform whose API takes a Bearer key and whose trigger registers its own
 * webhook: the key, the base URL from the profile, and the signing secrets during a rotation.
 */
export function apiCredentialProperties(
	profile: PlatformProfile,
	apiKeyDescription: string,
): INodeProperties[] {
	return [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: apiKeyDescription,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: profile.api?.defaultBaseUrl ?? '',
			description:
				'Including the version segment. Change it only to reach a stand-in such as the sandbox.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: `Used by the ${profile.displayName} Trigger to verify deliveries. Leave empty to let the trigger generate one when it registers its webhook.`,
		},
		{
			displayName: 'Previous Webhook Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: `Still accepted while a rotation is under way; clear it once ${profile.displayName} signs with the new secret`,
		},
	];
}

export const bearerApiKey: IAuthenticateGeneric = {
	type: 'generic',
	properties: {
		headers: {
			Authorization: '=Bearer {{$credentials.apiKey}}',
		},
	},
};
