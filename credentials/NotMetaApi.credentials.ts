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

export class NotMetaApi implements ICredentialType {
	// n8n's linter matches the nodes' credentials against this literal;
	// test/unit/identity.test.mts checks it against the registry.
	name = 'notMetaApi';

	displayName = identities.notmeta.credentialDisplayName;

	icon: Icon = credentialIcon(identities.notmeta);

	documentationUrl = docsUrl(identities.notmeta.docsAnchor);

	properties: INodeProperties[] = apiCredentialProperties(
		profiles.notmeta,
		'The Bearer token NotMeta issues for its API',
	);

	authenticate: IAuthenticateGeneric = bearerApiKey;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			disableFollowRedirect: true,
			url: '/webhooks',
		},
		rules: [
			refusedKeyRule(profiles.notmeta, 'where NotMeta issued it'),
			...redirectRules(profiles.notmeta),
		],
	};
}
