import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { profiles } from '../platforms';
import { triggerParts } from '../trigger';

const trigger = triggerParts(profiles.buzzbip);

export class BuzzBipTrigger implements INodeType {
	description: INodeTypeDescription = {
		...trigger.description,
		// n8n's linter looks for these in the class's own description, the credential's test as
		// literals; test/unit/identity.test.mts checks them against the registry.
		icon: trigger.description.icon,
		subtitle: trigger.description.subtitle,
		credentials: [{ name: 'buzzBipWebhookApi', required: true, testedBy: 'testSigningSecret' }],
	};

	methods = trigger.methods;

	webhookMethods = trigger.webhookMethods;

	webhook = trigger.webhook;
}
