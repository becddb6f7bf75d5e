import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Only a signing secret: CablenetAI has no API to test it against, so a wrong secret shows up as
 * deliveries answered 401.
 */
export class CablenetAiWebhookApi implements ICredentialType {
	name = 'cablenetAiWebhookApi';

	displayName = 'CablenetAI Webhook API';

	icon: Icon = {
		light: 'file:../nodes/CablenetAi/cablenetai.svg',
		dark: 'file:../nodes/CablenetAi/cablenetai.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#cablenetai';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret CablenetAI signs deliveries with (X-CablenetAI-Signature). You choose it: enter it next to the URL of the trigger in CablenetAI under /integraciones-mias → Webhooks, and the same value here.',
		},
		{
			displayName: 'Previous Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'During a rotation, the secret being replaced: deliveries signed with either are accepted. Clear it once CablenetAI signs only with the new one.',
		},
	];
}
