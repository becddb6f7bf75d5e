import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';
import { secretText } from './secrets';

/** The `testedBy` name the trigger nodes of dashboard-only platforms give their credential. */
export const SIGNING_SECRET_TEST = 'testSigningSecret';

/**
 * Platforms without an API cannot confirm a secret, so the test checks only what can be known
 * locally, and says how a wrong secret shows up.
 */
export function signingSecretTest(profile: PlatformProfile) {
	return async function (
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const current = secretText(credential.data?.webhookSecret);
		const previous = secretText(credential.data?.previousWebhookSecret);
		if (current === '') return { status: 'Error', message: 'The signing secret is empty' };
		if (current === previous) {
			return {
				status: 'Error',
				message:
					'The previous secret equals the current one: clear it, or put the replaced secret there during a rotation',
			};
		}
		return {
			status: 'OK',
			message: `Saved. ${profile.displayName} has no API to check the secret against; a wrong secret shows up as deliveries answered 401 in its delivery log.`,
		};
	};
}
