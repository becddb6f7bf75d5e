import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listLimit, returnAllFields } from '../../../shared/listFields';
import { broteRequestAll } from '../../transport';
import type { ListQuery } from '../listQuery';
import { listQuery } from '../listQuery';

const show = { resource: ['ticket'], operation: ['getAll'] };

const properties: INodeProperties[] = [
	...returnAllFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Contact ID',
				name: 'contact_id',
				type: 'string',
				default: '',
				description: 'Only tickets of this contact',
			},
			{
				displayName: 'Stage',
				name: 'stage',
				type: 'string',
				default: '',
				placeholder: 'e.g. negotiation',
				description: 'A stage of your pipeline',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Lost', value: 'lost' },
					{ name: 'Open', value: 'open' },
					{ name: 'Won', value: 'won' },
				],
				default: 'open',
			},
		],
	},
];

export const description = updateDisplayOptions({ show }, properties);

export function parameters(this: IExecuteFunctions, itemIndex: number): ListQuery {
	return listQuery(
		this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
		listLimit(this.getNodeParameter, itemIndex),
	);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ qs, limit }: ListQuery,
): Promise<IDataObject[]> {
	return await broteRequestAll.call(
		this,
		{ method: 'GET', path: '/tickets', qs },
		limit,
		itemIndex,
	);
}
