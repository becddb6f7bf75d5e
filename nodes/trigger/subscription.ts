import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, JsonObject } from 'n8n-workflow';

import type { PlatformProfile, SubscriptionApiSpec } from '../platforms/types';
import { apiRequest, apiRequestAllItems } from '../common/transport';
import { recordPath } from '../common/recordPath';
import type { TriggerConfig } from './config';
import {
	credentialSecrets,
	type CredentialSecrets,
	derivedSecret,
	sealSecret,
	secretFingerprint,
} from './secrets';
import { registersAutomatically, subscribedEvents } from './settings';
import {
	nodeUrlParts,
	type StoredSubscription,
	storedSubscription,
	storedSubscriptions,
	storeSubscription,
} from './store';

interface RemoteSubscription {
	id: string;
	url: string;
	events?: unknown;
	/** The platform's own secret, which it may sign with instead of the one sent. */
	secret?: unknown;
	/** `active` once the platform delivers to it; absent where a platform reports none. */
	status?: unknown;
}

/*
 * How long create() waits for the platform to verify the URL (NotMeta's challenge): n8n serves
 * the URL before create() runs, so a reachable n8n answers within a moment; 5.1 s in all.
 */
const VERIFY_WAITS_MS = [20, 40, 80, 160, 320, 640, 1_280, 2_560];

function isActive(status: unknown): boolean {
	return status === undefined || status === 'active';
}

function isPending(status: unknown): boolean {
	return typeof status === 'string' && status.startsWith('pending');
}

function itemPath(
	context: IHookFunctions,
	profile: PlatformProfile,
	paths: SubscriptionApiSpec,
	id: string,
): string {
	const source = `answered by ${profile.displayName}`;
	return recordPath(context.getNode(), paths.itemPath, id, 'Webhook', source);
}

const GONE = Symbol('gone');

/** The answer, or GONE when the platform answers 404 for it. */
async function unlessGone<T>(
	context: IHookFunctions,
	request: Promise<T>,
): Promise<T | typeof GONE> {
	try {
		return await request;
	} catch (error) {
		if (error instanceof NodeApiError && String(error.httpCode) === '404') return GONE;
		throw error instanceof NodeApiError
			? error
			: new NodeApiError(context.getNode(), error as JsonObject);
	}
}

function sameEvents(remote: unknown, wanted: readonly string[]): boolean {
	if (!Array.isArray(remote)) return false;
	const have = [...new Set(remote.map(String))].sort();
	return have.length === wanted.length && have.every((type, i) => type === wanted[i]);
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave this trigger no webhook URL');
	return url;
}

/** The secret this node sends for `url`: the credential's, or the one derived for the URL. */
function secretToSend(credential: CredentialSecrets, url: string): string | undefined {
	return credential.current || derivedSecret(credential.apiKey, url);
}

/**
 * A URL of this node at another origin: what a change of WEBHOOK_URL leaves behind. Only a URL
 * that carries this node's webhook id (a UUID n8n gives each webhook node) qualifies.
 */
function elsewhere(context: IHookFunctions, url: string): (candidate: unknown) => boolean {
	const webhookId = context.getNode().webhookId;
	const own = nodeUrlParts(url, webhookId);
	return (candidate) => {
		if (!own || typeof candidate !== 'string') return false;
		const parts = nodeUrlParts(candidate, webhookId);
		return parts !== undefined && parts.origin !== own.origin && parts.tail === own.tail;
	};
}

/**
 * The lifecycle of a subscription kept through the platform's API (n8n calls these for the
 * test URL and the production URL separately). Only this node's subscriptions are ever touched:
 * those at its own URL, which is unique to the node and to test or production, and at create()
 * those its webhook id marks at another origin.
 */
