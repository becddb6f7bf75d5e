import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as moveStage from './moveStage.operation';

export const ticketOperations = { getAll, moveStage };

export const ticketDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ticket'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tickets',
				description: 'List tickets, optionally filtered by stage, status or contact',
			},
			{
				name: 'Move Stage',
				value: 'moveStage',
				action: 'Move a ticket to another stage',
				description: 'Move a ticket to another stage of the pipeline',
			},
		],
		default: 'moveStage',
	},
	...getAll.description,
	...moveStage.description,
];
