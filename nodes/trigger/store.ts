import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** A subscription this node created, as kept in the node's static data. */
export interface StoredSubscription {
	id: string;
	secret: string;
	events: string[];
}

type StoredByUrl = Record<string, StoredSubscription>;

/*
 * Keyed by the webhook URL: n8n runs the lifecycle methods once for the test URL and once
 * for the production URL, and each must find only its own subscription.
 */
function storedOf(data: IDataObject): StoredByUrl {
	const stored = data.subscriptions;
	return stored && typeof stored === 'object' ? (stored as unknown as StoredByUrl) : {};
}

export function storedSubscriptions(
	context: IHookFunctions | IWebhookFunctions,
): StoredSubscription[] {
	return Object.values(storedOf(context.getWorkflowStaticData('node')));
}

export function storedSubscription(
	context: IHookFunctions,
	url: string,
): StoredSubscription | undefined {
	return storedOf(context.getWorkflowStaticData('node'))[url];
}

/** Replaces the whole map: n8n notices changes of static data only at its top level. */
export function storeSubscription(
	context: IHookFunctions,
	url: string,
	subscription: StoredSubscription | undefined,
): void {
	const data = context.getWorkflowStaticData('node');
	const next: StoredByUrl = { ...storedOf(data) };
	if (subscription) next[url] = subscription;
	else delete next[url];
	data.subscriptions = next as unknown as IDataObject;
}
