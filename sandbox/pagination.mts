import { invalid } from './errors.mts';

export interface Page<T> {
	data: T[];
	next_cursor: string | null;
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

function parseLimit(value: string | null): number {
	if (value === null) return DEFAULT_LIMIT;
	const limit = Number(value);
	if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_LIMIT) {
		throw invalid(`limit must be an integer from 1 to ${MAX_LIMIT}; got "${value}"`);
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
export function paginate<T>(items: readonly T[], query: URLSearchParams): Page<T> {
	const limit = parseLimit(query.get('limit'));
	const offset = parseCursor(query.get('cursor'));
	const end = offset + limit;
	return {
		data: items.slice(offset, end),
		next_cursor: end < items.length ? Buffer.from(`o:${end}`).toString('base64url') : null,
	};
}
