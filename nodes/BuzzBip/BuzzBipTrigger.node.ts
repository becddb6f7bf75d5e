import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { profiles } from '../platforms';
import { triggerParts } from '../shared/trigger';

const trigger = triggerParts(profiles.buzzbip, {
	name: 'buzzBipTrigger',
	credential: 'buzzBipWebhookApi',
});

export class BuzzBipTrigger implements INodeType {
	description: INodeTypeDescription = {
		...trigger.description,
		icon: { light: 'file:buzzbip.svg', dark: 'file:buzzbip.dark.svg' },
		subtitle: trigger.description.subtitle,
		credentials: [{ name: 'buzzBipWebhookApi', required: true, testedBy: 'testSigningSecret' }],
	};

	methods = trigger.methods;

	webhook = trigger.webhook;
}
