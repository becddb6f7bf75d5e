import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { identities, profiles } from '../nodes/platforms';
import { credentialIcon, docsUrl } from '../nodes/platforms/identity';
import { signingSecretProperties } from './signingSecretCredential';

export class BuzzBipWebhookApi implements ICredentialType {
	// n8n's linter matches the nodes' credentials against this literal;
	// test/unit/identity.test.mts checks it against the registry.
	name = 'buzzBipWebhookApi';

	displayName = identities.buzzbip.credentialDisplayName;

	icon: Icon = credentialIcon(identities.buzzbip);

	documentationUrl = docsUrl(identities.buzzbip.docsAnchor);

	properties: INodeProperties[] = signingSecretProperties(
		profiles.buzzbip,
		'Add the URL of the trigger in BuzzBip under Settings → Developer → Webhooks → Add Webhook, save, and copy the signing secret BuzzBip shows.',
	);
}
