import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import type { PlatformProfile, RateLimitSpec } from '../platforms/types';

export interface PlanLimitField {
	name: string;
	displayName: string;
	limit: keyof RateLimitSpec;
}

/** The credential fields that state the plan's limit, in the order the credential shows them. */
export const planLimitFields: readonly PlanLimitField[] = [
	{ name: 'rateLimitPerMinute', displayName: 'Requests per Minute', limit: 'refillPerMinute' },
	{ name: 'rateLimitBurst', displayName: 'Burst (Requests at Once)', limit: 'capacity' },
];

function fieldValue(
	node: INode,
	profile: PlatformProfile,
	credentials: ICredentialDataDecryptedObject,
	field: PlanLimitField,
	documented: number,
): number {
	const raw = credentials[field.name];
	// Credentials saved before these fields existed hold nothing for them.
	if (raw === undefined || raw === null || raw === '') return documented;
	const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
	throw new NodeOperationError(
		node,
		`The ${profile.displayName} credential's "${field.displayName}" must be a number above 0; it is ${JSON.stringify(raw)}`,
		{
			description: `Set it to the limit of your ${profile.displayName} plan, or clear it to use the documented ${documented}.`,
		},
	);
}

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
		limit[field.limit] = fieldValue(node, profile, credentials, field, documented[field.limit]);
	}
	return limit;
}
