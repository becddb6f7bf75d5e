// Shared set-up of the trigger tests: a sandbox, n8n's engine with the five triggers, and the
// webhook harness serving them over loopback HTTP. The credentials pace the nodes on the
// sandbox's compressed clock.
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import type { PlatformId } from '../../nodes/platforms/types.ts';
import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { waitUntil } from '../harness/clock.mts';
import { Engine, type NodeClass } from '../harness/n8n.mts';
import {
	catalogEvent,
	CLASSES,
	CREDENTIAL_CLASSES,
	hasApi,
	PLATFORMS,
} from '../harness/platforms.mts';
import { type EndpointSetup, type TriggerEndpoint, WebhookHarness } from '../harness/webhook.mts';

export const TIME_SCALE = 0.01;

export { catalogEvent, hasApi, PLATFORMS, waitUntil };

export const TRIGGERS = Object.fromEntries(
	PLATFORMS.map((platform) => {
		const { identity, trigger } = CLASSES[platform];
		return [
			platform,
			{ type: identity.triggerNode, credential: identity.credential, node: trigger },
		];
	}),
) as Record<PlatformId, { type: string; credential: string; node: NodeClass }>;

export interface TriggerFixture {
	sb: Sandbox;
	engine: Engine;
	harness: WebhookHarness;
	/** Credential data for the platform's trigger: API key and sandbox URL, plus any secrets given. */
	credentials(
		platform: PlatformId,
		secrets?: ICredentialDataDecryptedObject,
	): Record<string, ICredentialDataDecryptedObject>;
	endpoint(
		platform: PlatformId,
		parameters: INodeParameters,
		setup?: Partial<EndpointSetup> & { secrets?: ICredentialDataDecryptedObject },
	): TriggerEndpoint;
	close(): Promise<void>;
}

/** `nodes`: more node types for the engine, e.g. a node to connect after the trigger. */
export async function triggerFixture(
	nodes: Record<string, NodeClass> = {},
): Promise<TriggerFixture> {
	const sb = await startSandbox({ timeScale: TIME_SCALE });
	const engine = new Engine({
		nodes: {
			...Object.fromEntries(Object.values(TRIGGERS).map((t) => [t.type, t.node])),
			...nodes,
		},
		credentialTypes: CREDENTIAL_CLASSES,
	});
	const harness = await WebhookHarness.start(engine);
	const credentials = (platform: PlatformId, secrets: ICredentialDataDecryptedObject = {}) => {
		const api: ICredentialDataDecryptedObject = hasApi(platform) ? sb.credentials(platform) : {};
		return { [TRIGGERS[platform].credential]: { ...api, ...secrets } };
	};
	return {
		sb,
		engine,
		harness,
		credentials,
		endpoint: (platform, parameters, setup = {}) =>
			harness.endpoint({
				type: TRIGGERS[platform].type,
				parameters,
				credentials: credentials(platform, setup.secrets),
				...setup,
			}),
		close: async () => {
			await harness.close();
			await sb.close();
		},
	};
}

/** The secret the sandbox holds for the subscription at this URL. */
export function subscriptionSecret(sb: Sandbox, platform: PlatformId, url: string): string {
	const found = sb.subscriptions(platform).filter((s) => s.url === url);
	if (found.length !== 1)
		throw new Error(`expected one ${platform} subscription at ${url}, found ${found.length}`);
	return found[0].secret;
}

/**
 * A production trigger ready to receive, and the secret its platform signs with: subscribed
 * through the sandbox's API, or given a dashboard secret in its credential.
 */
export async function armTrigger(
	fx: TriggerFixture,
	platform: PlatformId,
	parameters: INodeParameters,
	secrets: Record<string, string> = {},
): Promise<{ endpoint: TriggerEndpoint; secret: string }> {
	if (!hasApi(platform)) {
		const secret = secrets.webhookSecret ?? `${platform}-secret-${Math.random()}`;
		return {
			endpoint: fx.endpoint(platform, parameters, {
				secrets: { webhookSecret: secret, ...secrets },
			}),
			secret,
		};
	}
	const endpoint = fx.endpoint(platform, parameters, { secrets });
	await endpoint.activate();
	await waitUntil(
		() =>
			fx.sb.subscriptions(platform).some((s) => s.url === endpoint.url && s.status === 'active'),
		`the ${platform} subscription to be active`,
	);
	return { endpoint, secret: subscriptionSecret(fx.sb, platform, endpoint.url) };
}
