import type { IDataObject } from 'n8n-workflow';

export interface ListQuery {
	qs: IDataObject;
	/** Undefined when every result is wanted. */
	limit: number | undefined;
}

/** Filters as query parameters, leaving out the ones left empty. */
export function listQuery(filters: IDataObject, limit: number | undefined): ListQuery {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(filters)) {
		if (value !== '' && value !== undefined && value !== null) qs[key] = value;
	}
	return { qs, limit };
}
