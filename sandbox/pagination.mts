import type { PaginationSpec, PlatformProfile } from '../nodes/platforms/types.ts';
import { invalid } from './errors.mts';
import type { ListCursorFault, ListShapeFault } from './faults.mts';
import type { Reply } from './router.mts';

export interface Page<T> {
	data: T[];
	next_cursor: string | null;
}

function paginationOf(profile: PlatformProfile): PaginationSpec {
	const pagination = profile.api?.pagination;
	if (!pagination) throw new Error(`${profile.displayName}'s profile states no pagination`);
	return pagination;
}

function parseLimit(
	value: string | null,
	{ maxPageSize, defaultPageSize }: PaginationSpec,
): number {
	if (value === null) return defaultPageSize;
	const limit = Number(value);
	if (!/^\d+$/.test(value) || limit < 1 || limit > maxPageSize) {
		throw invalid(`limit must be an integer from 1 to ${maxPageSize}; got "${value}"`);
	}
	return limit;
}

function cursorAt(offset: number, padding = 0): string {
	return Buffer.from(`o:${'0'.repeat(padding)}${offset}`).toString('base64url');
}

/** Collections here only grow, so an offset is a stable cursor; it is opaque to clients. */
function parseCursor(value: string | null): number {
	if (value === null || value === '') return 0;
	const match = /^o:(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
	if (!match) throw invalid('cursor is not one this API returned');
	return Number(match[1]);
}

/** The assumed list envelope `{ data, next_cursor }` over `items`, in creation order. */
export function paginate<T>(
	items: readonly T[],
	query: URLSearchParams,
	profile: PlatformProfile,
): Page<T> {
	const pagination = paginationOf(profile);
	const limit = parseLimit(query.get('limit'), pagination);
	const offset = parseCursor(query.get('cursor'));
	const end = offset + limit;
	return {
		data: items.slice(offset, end),
		next_cursor: end < items.length ? cursorAt(end) : null,
	};
}

/**
 * A list answer whose `next_cursor` never ends it: the cursor `asked` again (`repeat`), or one
 * never sent before (`endless`, each a longer zero-padded offset 0). Both read the first page
 * again, so the sandbox accepts them.
 */
export function loopCursor(reply: Reply, fault: ListCursorFault, asked: string | null): void {
	const body = reply.body as Partial<Page<unknown>> | undefined;
	if (!body || typeof body !== 'object' || !('next_cursor' in body)) return;
	const askedPadding = asked === null ? -1 : Buffer.from(asked, 'base64url').length - 3;
	body.next_cursor = fault === 'repeat' && asked !== null ? asked : cursorAt(0, askedPadding + 1);
}

/** The `limit` a list request is served with when pages hold at most `pageSize` items. */
export function capPageSize(
	query: URLSearchParams,
	pageSize: number,
	profile: PlatformProfile,
): void {
	const asked = Number(query.get('limit') ?? paginationOf(profile).defaultPageSize);
	if (asked > pageSize) query.set('limit', String(pageSize));
}

/** A list answer in another shape than `{ data, next_cursor }`: `array` is its items alone. */
export function reshapeList(reply: Reply, shape: ListShapeFault): void {
	const body = reply.body as Partial<Page<unknown>> | undefined;
	if (!body || typeof body !== 'object' || !Array.isArray(body.data)) return;
	if (shape === 'array') reply.body = body.data;
}
