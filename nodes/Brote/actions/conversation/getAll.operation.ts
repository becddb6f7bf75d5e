import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listLimit, returnAllFields } from '../../../shared/listFields';
import { broteRequestAll } from '../../transport';
import type { ListQuery } from '../listQuery';
import { listQuery } from '../listQuery';

const show = { resource: ['conversation'], operation: ['getAll'] };

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
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '',
				placeholder: 'e.g. whatsapp',
			},
			{
				displayName: 'Contact ID',
				name: 'contact_id',
				type: 'string',
				default: '',
				description: 'Only conversations with this contact',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Closed', value: 'closed' },
					{ name: 'Open', value: 'open' },
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
		{ method: 'GET', path: '/conversations', qs },
		limit,
		itemIndex,
	);
}
