// One real n8n with the package installed from its tarball, one trigger workflow per platform,
// and the sandbox: what the reliability suites share.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { listExecutions, packageDir, startBenchN8n, type BenchN8n } from '../../bench/n8n.mts';
import { startQueueN8n } from '../../scripts/n8n/queue.mts';
import { nodeOutput, type Execution, type N8nServer } from '../../scripts/n8n/server.mts';
import { finished } from '../e2e/helpers.mts';
import {
	CLAIM_TABLE_SQL,
	claimEventId,
	removeSeenIds,
	triggerWorkflow,
	type ChainNode,
	type CredentialRef,
} from '../../scripts/n8n/workflow-json.mts';
import { identities, profiles } from '../../nodes/platforms/index.ts';
import type { PlatformId } from '../../nodes/platforms/types.ts';
import { startSandbox, type Sandbox } from '../../sandbox/index.mts';
import { catalogEvent, PLATFORMS } from '../harness/platforms.mts';

export { PLATFORMS };

/** Each trigger selects one event; every other type is acknowledged and dropped. */
export const SELECTED = Object.fromEntries(
	PLATFORMS.map((platform) => [platform, catalogEvent(platform, 0)]),
) as Record<PlatformId, string>;

export interface Receiver {
	platform: PlatformId;
	workflowId: string;
	url: string;
	/** The secret deliveries are signed with (NotMeta's comes from the subscription it registered). */
	secret: string;
}

export interface Rig {
	bench: BenchN8n;
	sb: Sandbox;
	receivers: Record<PlatformId, Receiver>;
	credentials: Record<string, CredentialRef>;
	/** Every secret and key handed to n8n, for the leak search. */
	secrets: string[];
	executionCount(workflowId: string): Promise<number>;
	close(): Promise<void>;
}

async function waitFor<T>(
	what: string,
	probe: () => T | undefined,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(100);
	}
}

/**
 * The README's two exactly-once recipes: n8n's Remove Duplicates (any database), and an atomic
 * claim of the event id in Postgres (queue mode).
 */
export type Guard = 'removeDuplicates' | 'postgresClaim';

/** The node standing for a workflow's side effect behind a guard: it runs only for items let through. */
export function sideEffect(guard: Guard): string {
	return `Side effect (${guard})`;
}

function guardedBranch(guard: Guard, postgres: CredentialRef | undefined): ChainNode[] {
	const check =
		guard === 'removeDuplicates' ? removeSeenIds() : claimEventId(postgres as CredentialRef);
	return [
		check,
		{
			name: sideEffect(guard),
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			// The event the trigger emitted, whatever the guard outputs.
			parameters: {
				assignments: {
					assignments: [
						{
							id: `event-${guard}`,
							name: 'event',
							value: "={{ $('Trigger').item.json }}",
							type: 'object',
						},
					],
				},
				options: {},
			},
		},
	];
}

/** A workflow's executions once all have finished and their count held still for a second. */
export async function settledExecutions(n8n: N8nServer, workflowId: string): Promise<Execution[]> {
	let previous = -1;
	for (let round = 0; round < 180; round++) {
		const list = await n8n.executions(workflowId);
		if (list.every(finished) && list.length === previous) return list;
		previous = list.length;
		await sleep(1000);
	}
	throw new Error(`executions of ${workflowId} did not settle`);
}

/** Adds one to `counts` for every event id `pattern` (one capture group) finds in `text`. */
export function countIds(counts: Map<string, number>, text: string, pattern: RegExp): void {
	for (const [, id] of text.matchAll(pattern)) counts.set(id!, (counts.get(id!) ?? 0) + 1);
}

/** The items a node received in an execution, as the texts the suites search for event ids. */
export function nodeText(execution: Execution, node: string): string {
	return JSON.stringify(nodeOutput(execution, node));
}

export interface RigOptions {
	/** The sandbox's, which compresses the platforms' retry schedules (default 0.01). */
	timeScale?: number;
	/** n8n in queue mode (two webhook processes behind a proxy, two workers) instead of one process. */
	queue?: boolean;
	/** Each trigger followed by one branch per guard, each ending in its side-effect node. */
	guards?: Guard[];
}

