import type { IDataObject } from 'n8n-workflow';

import type { PlatformProfile } from '../platforms/types';
import { apiRequest, apiRequestAllItems, apiRequestPages } from '../common/transport';
import type { ApiContext, ApiRequest, PageScan, PageScanOptions } from '../common/transport';

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
	/** Pages of a list, as large as the platform allows, read as `options` say. */
	requestPages(
		this: ApiContext,
		request: ApiRequest,
		options: PageScanOptions<IDataObject>,
	): Promise<PageScan<IDataObject>>;
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
		async requestPages(request, options) {
			return (await apiRequestPages.call(
				this,
				profile,
				credentialType,
				request,
				options,
			)) as PageScan<IDataObject>;
		},
	};
}
