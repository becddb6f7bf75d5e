import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * A subscription this node created, as kept in the node's static data. n8n's public API and
 * workflow exports hand static data to anyone who may read the workflow, so nothing here opens
 * a delivery without the credential (see secrets.ts).
 */
export interface StoredSubscription {
	id: string;
	events: string[];
	/** Tells checkExists whether the secret sent is still the one the credential gives. */
	fingerprint?: string;
	/** The platform's own secret, sealed with a key from the credential's API key. */
	platformSecret?: string;
}

export type StoredByUrl = Record<string, StoredSubscription>;

/*
 * Keyed by the webhook URL: n8n runs the lifecycle methods once for the test URL and once
 * for the production URL, and each must find only its own subscription.
 */
function storedOf(data: IDataObject): StoredByUrl {
	const stored = data.subscriptions;
	return stored && typeof stored === 'object' ? (stored as unknown as StoredByUrl) : {};
}

export function storedSubscriptions(context: IHookFunctions | IWebhookFunctions): StoredByUrl {
	return storedOf(context.getWorkflowStaticData('node'));
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

/**
 * Where a URL of this node sits: its origin, and its path from the node's webhook id on (the
 * part n8n builds the same for the test and the production URL under any base URL). Undefined
 * for a URL that does not carry the id, so nothing else is ever taken for this node's.
 */
export function nodeUrlParts(
	url: string,
	webhookId: string | undefined,
): { origin: string; tail: string } | undefined {
	if (!webhookId) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	const segments = parsed.pathname.split('/');
	const at = segments.indexOf(webhookId);
	if (at === -1) return undefined;
	return { origin: parsed.origin, tail: segments.slice(at).join('/') };
}
