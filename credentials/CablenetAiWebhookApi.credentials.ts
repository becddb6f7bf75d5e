import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { profiles } from '../nodes/platforms';
import { signingSecretProperties } from './signingSecretCredential';

export class CablenetAiWebhookApi implements ICredentialType {
	name = 'cablenetAiWebhookApi';

	displayName = 'CablenetAI Webhook API';

	icon: Icon = {
		light: 'file:../nodes/CablenetAi/cablenetai.svg',
		dark: 'file:../nodes/CablenetAi/cablenetai.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#cablenetai';

	properties: INodeProperties[] = signingSecretProperties(
		profiles.cablenetai,
		'You choose it: enter it next to the URL of the trigger in CablenetAI under /integraciones-mias → Webhooks, and the same value here.',
	);
}
