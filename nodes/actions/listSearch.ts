import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { PlatformClient } from './client';

export type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export interface ListSearchSpec {
	client: PlatformClient;
	path: string | ((this: ILoadOptionsFunctions) => string);
	/** How an entry shows in the list; its value is the item's `id`. */
	label(item: IDataObject): string;
	/** The list's own search parameter, for a platform that searches it itself. */
	searchParameter?: string;
	/** Text beyond the name and ID that the filter matches, where each page is filtered here. */
	alsoMatches?(item: IDataObject): string;
}

/**
 * A resource locator's "From List" mode, one page at a time. Without a search parameter each
 * page is filtered here: an entry stays when its name, ID or other text holds the filter,
 * ignoring case.
 */
export function listSearch(spec: ListSearchSpec): ListSearch {
	const { client, path, label, searchParameter, alsoMatches } = spec;
	return async function (filter, paginationToken) {
		const { data, next_cursor } = await client.requestPage.call(
			this,
			{
				method: 'GET',
				path: typeof path === 'string' ? path : path.call(this),
				qs: searchParameter && filter ? { [searchParameter]: filter } : {},
			},
			paginationToken,
		);
		const needle = searchParameter ? '' : (filter?.trim().toLowerCase() ?? '');
		const results = data
			.map((item) => ({
				name: label(item),
				value: String(item.id),
				also: alsoMatches?.(item) ?? '',
			}))
			.filter(
				({ name, value, also }) =>
					!needle || [name, value, also].some((text) => text.toLowerCase().includes(needle)),
			)
			.map(({ name, value }) => ({ name, value }));
		return { results, paginationToken: next_cursor ?? undefined };
	};
}
