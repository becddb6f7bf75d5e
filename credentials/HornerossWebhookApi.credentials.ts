import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Only a signing secret: Horneross has no API to test it against, so a wrong secret shows up as
 * deliveries answered 401.
 */
export class HornerossWebhookApi implements ICredentialType {
	name = 'hornerossWebhookApi';

	displayName = 'Horneross Webhook API';

	icon: Icon = {
		light: 'file:../nodes/Horneross/horneross.svg',
		dark: 'file:../nodes/Horneross/horneross.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#horneross';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret Horneross signs deliveries with (X-Horneross-Signature). Create the webhook in Horneross under Settings → Webhooks → Nuevo Webhook with the URL of the trigger, then copy the signing secret of that webhook (the documentation of Horneross does not say where it is shown; look in the settings of the webhook).',
		},
		{
			displayName: 'Previous Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'During a rotation, the secret being replaced: deliveries signed with either are accepted. Clear it once Horneross signs only with the new one.',
		},
	];
}
