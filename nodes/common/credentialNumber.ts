import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';

/** A number field of a platform's credential, by its name and the label the user sees. */
export interface CredentialNumberField {
	name: string;
	displayName: string;
}

/**
 * The field's value, or `fallback` where the credential is silent (saved before the field
 * existed, or cleared). Anything but a number above 0 stops the node with the field's label.
 */
export function credentialNumber(
	node: INode,
	profile: PlatformProfile,
	credentials: ICredentialDataDecryptedObject,
	field: CredentialNumberField,
	fallback: number,
	clearHint: string,
): number {
	const raw = credentials[field.name];
	if (raw === undefined || raw === null || raw === '') return fallback;
	const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
	throw new NodeOperationError(
		node,
		`The ${profile.displayName} credential's "${field.displayName}" must be a number above 0; it is ${JSON.stringify(raw)}`,
		{ description: clearHint },
	);
}
