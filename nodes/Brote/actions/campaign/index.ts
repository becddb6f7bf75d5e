import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getAll from './getAll.operation';

export const campaignOperations = { create, getAll };

export const campaignDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a campaign',
				description: 'Create a campaign, as a draft or scheduled',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many campaigns',
				description: 'List campaigns, optionally filtered by status or channel',
			},
		],
		default: 'create',
	},
	...create.description,
	...getAll.description,
];
