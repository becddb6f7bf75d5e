import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { profiles } from '../nodes/platforms';

export class NotMetaApi implements ICredentialType {
	name = 'notMetaApi';

	displayName = 'NotMeta API';

	icon: Icon = {
		light: 'file:../nodes/NotMeta/notmeta.svg',
		dark: 'file:../nodes/NotMeta/notmeta.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#notmeta';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The Bearer token NotMeta issues for its API',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: profiles.notmeta.api?.defaultBaseUrl ?? '',
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
				'Used by the NotMeta Trigger to verify deliveries. Leave empty to let the trigger generate one when it registers its webhook.',
		},
		{
			displayName: 'Previous Webhook Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Still accepted while a rotation is under way; clear it once NotMeta signs with the new secret',
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
			url: '/webhooks',
		},
	};
}
