import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { profiles } from '../platforms';
import { triggerParts } from '../shared/trigger';

const trigger = triggerParts(profiles.horneross, {
	name: 'hornerossTrigger',
	credential: 'hornerossWebhookApi',
});

export class HornerossTrigger implements INodeType {
	description: INodeTypeDescription = {
		...trigger.description,
		icon: { light: 'file:horneross.svg', dark: 'file:horneross.dark.svg' },
		subtitle: trigger.description.subtitle,
		credentials: [{ name: 'hornerossWebhookApi', required: true, testedBy: 'testSigningSecret' }],
	};

	methods = trigger.methods;

	webhook = trigger.webhook;
}
