import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PlatformClient } from './client';
import type { Operation } from './operations';

export interface ListParameters {
	path: string;
	qs: IDataObject;
	/** Undefined when every result is wanted. */
	limit: number | undefined;
}

export interface ListOperationSpec {
	client: PlatformClient;
	resource: string;
	/** `getAll` unless named. */
	operation?: string;
	/** The list's path, or how one item's parameters name it (the list of one parent). */
	path: string | ((this: IExecuteFunctions, itemIndex: number) => string);
	/** Fields above Return All, such as the parent's locator. */
	fields?: INodeProperties[];
	/** Options of a Filters collection; each is sent as the query parameter of its name. */
	filters?: INodeProperties[];
}

/** Filters as query parameters, leaving out the ones left empty. */
function filterQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(filters)) {
		if (value !== '' && value !== undefined && value !== null) qs[key] = value;
	}
	return qs;
}

/** A "Get Many" operation: Return All or a Limit, optional filters, every page followed. */
export function listOperation(spec: ListOperationSpec): Operation<ListParameters> {
	const { client, path, fields = [], filters } = spec;
	const show = { resource: [spec.resource], operation: [spec.operation ?? 'getAll'] };
	const properties: INodeProperties[] = [
		...fields,
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
	if (filters) {
		properties.push({
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: filters,
		});
	}

	return {
		description: updateDisplayOptions({ show }, properties),
		readItem(itemIndex) {
			return {
				path: typeof path === 'string' ? path : path.call(this, itemIndex),
				qs: filters
					? filterQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject)
					: {},
				limit:
					this.getNodeParameter('returnAll', itemIndex) === true
						? undefined
						: Number(this.getNodeParameter('limit', itemIndex)),
			};
		},
		async execute(itemIndex, { path, qs, limit }) {
			return await client.requestAll.call(this, { method: 'GET', path, qs }, limit, itemIndex);
		},
	};
}
