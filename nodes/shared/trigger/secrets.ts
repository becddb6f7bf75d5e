import type {
	ICredentialDataDecryptedObject,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { PlatformProfile } from '../../platforms/types';
import type { TriggerConfig } from './config';
import { registersAutomatically } from './settings';
import { storedSubscriptions } from './store';

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

export interface CredentialSecrets {
	current: string;
	previous: string;
}

export async function credentialSecrets(
	context: IHookFunctions | IWebhookFunctions,
	config: TriggerConfig,
): Promise<CredentialSecrets> {
	const credentials = await context.getCredentials<ICredentialDataDecryptedObject>(
		config.credential,
	);
	return {
		current: text(credentials.webhookSecret),
		previous: text(credentials.previousWebhookSecret),
	};
}

/**
 * Every secret a delivery may be signed with, newest first: the secrets of the subscriptions
 * this node created, then the credential's current and previous secret (a rotation in
 * progress, or retries of deliveries signed before it).
 */
export async function liveSecrets(
	context: IWebhookFunctions,
	profile: PlatformProfile,
	config: TriggerConfig,
): Promise<string[]> {
	const { current, previous } = await credentialSecrets(context, config);
	const subscribed = registersAutomatically(context, profile, config)
		? storedSubscriptions(context).map((s) => s.secret)
		: [];
	return [...new Set([...subscribed, current, previous].filter((secret) => secret !== ''))];
}
