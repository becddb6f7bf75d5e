// Credentials and example workflows in a running n8n, wired to the sandbox and the receiver,
// created the way a user would, through n8n's public API.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { identities, profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import type { Sandbox } from '../../sandbox/index.mts';
import { PACKAGE_NAME, type N8nServer } from '../n8n/server.mts';
import {
	loadExamples,
	localize,
	webhookPaths,
	type Example,
	type Localization,
} from './examples.mts';
import type { Receiver } from './receiver.mts';

export interface InstalledExample extends Example {
	id: string;
	name: string;
	/** Production URLs by node name. */
	webhooks: Record<string, string>;
}

export interface DemoSetup {
	examples: InstalledExample[];
	credentials: Localization['credentials'];
	/** The signing secret in the Horneross credential, which Horneross's dashboard would show. */
	hornerossSecret: string;
}

async function createCredentials(
	n8n: N8nServer,
	sb: Sandbox,
	receiver: Receiver,
	hornerossSecret: string,
) {
	const specs = [
		{
			type: 'broteApi',
			name: 'Brote (sandbox)',
			// No signing secret: each Brote Trigger generates its own when it registers its webhook.
			data: {
				apiKey: sb.apiKeys.brote,
				baseUrl: sb.urls.brote,
				webhookSecret: '',
				previousWebhookSecret: '',
			},
		},
		{
			type: 'hornerossWebhookApi',
			name: 'Horneross (sandbox)',
			data: { webhookSecret: hornerossSecret, previousWebhookSecret: '' },
		},
		{
			// The AI Agent example's model: the sandbox's scripted stand-in, until a user picks theirs.
			type: 'openAiApi',
			name: 'OpenAI-compatible stand-in (sandbox)',
			data: { apiKey: 'sandbox', url: sb.chatModelUrl, header: false },
		},
		{
			type: 'httpHeaderAuth',
			name: 'CRM API key (demo receiver)',
			data: { name: receiver.crmAuth.name, value: receiver.crmAuth.value },
		},
	];
	const credentials: Localization['credentials'] = {};
	for (const spec of specs) {
		credentials[spec.type] = { id: await n8n.createCredential(spec), name: spec.name };
	}
	return credentials;
}

/** Trigger types that register themselves through the platform's API on activation. */
const SUBSCRIBING_TRIGGERS: Record<string, PlatformId> = Object.fromEntries(
	(Object.keys(profiles) as PlatformId[])
		.filter((platform) => profiles[platform].subscription)
		.map((platform) => [`${PACKAGE_NAME}.${identities[platform].triggerNode}`, platform]),
);

/** Waits until the platform lists an active subscription for each of these URLs. */
export async function waitForSubscriptions(
	sb: Sandbox,
	wanted: Array<{ platform: PlatformId; url: string }>,
	timeoutMs = 30_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const missing = () =>
		wanted.filter(
			({ platform, url }) =>
				!sb.subscriptions(platform).some((s) => s.url === url && s.status === 'active'),
		);
	while (missing().length > 0) {
		if (Date.now() > deadline) {
			throw new Error(
				`no active subscription after ${timeoutMs} ms for ${missing()
					.map((m) => m.url)
					.join(', ')}`,
			);
		}
		await sleep(200);
	}
}

export async function setUpExamples(
	n8n: N8nServer,
	sb: Sandbox,
	receiver: Receiver,
): Promise<DemoSetup> {
	const hornerossSecret = randomBytes(24).toString('hex');
	const credentials = await createCredentials(n8n, sb, receiver, hornerossSecret);
	const localization: Localization = {
		credentials,
		slackWebhookUrl: receiver.slackWebhookUrl,
		crmBaseUrl: receiver.crmBaseUrl,
	};
	const examples = loadExamples().map((example) => ({
		...example,
		workflow: localize(example.workflow, localization),
	}));
	const ids = await n8n.importAndActivate(examples.map((example) => example.workflow));
	const installed = examples.map((example, index): InstalledExample => {
		const paths = webhookPaths(example.workflow);
		return {
			...example,
			id: ids[index]!,
			name: example.workflow.name,
			webhooks: Object.fromEntries(
				paths.map(({ node, path }) => [node, `${n8n.url}/webhook/${path}`]),
			),
		};
	});
	// Publication is applied in the background: a trigger is live once its webhook answers.
	await Promise.all(
		installed.flatMap((example) =>
			webhookPaths(example.workflow).map(({ path }) => n8n.waitForWebhook(path)),
		),
	);
	await waitForSubscriptions(
		sb,
		installed.flatMap((example) =>
			webhookPaths(example.workflow)
				.filter(({ type }) => type in SUBSCRIBING_TRIGGERS)
				.map(({ type, path }) => ({
					platform: SUBSCRIBING_TRIGGERS[type]!,
					url: `${n8n.url}/webhook/${path}`,
				})),
		),
	);
	return { examples: installed, credentials, hornerossSecret };
}
