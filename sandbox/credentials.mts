// What a user would put in a platform's credential to work with this sandbox: its address and
// key, and the plan's limit and the first retry's wait on the sandbox's clock. A time-scaled
// sandbox counts a minute in 60,000 × timeScale ms, so the node keeps pace with it when told
// the plan allows 1 / timeScale times as many requests a minute.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { profiles } from '../nodes/platforms/index.ts';
import { defaultPacingSettings } from '../nodes/common/pacing.ts';
import { planLimitFields } from '../nodes/common/planLimit.ts';
import { retryFields } from '../nodes/common/retrySettings.ts';
import type { ApiPlatform } from './index.mts';

export function credentialData(
	platform: ApiPlatform,
	sandbox: { apiKey: string; baseUrl: string; timeScale: number },
): ICredentialDataDecryptedObject {
	const { timeScale } = sandbox;
	const data: ICredentialDataDecryptedObject = {
		apiKey: sandbox.apiKey,
		baseUrl: sandbox.baseUrl,
		[retryFields.retryWait.name]: (defaultPacingSettings.backoffBaseMs / 1000) * timeScale,
	};
	const limit = profiles[platform].api?.rateLimit;
	if (limit) {
		for (const field of planLimitFields) {
			const perMinute = field.limit === 'refillPerMinute';
			data[field.name] = perMinute ? limit[field.limit] / timeScale : limit[field.limit];
		}
	}
	return data;
}
