import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/transport';
import type { ListPage } from '../../shared/transport';
import { notMetaRequest, webhookPath } from '../transport';

/** The webhook list has no search, so each page is filtered here by URL, ID or event. */
export async function searchWebhooks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data, next_cursor } = (await notMetaRequest.call(this, {
		method: 'GET',
		path: webhookPath.call(this, 'collectionPath'),
		qs: { limit: MAX_PAGE_SIZE, ...(paginationToken ? { cursor: paginationToken } : {}) },
	})) as unknown as ListPage<IDataObject>;
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = data
		.map((webhook) => ({
			name: `${String(webhook.url)} (${String(webhook.status)})`,
			value: String(webhook.id),
			events: Array.isArray(webhook.events) ? webhook.events.join(' ') : '',
		}))
		.filter(({ name, value, events }) =>
			[name, value, events].some((text) => text.toLowerCase().includes(needle)),
		)
		.map(({ name, value }) => ({ name, value }));
	return { results, paginationToken: next_cursor ?? undefined };
}
