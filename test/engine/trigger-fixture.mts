// Shared set-up of the trigger tests: a sandbox, n8n's engine with the five triggers, and the
// webhook harness serving them over loopback HTTP. Pacing is compressed like the sandbox's clock.
import { createRequire } from 'node:module';

import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { BroteApi } from '../../credentials/BroteApi.credentials.ts';
import { BuzzBipWebhookApi } from '../../credentials/BuzzBipWebhookApi.credentials.ts';
import { CablenetAiWebhookApi } from '../../credentials/CablenetAiWebhookApi.credentials.ts';
import { HornerossWebhookApi } from '../../credentials/HornerossWebhookApi.credentials.ts';
import { NotMetaApi } from '../../credentials/NotMetaApi.credentials.ts';
import { BroteTrigger } from '../../nodes/Brote/BroteTrigger.node.ts';
import { BuzzBipTrigger } from '../../nodes/BuzzBip/BuzzBipTrigger.node.ts';
import { CablenetAiTrigger } from '../../nodes/CablenetAi/CablenetAiTrigger.node.ts';
import { HornerossTrigger } from '../../nodes/Horneross/HornerossTrigger.node.ts';
import { NotMetaTrigger } from '../../nodes/NotMeta/NotMetaTrigger.node.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import type * as PacingModule from '../../nodes/shared/pacing.ts';
import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { Engine, type NodeClass } from '../harness/n8n.mts';
import { type EndpointSetup, type TriggerEndpoint, WebhookHarness } from '../harness/webhook.mts';

// tsx gives an ESM import of a .ts file its own module instance; the nodes reach pacing.ts
// through require, so its settings must be changed through require too.
const require = createRequire(import.meta.url);
const { configurePacing } = require('../../nodes/shared/pacing.ts') as typeof PacingModule;

export const TIME_SCALE = 0.01;

export const PLATFORMS: readonly PlatformId[] = [
	'brote',
	'horneross',
	'cablenetai',
	'buzzbip',
	'notmeta',
];

export const TRIGGERS: Record<PlatformId, { type: string; credential: string; node: NodeClass }> = {
	brote: { type: 'broteTrigger', credential: 'broteApi', node: BroteTrigger },
	horneross: {
		type: 'hornerossTrigger',
		credential: 'hornerossWebhookApi',
		node: HornerossTrigger,
	},
	cablenetai: {
		type: 'cablenetAiTrigger',
		credential: 'cablenetAiWebhookApi',
		node: CablenetAiTrigger,
	},
	buzzbip: { type: 'buzzBipTrigger', credential: 'buzzBipWebhookApi', node: BuzzBipTrigger },
	notmeta: { type: 'notMetaTrigger', credential: 'notMetaApi', node: NotMetaTrigger },
};

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
	configurePacing({ timeScale: TIME_SCALE });
	const sb = await startSandbox({ timeScale: TIME_SCALE });
	const engine = new Engine({
		nodes: {
			...Object.fromEntries(Object.values(TRIGGERS).map((t) => [t.type, t.node])),
			...nodes,
		},
		credentialTypes: [
			BroteApi,
			NotMetaApi,
			HornerossWebhookApi,
			CablenetAiWebhookApi,
			BuzzBipWebhookApi,
		],
	});
	const harness = await WebhookHarness.start(engine);
	const credentials = (platform: PlatformId, secrets: ICredentialDataDecryptedObject = {}) => {
		const api: ICredentialDataDecryptedObject =
			platform === 'brote' || platform === 'notmeta'
				? { apiKey: sb.apiKeys[platform], baseUrl: sb.urls[platform] }
				: {};
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
			configurePacing({});
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
