import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { profiles } from '../nodes/platforms';

export class BroteApi implements ICredentialType {
	name = 'broteApi';

	displayName = 'Brote API';

	icon: Icon = {
		light: 'file:../nodes/Brote/brote.svg',
		dark: 'file:../nodes/Brote/brote.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#brote';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Created per organization in Brote under Configuración → API Keys',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: profiles.brote.api?.defaultBaseUrl ?? '',
			description:
				'Including the version segment. Change it only to reach a stand-in such as the sandbox.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Used by the Brote Trigger to verify deliveries. Leave empty to let the trigger generate one when it registers its webhook.',
		},
		{
			displayName: 'Previous Webhook Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Still accepted while a rotation is under way; clear it once Brote signs with the new secret',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/contacts',
			qs: { limit: 1 },
		},
	};
}
