import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { profiles } from '../platforms';
import { triggerParts } from '../shared/trigger';

const trigger = triggerParts(profiles.brote, {
	name: 'broteTrigger',
	credential: 'broteApi',
	manualRegistration: true,
});

export class BroteTrigger implements INodeType {
	description: INodeTypeDescription = {
		...trigger.description,
		icon: { light: 'file:brote.svg', dark: 'file:brote.dark.svg' },
		subtitle: trigger.description.subtitle,
	};

	webhookMethods = trigger.webhookMethods;

	webhook = trigger.webhook;
}
