import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { profiles } from '../platforms';
import { triggerParts } from '../shared/trigger';

const trigger = triggerParts(profiles.cablenetai, {
	name: 'cablenetAiTrigger',
	credential: 'cablenetAiWebhookApi',
});

export class CablenetAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		...trigger.description,
		icon: { light: 'file:cablenetai.svg', dark: 'file:cablenetai.dark.svg' },
		subtitle: trigger.description.subtitle,
		credentials: [{ name: 'cablenetAiWebhookApi', required: true, testedBy: 'testSigningSecret' }],
	};

	methods = trigger.methods;

	webhook = trigger.webhook;
}
