import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { identities, profiles } from '../nodes/platforms';
import { credentialIcon, docsUrl } from '../nodes/platforms/identity';
import { signingSecretProperties } from './signingSecretCredential';

export class CablenetAiWebhookApi implements ICredentialType {
	// n8n's linter matches the nodes' credentials against this literal;
	// test/unit/identity.test.mts checks it against the registry.
	name = 'cablenetAiWebhookApi';

	displayName = identities.cablenetai.credentialDisplayName;

	icon: Icon = credentialIcon(identities.cablenetai);

	documentationUrl = docsUrl(identities.cablenetai.docsAnchor);

	properties: INodeProperties[] = signingSecretProperties(
		profiles.cablenetai,
		'You choose it: enter it next to the URL of the trigger in CablenetAI under /integraciones-mias → Webhooks, and the same value here.',
	);
}
