import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	INodeProperties,
} from 'n8n-workflow';

import type { PlatformProfile } from '../nodes/platforms/types';
import { planLimitFields } from '../nodes/common/planLimit';
import { defaultPacingSettings } from '../nodes/common/pacing';
import { retryFields } from '../nodes/common/retrySettings';
import { REDIRECT_STATUSES } from '../nodes/common/transport';

/**
 * The plan's limit, for a platform that documents one: plans differ, and pacing by the
 * documented limit would leave a faster plan's capacity unused.
 */
function planLimitProperties(profile: PlatformProfile): INodeProperties[] {
	const documented = profile.api?.rateLimit;
	if (!documented) return [];
	const plan = profile.api?.rateLimitPlan;
	const documentedFor = plan ? ` for the ${plan} plan` : '';
	const [perMinute, burst] = planLimitFields;
	return [
		{
			displayName: perMinute.displayName,
			name: perMinute.name,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: documented.refillPerMinute,
			description: `Requests a minute your ${profile.displayName} plan allows this API key. ${profile.displayName} documents ${documented.refillPerMinute} a minute with bursts of ${documented.capacity}${documentedFor}; enter your plan's figure if it differs.`,
		},
		{
			displayName: burst.displayName,
			name: burst.name,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: documented.capacity,
			description: `Requests your ${profile.displayName} plan allows this API key at once, before the per-minute pace applies. ${profile.displayName} documents bursts of ${documented.capacity}${documentedFor}.`,
		},
	];
}

/** How long a request may take, and how a failed one is sent again. */
function retryProperties(profile: PlatformProfile): INodeProperties[] {
	const defaults = defaultPacingSettings;
	return [
		{
			displayName: retryFields.requestTimeout.displayName,
			name: retryFields.requestTimeout.name,
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: defaults.requestTimeoutMs / 1000,
			description: `How long to wait for ${profile.displayName} to answer one request before counting it as failed`,
		},
		{
			displayName: retryFields.maxTries.displayName,
			name: retryFields.maxTries.name,
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: defaults.maxTries,
			description:
				'Tries in all for a request that meets a server failure (5xx), a timeout or a broken connection. A request that creates or changes data is sent again only when it surely did not arrive.',
		},
		{
			displayName: retryFields.retryWait.displayName,
			name: retryFields.retryWait.name,
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: defaults.backoffBaseMs / 1000,
			description: `Wait before the first retry; each later one waits about twice as long, up to ${defaults.backoffMaxMs / defaults.backoffBaseMs} times this, and the waits of one request add up to at most ${defaults.maxBackoffTotalMs / defaults.backoffBaseMs} times this`,
		},
	];
}

/**
 * The fields of a platform whose API takes a Bearer key and whose trigger registers its own
 * webhook: the key, the base URL from the profile, the signing secrets during a rotation, and
 * the plan's rate limit where the platform documents one, and the request timeout and retries.
 */
export function apiCredentialProperties(
	profile: PlatformProfile,
	apiKeyDescription: string,
): INodeProperties[] {
	return [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: apiKeyDescription,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: profile.api?.defaultBaseUrl ?? '',
			description:
				'Including the version segment. Change it only when your account uses another address, such as a proxy.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: `Used by the ${profile.displayName} Trigger to verify deliveries. Leave empty to let the trigger derive one from the API key and its webhook URL when it registers its webhook.`,
		},
		{
			displayName: 'Previous Webhook Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: `Still accepted while a rotation is under way; clear it once ${profile.displayName} signs with the new secret`,
		},
		...planLimitProperties(profile),
		...retryProperties(profile),
	];
}

export const bearerApiKey: IAuthenticateGeneric = {
	type: 'generic',
	properties: {
		headers: {
			Authorization: '=Bearer {{$credentials.apiKey}}',
		},
	},
};

/**
 * The credential test's answers to a redirect, which its request does not follow: n8n would
 * send the API key to wherever the redirect points.
 */
export function redirectRules(profile: PlatformProfile): IAuthenticateRuleResponseCode[] {
	return REDIRECT_STATUSES.map((status) => ({
		type: 'responseCode',
		properties: {
			value: status,
			message: `${profile.displayName} answered with a redirect (HTTP ${status}), which the test does not follow so that the API key goes nowhere else. Check the Base URL: enter the address of ${profile.displayName}'s API itself.`,
		},
	}));
}

/**
 * The credential test's answer to a 401: without a rule the editor shows only "Unauthorized",
 * which does not say what to fix. `keyPlace` is where the platform shows the key.
 */
export function refusedKeyRule(
	profile: PlatformProfile,
	keyPlace: string,
): IAuthenticateRuleResponseCode {
	return {
		type: 'responseCode',
		properties: {
			value: 401,
			message: `${profile.displayName} refused this API key. Copy it again from ${keyPlace}, and check the Base URL.`,
		},
	};
}