export function subscriptionMethods(
	profile: PlatformProfile,
	paths: SubscriptionApiSpec,
	config: TriggerConfig,
): NonNullable<INodeType['webhookMethods']> {
	async function request<T>(
		context: IHookFunctions,
		method: 'GET' | 'POST' | 'DELETE',
		path: string,
		body?: IDataObject,
	): Promise<T> {
		return (await apiRequest.call(context, profile, config.credential, {
			method,
			path,
			body,
		})) as T;
	}

	/**
	 * Removes the stored subscription and any other at this URL: one whose creation answer was
	 * lost, or whose id was lost with the static data when n8n stopped before saving it. With
	 * `movedToo`, also this node's subscriptions at other origins, left by a WEBHOOK_URL change.
	 */
	async function removeAll(context: IHookFunctions, url: string, movedToo = false): Promise<void> {
		const moved = movedToo ? elsewhere(context, url) : () => false;
		const ids = new Set<string>();
		const urls = new Set([url]);
		for (const [storedUrl, stored] of Object.entries(storedSubscriptions(context))) {
			if (storedUrl !== url && !moved(storedUrl)) continue;
			ids.add(stored.id);
			urls.add(storedUrl);
		}
		// Once the cursor repeats, every subscription the platform can list has been seen; at
		// 100 a page, 100 pages hold far more than an account has, and bound a list that never ends.
		const listed = await apiRequestAllItems.call(
			context,
			profile,
			config.credential,
			{ method: 'GET', path: paths.collectionPath },
			{ maxPages: 100, onRepeatedCursor: 'stop' },
		);
		for (const remote of listed as RemoteSubscription[]) {
			if (remote.url === url || moved(remote.url)) ids.add(remote.id);
		}
		for (const id of ids) {
			const path = itemPath(context, profile, paths, id);
			await unlessGone(context, request(context, 'DELETE', path));
		}
		for (const removed of urls) storeSubscription(context, removed, undefined);
	}

	/**
	 * Waits, bounded, for the platform to report the new subscription active; one it reports as
	 * failed, or still unverified at the end, is removed and fails the activation, which is
	 * where n8n shows the builder what to fix.
	 */
	async function confirmActive(
		context: IHookFunctions,
		url: string,
		created: Partial<RemoteSubscription> & { id: string },
	): Promise<void> {
		let status = created.status;
		for (const wait of VERIFY_WAITS_MS) {
			if (!isPending(status)) break;
			await sleep(wait);
			const remote = await unlessGone(
				context,
				request<RemoteSubscription>(context, 'GET', itemPath(context, profile, paths, created.id)),
			);
			status = remote === GONE ? 'deleted' : remote.status;
		}
		if (isActive(status)) return;
		await unlessGone(
			context,
			request(context, 'DELETE', itemPath(context, profile, paths, created.id)),
		);
		storeSubscription(context, url, undefined);
		const name = profile.displayName;
		throw new NodeOperationError(
			context.getNode(),
			`${name} could not verify the webhook URL ${url}: it reports the webhook as "${String(status)}"`,
			{
				description: `${name} must reach this URL from the internet${profile.handshake ? ' and get its challenge answered' : ''}. Check that n8n's WEBHOOK_URL setting is the public address of this n8n and that n8n is reachable from the internet at it, then activate the workflow again.`,
			},
		);
	}

	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = webhookUrl(this);
				if (!registersAutomatically(this, profile, config)) {
					// Switched to manual registration: a subscription created before would deliver twice.
					if (storedSubscription(this, url)) await removeAll(this, url);
					return true;
				}
				const stored = storedSubscription(this, url);
				if (!stored) return false;
				const remote = await unlessGone(
					this,
					request<RemoteSubscription>(this, 'GET', itemPath(this, profile, paths, stored.id)),
				);
				if (remote === GONE) {
					storeSubscription(this, url, undefined);
					return false;
				}
				// A subscription whose verification failed never delivers: replace it.
				if (!isActive(remote.status)) return false;
				const credential = await credentialSecrets(this, config);
				const sent = secretToSend(credential, url);
				return (
					remote.url === url &&
					sameEvents(remote.events, subscribedEvents(this, profile)) &&
					sent !== undefined &&
					stored.fingerprint === secretFingerprint(credential.apiKey, sent)
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if (!registersAutomatically(this, profile, config)) return true;
				const url = webhookUrl(this);
				const credential = await credentialSecrets(this, config);
				const secret = secretToSend(credential, url);
				if (secret === undefined) {
					throw new NodeOperationError(
						this.getNode(),
						`The ${profile.displayName} credential has no API key`,
						{
							description: 'Enter the API key in the credential, then activate the workflow again.',
						},
					);
				}
				await removeAll(this, url, true);
				const events = subscribedEvents(this, profile);
				const created = await request<Partial<RemoteSubscription>>(
					this,
					'POST',
					paths.collectionPath,
					{
						url,
						events,
						secret,
					},
				);
				if (typeof created?.id !== 'string' || created.id === '') {
					throw new NodeOperationError(
						this.getNode(),
						`${profile.displayName} created the webhook but answered without its id, so it could not be tracked`,
					);
				}
				const stored: StoredSubscription = {
					id: created.id,
					events,
					fingerprint: secretFingerprint(credential.apiKey, secret),
				};
				const own = typeof created.secret === 'string' ? created.secret.trim() : '';
				if (own !== '' && own !== secret) {
					stored.platformSecret = sealSecret(credential.apiKey, url, own);
				}
				storeSubscription(this, url, stored);
				await confirmActive(this, url, { ...created, id: created.id });
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const url = webhookUrl(this);
				if (!registersAutomatically(this, profile, config) && !storedSubscription(this, url)) {
					return true;
				}
				await removeAll(this, url);
				return true;
			},
		},
	};
}
