// Building blocks for the tests against a real n8n: workflow JSON, and executions read back
// through n8n's public API.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { identities, profiles } from '../../nodes/platforms/index.ts';
import { envelopeItemField } from '../../nodes/trigger/envelope.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import type { DeliveryResult, Sandbox, Subscription } from '../../sandbox/index.mts';
import { nodeOutput, type Execution, type N8nServer } from '../../scripts/n8n/server.mts';
import type { ActivateVia } from '../../scripts/n8n/workflows.mts';
import { catalogEvent, DASHBOARD_PLATFORMS, hasApi, PLATFORMS } from '../harness/platforms.mts';
import {
	triggerWorkflow as singleTrigger,
	type ChainNode,
	type CredentialRef,
	type SingleTrigger,
} from '../../scripts/n8n/workflow-json.mts';

export type { ChainNode, CredentialRef } from '../../scripts/n8n/workflow-json.mts';

/** One of this package's trigger nodes, then the chain (none by default). */
export function triggerWorkflow(
	name: string,
	type: string,
	credential: { type: string; ref: CredentialRef },
	parameters: Record<string, unknown>,
	chain: ChainNode[] = [],
): SingleTrigger {
	return singleTrigger(
		name,
		`n8n-nodes-conversa.${type}`,
		{ options: {}, ...parameters },
		{ [credential.type]: credential.ref },
		chain,
	);
}

/** Whether n8n is done with an execution, whatever its outcome. */
export function finished(execution: Execution): boolean {
	return !['new', 'running', 'waiting'].includes(execution.status);
}

/**
 * A workflow's executions once `expected` of them have finished, read again after `settleMs`
 * so that an extra one (the run a duplicate must not start) would be seen too.
 */
export async function executionsOf(
	n8n: N8nServer,
	workflowId: string,
	expected: number,
	{ settleMs = 1500, timeoutMs = 30_000 } = {},
): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await n8n.executions(workflowId);
		if (list.filter(finished).length >= expected) break;
		if (Date.now() > deadline) {
			throw new Error(
				`workflow ${workflowId}: ${list.length} executions after ${timeoutMs} ms, expected ${expected}`,
			);
		}
		await sleep(200);
	}
	await sleep(settleMs);
	return (await n8n.executions(workflowId)).sort((a, b) => Number(a.id) - Number(b.id));
}

/** POSTs `body` as JSON; `timeoutMs` bounds a workflow that answers when its last node is done. */
export async function postJson(
	url: string,
	body: unknown,
	{ headers = {}, timeoutMs }: { headers?: Record<string, string>; timeoutMs?: number } = {},
) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
		...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}

export type CredentialName = PlatformId | 'broteWrongKey';

export interface ActiveTrigger {
	id: string;
	path: string;
	url: string;
}

/**
 * One of the package's triggers in a workflow of its own (all events unless `parameters` say
 * otherwise), activated, with its webhook registered: what a test that delivers to it needs.
 */
export async function activateTrigger(
	n8n: Pick<N8nServer, 'url' | 'importAndActivate' | 'waitForWebhook'>,
	credentials: Record<CredentialName, CredentialRef>,
	platform: PlatformId,
	options: {
		label?: string;
		parameters?: Record<string, unknown>;
		chain?: ChainNode[];
		via?: ActivateVia;
	} = {},
): Promise<ActiveTrigger> {
	const { triggerNode, credential } = identities[platform];
	const trigger = triggerWorkflow(
		`${options.label ?? 'e2e'} ${platform} ${randomUUID().slice(0, 8)}`,
		triggerNode,
		{ type: credential, ref: credentials[platform] },
		{ events: ['*'], ...options.parameters },
		options.chain,
	);
	const [id] = await n8n.importAndActivate([trigger.workflow], options.via);
	await n8n.waitForWebhook(trigger.path);
	return { id: id!, path: trigger.path, url: `${n8n.url}/webhook/${trigger.path}` };
}

/** The one subscription the platform holds for this URL. */
export function subscriptionAt(sb: Sandbox, platform: PlatformId, url: string): Subscription {
	const found = sb.subscriptions(platform).filter((subscription) => subscription.url === url);
	assert.equal(found.length, 1, `${platform} subscriptions at ${url}: ${found.length}`);
	return found[0]!;
}

/** How the platform signs deliveries to this URL: its subscription's secret, or the dashboard's. */
export function signing(
	sb: Sandbox,
	secrets: ReturnType<typeof dashboardSecrets>,
	platform: PlatformId,
	url: string,
): { secret: string; subscriptionId?: string } {
	if (hasApi(platform)) {
		const { secret, id } = subscriptionAt(sb, platform, url);
		return { secret, subscriptionId: id };
	}
	return { secret: secrets[platform]! };
}

/** The signing secrets a user pastes from the three dashboards into their credentials. */
export function dashboardSecrets(): Partial<Record<PlatformId, string>> {
	return Object.fromEntries(
		DASHBOARD_PLATFORMS.map((platform) => [platform, randomBytes(24).toString('hex')]),
	);
}

