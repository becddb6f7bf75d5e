import type { IDataObject } from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';
import { apiRequest, apiRequestAllItems, apiRequestPage } from '../common/transport';
import type { ApiContext, ApiRequest, ListPage } from '../common/transport';

/** One platform's REST API as its action node calls it: the profile's facts, the node's credential. */
export interface PlatformClient {
	readonly profile: PlatformProfile;
	request(this: ApiContext, request: ApiRequest, itemIndex?: number): Promise<IDataObject>;
	/** Every item of a list, or the first `limit`. */
	requestAll(
		this: ApiContext,
		request: ApiRequest,
		limit: number | undefined,
		itemIndex?: number,
	): Promise<IDataObject[]>;
	/** One page of a list, as large as the platform allows, from `cursor` on. */
	requestPage(
		this: ApiContext,
		request: ApiRequest,
		cursor: string | undefined,
	): Promise<ListPage<IDataObject>>;
}

export function platformClient(profile: PlatformProfile, credentialType: string): PlatformClient {
	return {
		profile,
		async request(request, itemIndex) {
			return (await apiRequest.call(
				this,
				profile,
				credentialType,
				request,
				itemIndex,
			)) as IDataObject;
		},
		async requestAll(request, limit, itemIndex) {
			return (await apiRequestAllItems.call(this, profile, credentialType, request, {
				limit,
				itemIndex,
			})) as IDataObject[];
		},
		async requestPage(request, cursor) {
			return (await apiRequestPage.call(
				this,
				profile,
				credentialType,
				request,
				cursor,
			)) as ListPage<IDataObject>;
		},
	};
}