interface Started extends BenchN8n {
	/** n8n's own Postgres in queue mode, with the claim table, for the Postgres claim. */
	postgres?: Record<string, unknown>;
}

async function startN8nFor(options: RigOptions): Promise<Started> {
	if (!options.queue) return await startBenchN8n();
	const n8n = await startQueueN8n({ packageDir });
	await n8n.services.postgres.sql(CLAIM_TABLE_SQL);
	return {
		n8n,
		userFolder: n8n.userFolder,
		stop: async () => void (await n8n.stop()),
		postgres: { ...n8n.services.postgres.connection, ssl: 'disable' },
	};
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
	const sb = await startSandbox({ timeScale: options.timeScale ?? 0.01 });
	let bench: Started | undefined;
	try {
		bench = await startN8nFor(options);
		const { n8n } = bench;
		const secrets: string[] = [sb.apiKeys.brote, sb.apiKeys.notmeta];
		const credentials: Record<string, CredentialRef> = {};
		const credential = async (key: string, type: string, data: Record<string, unknown>) => {
			credentials[key] = { id: await n8n.createCredential({ name: key, type, data }), name: key };
		};
		const secretOf: Partial<Record<PlatformId, string>> = {};
		for (const platform of ['brote', 'horneross', 'cablenetai', 'buzzbip'] as const) {
			const secret = randomBytes(24).toString('hex');
			secretOf[platform] = secret;
			secrets.push(secret);
			const type = identities[platform].credential;
			const api = platform === 'brote' ? { apiKey: sb.apiKeys.brote, baseUrl: sb.urls.brote } : {};
			await credential(platform, type, {
				...api,
				webhookSecret: secret,
				previousWebhookSecret: '',
			});
		}
		// Registering through the API: each subscription gets a secret the trigger generates.
		await credential('broteAuto', 'broteApi', {
			apiKey: sb.apiKeys.brote,
			baseUrl: sb.urls.brote,
			webhookSecret: '',
			previousWebhookSecret: '',
		});
		await credential('notmeta', 'notMetaApi', {
			apiKey: sb.apiKeys.notmeta,
			baseUrl: sb.urls.notmeta,
			webhookSecret: '',
			previousWebhookSecret: '',
		});

		if (bench.postgres) await credential('postgres', 'postgres', bench.postgres);

		const receivers = {} as Record<PlatformId, Receiver>;
		for (const platform of PLATFORMS) {
			const { triggerNode: type, credential: credentialType } = identities[platform];
			const parameters: Record<string, unknown> = { events: [SELECTED[platform]], options: {} };
			if (platform === 'brote') parameters.registration = 'manual';
			const built = triggerWorkflow(
				`rel ${platform}`,
				`n8n-nodes-conversa.${type}`,
				parameters,
				{ [credentialType]: credentials[platform] as CredentialRef },
				...(options.guards ?? []).map((guard) => guardedBranch(guard, credentials.postgres)),
			);
			const [workflowId] = await n8n.importAndActivate([built.workflow]);
			await n8n.waitForWebhook(built.path);
			const secret =
				secretOf[platform] ??
				(await waitFor(
					'the NotMeta subscription',
					() => sb.subscriptions('notmeta').find((s) => s.status === 'active')?.secret,
				));
			if (platform === 'notmeta') secrets.push(secret);
			receivers[platform] = {
				platform,
				workflowId: workflowId as string,
				url: `${n8n.url}/webhook/${built.path}`,
				secret,
			};
		}
		const started = bench;
		return {
			bench: started,
			sb,
			receivers,
			credentials,
			secrets,
			executionCount: async (workflowId) => (await listExecutions(n8n, workflowId)).length,
			close: async () => {
				await started.stop();
				await sb.close();
			},
		};
	} catch (error) {
		await bench?.stop();
		await sb.close();
		throw error;
	}
}

/** The signature header value for `body` in the platform's own format. */
export function signatureHeader(platform: PlatformId, hex: string): string {
	return profiles[platform].signature.prefix === 'none' ? hex : `sha256=${hex}`;
}
