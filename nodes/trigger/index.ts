import type {
	IWebhookFunctions,
	IWebhookResponseData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { identities } from '../platforms';
import type { PlatformProfile } from '../platforms/types';
import type { TriggerConfig } from './config';
import { SIGNING_SECRET_TEST, signingSecretTest } from './credential-test';
import { triggerDescription } from './description';
import { receive } from './receive';
import { subscriptionMethods } from './subscription';

export type { TriggerConfig } from './config';
export { SIGNING_SECRET_TEST } from './credential-test';

export interface TriggerParts {
	description: INodeTypeDescription;
	webhook: (this: IWebhookFunctions) => Promise<IWebhookResponseData>;
	webhookMethods?: INodeType['webhookMethods'];
	methods?: INodeType['methods'];
}

/**
 * Everything a platform's trigger node is: the node classes only name their platform. Platforms
 * with a subscription API get the lifecycle methods; the others are registered in a dashboard,
 * and get the credential test instead.
 */
export function triggerParts(
	profile: PlatformProfile,
	options: Pick<TriggerConfig, 'manualRegistration'> = {},
): TriggerParts {
	const identity = identities[profile.id];
	const config: TriggerConfig = {
		name: identity.triggerNode,
		credential: identity.credential,
		...options,
	};
	return {
		description: triggerDescription(profile, identity, config),
		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await receive.call(this, profile, config);
		},
		...(profile.subscription
			? { webhookMethods: subscriptionMethods(profile, profile.subscription, config) }
			: { methods: { credentialTest: { [SIGNING_SECRET_TEST]: signingSecretTest(profile) } } }),
	};
}
