import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';
import { credentialNumber, type CredentialNumberField } from './credentialNumber';
import { defaultPacingSettings, type PacingSettings } from './pacing';

/** The credential fields that set how a request is timed out and retried. */
export const retryFields = {
	requestTimeout: { name: 'requestTimeout', displayName: 'Request Timeout (Seconds)' },
	maxTries: { name: 'maxTries', displayName: 'Tries per Request' },
	retryWait: { name: 'retryWait', displayName: 'First Retry Wait (Seconds)' },
} as const satisfies Record<string, CredentialNumberField>;

/**
 * The pacing of one request as the credential sets it, the defaults where it is silent. The
 * first retry's wait sets the scale of every backoff: later waits and their caps keep their
 * proportions to it, so a shorter first wait shortens the whole retry story alike.
 */
export function retrySettings(
	node: INode,
	profile: PlatformProfile,
	credentials: ICredentialDataDecryptedObject,
): PacingSettings {
	const defaults = defaultPacingSettings;
	const read = (field: CredentialNumberField, fallback: number) =>
		credentialNumber(
			node,
			profile,
			credentials,
			field,
			fallback,
			`Clear it to use the default of ${fallback}.`,
		);
	const waitMs = read(retryFields.retryWait, defaults.backoffBaseMs / 1000) * 1000;
	const scale = waitMs / defaults.backoffBaseMs;
	return {
		...defaults,
		maxTries: Math.max(1, Math.round(read(retryFields.maxTries, defaults.maxTries))),
		requestTimeoutMs: read(retryFields.requestTimeout, defaults.requestTimeoutMs / 1000) * 1000,
		backoffBaseMs: waitMs,
		backoffMaxMs: defaults.backoffMaxMs * scale,
		maxBackoffTotalMs: defaults.maxBackoffTotalMs * scale,
	};
}
