import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { profiles } from '../platforms';
import type { SubscriptionApiSpec } from '../platforms/types';
import { apiRequest, apiRequestAllItems } from '../shared/transport';
import type { ApiContext, ApiRequest } from '../shared/transport';

export const NOTMETA_CREDENTIAL = 'notMetaApi';

export async function notMetaRequest(
	this: ApiContext,
	request: ApiRequest,
	itemIndex?: number,
): Promise<IDataObject> {
	return (await apiRequest.call(
		this,
		profiles.notmeta,
		NOTMETA_CREDENTIAL,
		request,
		itemIndex,
	)) as IDataObject;
}

export async function notMetaRequestAll(
	this: ApiContext,
	request: ApiRequest,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return (await apiRequestAllItems.call(
		this,
		profiles.notmeta,
		NOTMETA_CREDENTIAL,
		request,
		limit,
		itemIndex,
	)) as IDataObject[];
}

/** A path of NotMeta's subscription API from its profile, with the webhook's ID filled in. */
export function webhookPath(
	this: ApiContext,
	which: keyof SubscriptionApiSpec,
	webhookId?: string,
): string {
	const template = profiles.notmeta.subscription?.[which];
	if (!template) {
		throw new NodeOperationError(this.getNode(), `NotMeta's profile has no ${which} for webhooks`);
	}
	return webhookId === undefined
		? template
		: template.replace('{id}', encodeURIComponent(webhookId));
}