/** A credential through the public API, on every supported n8n. */
export async function createCredential(
	n8n: N8nServer,
	type: string,
	name: string,
	data: Record<string, unknown>,
): Promise<CredentialRef> {
	try {
		return { id: await n8n.createCredential({ type, name, data }), name };
	} catch (error) {
		// Releases before the domain restriction (1.100 among them) refuse the field instead.
		if (!/additional property \W*allowedHttpRequestDomains/.test(String(error))) throw error;
		const { allowedHttpRequestDomains: _, ...older } = data;
		return { id: await n8n.createCredential({ type, name, data: older }), name };
	}
}

/**
 * What an API credential holds besides its key and base URL. No signing secrets: the triggers
 * generate one per subscription they register. n8n 1.123 to 2.20 require the domain restriction
 * they add to every credential with `authenticate`.
 */
export const UNSIGNED = {
	webhookSecret: '',
	previousWebhookSecret: '',
	allowedHttpRequestDomains: 'all',
};

/** One credential per platform (and a Brote one with a wrong key), through the public API. */
export async function platformCredentials(
	n8n: N8nServer,
	sb: Sandbox,
	secrets: ReturnType<typeof dashboardSecrets>,
): Promise<Record<CredentialName, CredentialRef>> {
	const credential = (type: string, name: string, data: Record<string, unknown>) =>
		createCredential(n8n, type, name, data);
	const refs: Partial<Record<CredentialName, CredentialRef>> = {};
	for (const platform of PLATFORMS) {
		const { credential: type, credentialDisplayName } = identities[platform];
		refs[platform] = await credential(
			type,
			`${credentialDisplayName} for the tests`,
			hasApi(platform)
				? {
						...UNSIGNED,
						apiKey: sb.apiKeys[platform],
						baseUrl: sb.urls[platform],
					}
				: { webhookSecret: secrets[platform], previousWebhookSecret: '' },
		);
	}
	refs.broteWrongKey = await credential('broteApi', 'Brote wrong key', {
		...UNSIGNED,
		apiKey: 'not-a-key',
		baseUrl: sb.urls.brote,
	});
	return refs as Record<CredentialName, CredentialRef>;
}

/** Two event types per platform that the e2e suites deliver: the first two of its catalog. */
export const EVENTS = Object.fromEntries(
	PLATFORMS.map((platform) => [platform, [catalogEvent(platform, 0), catalogEvent(platform, 1)]]),
) as Record<PlatformId, [string, string]>;

/** The id the trigger gives an event: the envelope's, or for Brote the SHA-256 of the body. */
export function eventId(platform: PlatformId, delivery: DeliveryResult): string {
	return profiles[platform].dedupe === 'body-sha256'
		? createHash('sha256').update(delivery.body).digest('hex')
		: delivery.id;
}

/** The one item the trigger node emitted in an execution. */
export function triggerItem(execution: Execution): Record<string, unknown> {
	const items = nodeOutput(execution, 'Trigger');
	assert.equal(items.length, 1);
	return items[0]!;
}

/**
 * The envelope fields beyond id, type, time and data that the item carries, camelCased, as sent
 * in this delivery's body (the sandbox sends the profile's samples, e.g. Brote's organization_id).
 */
function envelopeExtras(platform: PlatformId, delivery: DeliveryResult): Record<string, unknown> {
	const sent = JSON.parse(delivery.body.toString('utf8')) as Record<string, unknown>;
	return Object.fromEntries(
		Object.keys(profiles[platform].envelope.extraFields ?? {}).map((field) => [
			envelopeItemField(field),
			typeof sent[field] === 'string' && sent[field] !== '' ? sent[field] : null,
		]),
	);
}

/** The typed item the trigger emits for a sample event, as a user sees it in the execution. */
export function expectedItem(
	platform: PlatformId,
	delivery: DeliveryResult,
	type: string,
	occurredAt: string,
): Record<string, unknown> {
	return {
		platform,
		id: eventId(platform, delivery),
		type,
		occurredAt,
		...envelopeExtras(platform, delivery),
		data: (profiles[platform].events as Record<string, { sample: unknown }>)[type]!.sample,
		known: true,
		signature: 'raw',
	};
}

/** Split Out of `body.contacts`, a Brote contact created per item tagged `tag`, then the ticket in `body.ticket_id` moved to `stage`. */
export function contactsAndTicketChain(
	credential: CredentialRef,
	tag: string,
	stage: string,
): ChainNode[] {
	const broteApi = { broteApi: credential };
	return [
		{
			name: 'One item per contact',
			type: 'n8n-nodes-base.splitOut',
			parameters: { fieldToSplitOut: 'body.contacts', options: {} },
		},
		{
			name: 'Create contacts',
			type: 'n8n-nodes-conversa.brote',
			credentials: broteApi,
			parameters: {
				resource: 'contact',
				operation: 'create',
				name: '={{ $json.name }}',
				phone: '={{ $json.phone }}',
				additionalFields: { tags: tag },
			},
		},
		{
			name: 'Move ticket',
			type: 'n8n-nodes-conversa.brote',
			credentials: broteApi,
			executeOnce: true,
			parameters: {
				resource: 'ticket',
				operation: 'moveStage',
				ticketId: {
					__rl: true,
					mode: 'id',
					value: "={{ $('Webhook').first().json.body.ticket_id }}",
				},
				stage,
				additionalFields: {},
			},
		},
	];
}
