import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { AI_TOOL_LIST_CAP, isAiTool } from './aiTool';
import type { PlatformClient } from './client';
import type { Operation } from './operations';
import { type Simplifier, simplified, simplifyProperty, wantsSimplify } from './simplify';

export interface ListParameters {
	path: string;
	qs: IDataObject;
	/** Undefined when every result is wanted. */
	limit: number | undefined;
	simplify: boolean;
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
	/** Offers Simplify, which keeps these few fields of each record. */
	simplify?: Simplifier;
}

/** Filters as query parameters, leaving out the ones left empty. */
function filterQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(filters)) {
		if (value !== '' && value !== undefined && value !== null) qs[key] = value;
	}
	return qs;
}

/** Return All or the Limit; an AI Agent's tool gets no more than a model reads. */
function listLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const limit =
		this.getNodeParameter('returnAll', itemIndex) === true
			? undefined
			: Number(this.getNodeParameter('limit', itemIndex));
	if (!isAiTool(this.getNode())) return limit;
	return Math.min(limit ?? AI_TOOL_LIST_CAP, AI_TOOL_LIST_CAP);
}

/** A "Get Many" operation: Return All or a Limit, optional filters, every page followed. */
export function listOperation(spec: ListOperationSpec): Operation<ListParameters> {
	const { client, path, fields = [], filters, simplify } = spec;
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
	if (simplify) properties.push(simplifyProperty);
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
				limit: listLimit.call(this, itemIndex),
				simplify: wantsSimplify.call(this, itemIndex, simplify),
			};
		},
		async execute(itemIndex, { path, qs, limit, simplify: on }) {
			const records = await client.requestAll.call(
				this,
				{ method: 'GET', path, qs },
				limit,
				itemIndex,
			);
			return simplified(records, simplify, on);
		},
	};
}
