import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { profiles } from '../platforms';
import { triggerParts } from '../shared/trigger';

const trigger = triggerParts(profiles.notmeta, {
	name: 'notMetaTrigger',
	credential: 'notMetaApi',
});

export class NotMetaTrigger implements INodeType {
	description: INodeTypeDescription = {
		...trigger.description,
		icon: { light: 'file:notmeta.svg', dark: 'file:notmeta.dark.svg' },
		subtitle: trigger.description.subtitle,
	};

	webhookMethods = trigger.webhookMethods;

	webhook = trigger.webhook;
}
