import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../../shared/transport';
import type { ListPage } from '../../shared/transport';
import { broteRequest } from '../transport';

async function page(
	context: ILoadOptionsFunctions,
	path: string,
	paginationToken: string | undefined,
	qs: IDataObject = {},
): Promise<ListPage<IDataObject>> {
	return (await broteRequest.call(context, {
		method: 'GET',
		path,
		qs: { ...qs, limit: MAX_PAGE_SIZE, ...(paginationToken ? { cursor: paginationToken } : {}) },
	})) as unknown as ListPage<IDataObject>;
}

/** Keeps the entries whose name or ID contains the filter, ignoring case. */
function matching(
	items: INodeListSearchItems[],
	filter: string | undefined,
): INodeListSearchItems[] {
	const needle = filter?.trim().toLowerCase();
	if (!needle) return items;
	return items.filter(
		(item) =>
			item.name.toLowerCase().includes(needle) || String(item.value).toLowerCase().includes(needle),
	);
}

function result(
	items: INodeListSearchItems[],
	next: string | null | undefined,
): INodeListSearchResult {
	return { results: items, paginationToken: next ?? undefined };
}

/** Brote searches contacts itself, by name, email or phone. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data, next_cursor } = await page(
		this,
		'/contacts',
		paginationToken,
		filter ? { q: filter } : {},
	);
	return result(
		data.map((contact) => ({
			name: `${String(contact.name)} (${String(contact.phone)})`,
			value: String(contact.id),
		})),
		next_cursor,
	);
}

/** The conversation list has no search, so each page is filtered here. */
export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data, next_cursor } = await page(this, '/conversations', paginationToken);
	const items = data.map((conversation) => ({
		name: `${String(conversation.channel)} · ${String(conversation.status)} · contact ${String(conversation.contact_id)}`,
		value: String(conversation.id),
	}));
	return result(matching(items, filter), next_cursor);
}

/** The ticket list has no search, so each page is filtered here. */
export async function searchTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { data, next_cursor } = await page(this, '/tickets', paginationToken);
	const items = data.map((ticket) => ({
		name: `${String(ticket.title)} (${String(ticket.stage)})`,
		value: String(ticket.id),
	}));
	return result(matching(items, filter), next_cursor);
}
