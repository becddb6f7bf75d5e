import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { identities, profiles } from '../nodes/platforms';
import { credentialIcon, docsUrl } from '../nodes/platforms/identity';
import {
	apiCredentialProperties,
	bearerApiKey,
	redirectRules,
	refusedKeyRule,
} from './apiCredential';

export class BroteApi implements ICredentialType {
	// n8n's linter matches the nodes' credentials against this literal;
	// test/unit/identity.test.mts checks it against the registry.
	name = 'broteApi';

	displayName = identities.brote.credentialDisplayName;

	icon: Icon = credentialIcon(identities.brote);

	documentationUrl = docsUrl(identities.brote.docsAnchor);

	properties: INodeProperties[] = apiCredentialProperties(
		profiles.brote,
		'Created per organization in Brote under Configuración → API Keys',
	);

	authenticate: IAuthenticateGeneric = bearerApiKey;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			disableFollowRedirect: true,
			url: '/contacts',
			qs: { limit: 1 },
		},
		rules: [
			refusedKeyRule(profiles.brote, "the API keys page of the organization's settings in Brote"),
			...redirectRules(profiles.brote),
		],
	};
}
