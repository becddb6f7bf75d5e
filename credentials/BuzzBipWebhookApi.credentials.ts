import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Only a signing secret: BuzzBip has no API to test it against, so a wrong secret shows up as
 * deliveries answered 401.
 */
export class BuzzBipWebhookApi implements ICredentialType {
	name = 'buzzBipWebhookApi';

	displayName = 'BuzzBip Webhook API';

	icon: Icon = {
		light: 'file:../nodes/BuzzBip/buzzbip.svg',
		dark: 'file:../nodes/BuzzBip/buzzbip.dark.svg',
	};

	documentationUrl = 'https://github.com/conversa/n8n-nodes-conversa#buzzbip';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret BuzzBip signs deliveries with (X-BuzzBip-Signature). Add the URL of the trigger in BuzzBip under Settings → Developer → Webhooks → Add Webhook, save, and copy the signing secret BuzzBip shows.',
		},
		{
			displayName: 'Previous Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'During a rotation, the secret being replaced: deliveries signed with either are accepted. Clear it once BuzzBip signs only with the new one.',
		},
	];
}
