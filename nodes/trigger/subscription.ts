import { randomBytes } from 'node:crypto';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, JsonObject } from 'n8n-workflow';

import type { PlatformProfile, SubscriptionApiSpec } from '../platforms/types';
import { apiRequest, apiRequestAllItems } from '../common/transport';
import { recordPath } from '../common/recordPath';
import type { TriggerConfig } from './config';
import { credentialSecrets } from './secrets';
import { registersAutomatically, subscribedEvents } from './settings';
import { storedSubscription, storeSubscription } from './store';

interface RemoteSubscription {
	id: string;
	url: string;
	events?: unknown;
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

/**
 * The lifecycle of a subscription kept through the platform's API (n8n calls these for the
 * test URL and the production URL separately). Only the subscriptions at this node's own URL
 * are ever touched; that URL is unique to the node and to test or production.
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
	 * lost, or whose id was lost with the static data when n8n stopped before saving it.
	 */
	async function removeAll(context: IHookFunctions, url: string): Promise<void> {
		const ids = new Set<string>();
		const stored = storedSubscription(context, url);
		if (stored) ids.add(stored.id);
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
			if (remote.url === url) ids.add(remote.id);
		}
		for (const id of ids) {
			const path = itemPath(context, profile, paths, id);
			await unlessGone(context, request(context, 'DELETE', path));
		}
		storeSubscription(context, url, undefined);
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
				const { current } = await credentialSecrets(this, config);
				return (
					remote.url === url &&
					sameEvents(remote.events, subscribedEvents(this, profile)) &&
					(current === '' || current === stored.secret)
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				if (!registersAutomatically(this, profile, config)) return true;
				const url = webhookUrl(this);
				await removeAll(this, url);
				const { current } = await credentialSecrets(this, config);
				const secret = current || randomBytes(32).toString('hex');
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
				storeSubscription(this, url, { id: created.id, secret, events });
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
