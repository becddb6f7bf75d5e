import type { PaginationSpec, PlatformProfile } from '../nodes/platforms/types.ts';
import { invalid } from './errors.mts';

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
		next_cursor: end < items.length ? Buffer.from(`o:${end}`).toString('base64url') : null,
	};
}
