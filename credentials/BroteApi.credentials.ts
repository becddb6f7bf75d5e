import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { profiles } from '../nodes/platforms';
import { apiCredentialProperties, bearerApiKey } from './apiCredential';

export class BroteApi implements ICredentialType {
	name = 'broteApi';

	displayName = 'Brote API';

	icon: Icon = {
		light: 'file:../nodes/Brote/brote.svg',
		dark: 'file:../nodes/Brote/brote.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#brote';

	properties: INodeProperties[] = apiCredentialProperties(
		profiles.brote,
		'Created per organization in Brote under Configuración → API Keys',
	);

	authenticate: IAuthenticateGeneric = bearerApiKey;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/contacts',
			qs: { limit: 1 },
		},
	};
}
