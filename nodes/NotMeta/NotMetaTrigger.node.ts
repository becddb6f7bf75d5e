import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { profiles } from '../platforms';
import { triggerParts } from '../trigger';

const trigger = triggerParts(profiles.notmeta);

export class NotMetaTrigger implements INodeType {
	description: INodeTypeDescription = {
		...trigger.description,
		// n8n's linter looks for the icon and subtitle in the class's own description.
		icon: trigger.description.icon,
		subtitle: trigger.description.subtitle,
	};

	methods = trigger.methods;

	webhookMethods = trigger.webhookMethods;

	webhook = trigger.webhook;
}
