import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { profiles } from '../nodes/platforms';
import { signingSecretProperties } from './signingSecretCredential';

export class HornerossWebhookApi implements ICredentialType {
	name = 'hornerossWebhookApi';

	displayName = 'Horneross Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Horneross/horneross.svg',
		dark: 'file:../nodes/Horneross/horneross.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#horneross';

	properties: INodeProperties[] = signingSecretProperties(
		profiles.horneross,
		'Create the webhook in Horneross under Settings → Webhooks → Nuevo Webhook with the URL of the trigger, then copy the signing secret of that webhook (the documentation of Horneross does not say where it is shown; look in the settings of the webhook).',
	);
}
