import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { profiles } from '../nodes/platforms';
import { apiCredentialProperties, bearerApiKey } from './apiCredential';

export class NotMetaApi implements ICredentialType {
	name = 'notMetaApi';

	displayName = 'NotMeta API';

	icon: Icon = {
		light: 'file:../nodes/NotMeta/notmeta.svg',
		dark: 'file:../nodes/NotMeta/notmeta.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#notmeta';

	properties: INodeProperties[] = apiCredentialProperties(
		profiles.notmeta,
		'The Bearer token NotMeta issues for its API',
	);

	authenticate: IAuthenticateGeneric = bearerApiKey;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/webhooks',
		},
	};
}
