import type {
	IWebhookFunctions,
	IWebhookResponseData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';
import type { TriggerConfig } from './trigger/config';
import { SIGNING_SECRET_TEST, signingSecretTest } from './trigger/credential-test';
import { triggerDescription } from './trigger/description';
import { receive } from './trigger/receive';
import { subscriptionMethods } from './trigger/subscription';

export type { TriggerConfig } from './trigger/config';
export { SIGNING_SECRET_TEST } from './trigger/credential-test';

export interface TriggerParts {
	description: INodeTypeDescription;
	webhook: (this: IWebhookFunctions) => Promise<IWebhookResponseData>;
	webhookMethods?: INodeType['webhookMethods'];
	methods?: INodeType['methods'];
}

/**
 * Everything a platform's trigger node is: the node classes only name their platform. Platforms
 * with a subscription API get the lifecycle methods; the others are registered in a dashboard.
 */
export function triggerParts(profile: PlatformProfile, config: TriggerConfig): TriggerParts {
	return {
		description: triggerDescription(profile, config),
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await receive.call(this, profile, config);
		},
		...(profile.subscription
			? { webhookMethods: subscriptionMethods(profile, profile.subscription, config) }
			: { methods: { credentialTest: { [SIGNING_SECRET_TEST]: signingSecretTest(profile) } } }),
	};
}
