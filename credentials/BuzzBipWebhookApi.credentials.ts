import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { profiles } from '../nodes/platforms';
import { signingSecretProperties } from './signingSecretCredential';

export class BuzzBipWebhookApi implements ICredentialType {
	name = 'buzzBipWebhookApi';

	displayName = 'BuzzBip Webhook API';

	icon: Icon = {
		light: 'file:../nodes/BuzzBip/buzzbip.svg',
		dark: 'file:../nodes/BuzzBip/buzzbip.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#buzzbip';

	properties: INodeProperties[] = signingSecretProperties(
		profiles.buzzbip,
		'Add the URL of the trigger in BuzzBip under Settings → Developer → Webhooks → Add Webhook, save, and copy the signing secret BuzzBip shows.',
	);
}
