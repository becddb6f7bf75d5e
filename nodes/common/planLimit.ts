import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import type { PlatformProfile, RateLimitSpec } from '../platforms/types';
import { credentialNumber, type CredentialNumberField } from './credentialNumber';

export interface PlanLimitField extends CredentialNumberField {
	limit: keyof RateLimitSpec;
}

/** The credential fields that state the plan's limit, in the order the credential shows them. */
export const planLimitFields: readonly PlanLimitField[] = [
	{ name: 'rateLimitPerMinute', displayName: 'Requests per Minute', limit: 'refillPerMinute' },
	{ name: 'rateLimitBurst', displayName: 'Burst (Requests at Once)', limit: 'capacity' },
];

/**
 * The limit the node paces a key by: the plan's, as the credential states it, since plans
 * differ and the documented one may be slower than the key's own; the documented one where
 * the credential is silent. None for a platform that documents no limit.
 */
export function planRateLimit(
	node: INode,
	profile: PlatformProfile,
	credentials: ICredentialDataDecryptedObject,
): RateLimitSpec | undefined {
	const documented = profile.api?.rateLimit;
	if (!documented) return undefined;
	const limit = { ...documented };
	for (const field of planLimitFields) {
		const value = documented[field.limit];
		limit[field.limit] = credentialNumber(
			node,
			profile,
			credentials,
			field,
			value,
			`Set it to the limit of your ${profile.displayName} plan, or clear it to use the documented ${value}.`,
		);
	}
	return limit;
}
