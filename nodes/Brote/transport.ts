import type { IDataObject } from 'n8n-workflow';

import { profiles } from '../platforms';
import { apiRequest, apiRequestAllItems } from '../shared/transport';
import type { ApiContext, ApiRequest } from '../shared/transport';

export const BROTE_CREDENTIAL = 'broteApi';

export async function broteRequest(
	this: ApiContext,
	request: ApiRequest,
	itemIndex?: number,
): Promise<IDataObject> {
	return (await apiRequest.call(
		this,
		profiles.brote,
		BROTE_CREDENTIAL,
		request,
		itemIndex,
	)) as IDataObject;
}

export async function broteRequestAll(
	this: ApiContext,
	request: ApiRequest,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return (await apiRequestAllItems.call(
		this,
		profiles.brote,
		BROTE_CREDENTIAL,
		request,
		limit,
		itemIndex,
	)) as IDataObject[];
}
