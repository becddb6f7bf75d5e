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
	/** What the list holds, in the plural ("tickets"), for the note on a search that stopped. */
	plural: string;
}

/**
 * Pages one search reads at most where each page is filtered here: 500 records at 100 a page,
 * for a handful of requests against the rate limit each time the search text changes.
 */
const SEARCH_MAX_PAGES = 5;

/**
 * A resource locator's "From List" mode. Without a search text, or where the platform searches
 * the list itself, one page at a time. Otherwise each page is filtered here (an entry stays when
 * its name, ID or other text holds the filter, ignoring case) and pages are read until a page's
 * worth of entries match, the list ends, or the bound is reached: a page without a match must not
 * end the search, as n8n's editor asks for the next page at most when a list is scrolled to its
 * end, which a short one cannot be. At the bound a last entry says how far the search went, and
 * the pagination token goes on from there.
 */
export function listSearch(spec: ListSearchSpec): ListSearch {
	const { client, path, label, searchParameter, alsoMatches, plural } = spec;
	return async function (filter, paginationToken) {
		const needle = searchParameter ? '' : (filter?.trim().toLowerCase() ?? '');
		const entry = (item: IDataObject) => ({ name: label(item), value: String(item.id) });
		const matches = (item: IDataObject) => {
			const { name, value } = entry(item);
			return [name, value, alsoMatches?.(item) ?? ''].some((text) =>
				text.toLowerCase().includes(needle),
			);
		};
		// A page's worth, as many as a list without a search text shows at once.
		const enough = client.profile.api?.pagination?.maxPageSize;
		const request = {
			method: 'GET' as const,
			path: typeof path === 'string' ? path : path.call(this),
			qs: searchParameter && filter ? { [searchParameter]: filter } : {},
		};
		const { items, read, next_cursor } = await client.requestPages.call(this, request, {
			cursor: paginationToken,
			...(needle ? { keep: matches, enough, maxPages: SEARCH_MAX_PAGES } : { maxPages: 1 }),
			// Every page the platform can show has then been listed; a token that came back
			// would have the editor load the same page without end.
			onRepeatedCursor: 'stop',
		});
		const results = items.map(entry);
		const stoppedAtBound =
			needle !== '' && next_cursor !== undefined && (enough === undefined || items.length < enough);
		if (stoppedAtBound) {
			// No ID, so choosing it picks no record.
			results.push({
				name: `Searched ${paginationToken ? `${read} more` : `the first ${read}`} ${plural} only; use By ID for others`,
				value: '',
			});
		}
		return { results, paginationToken: next_cursor };
	};
}
