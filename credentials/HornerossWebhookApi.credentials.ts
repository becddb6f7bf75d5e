import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { identities, profiles } from '../nodes/platforms';
import { credentialIcon, docsUrl } from '../nodes/platforms/identity';
import { signingSecretProperties } from './signingSecretCredential';

export class HornerossWebhookApi implements ICredentialType {
	// n8n's linter matches the nodes' credentials against this literal;
	// test/unit/identity.test.mts checks it against the registry.
	name = 'hornerossWebhookApi';

	displayName = identities.horneross.credentialDisplayName;

	icon: Icon = credentialIcon(identities.horneross);

	documentationUrl = docsUrl(identities.horneross.docsAnchor);

	properties: INodeProperties[] = signingSecretProperties(
		profiles.horneross,
		'Create the webhook in Horneross under Settings → Webhooks → Nuevo Webhook with the URL of the trigger, then copy the signing secret of that webhook (the documentation of Horneross does not say where it is shown; look in the settings of the webhook).',
	);
}
