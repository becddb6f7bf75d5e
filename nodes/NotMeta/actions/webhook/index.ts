import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteWebhook from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getLogs from './getLogs.operation';
import * as getStats from './getStats.operation';

export const webhookOperations = {
	create,
	delete: deleteWebhook,
	get,
	getAll,
	getLogs,
	getStats,
};

export const webhookDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a webhook',
				description: 'Subscribe a URL to events',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a webhook',
				description: 'Remove a webhook subscription',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a webhook',
				description: 'Get a webhook subscription by ID',
			},
			{
				name: 'Get Logs',
				value: 'getLogs',
				action: 'Get the delivery logs of a webhook',
				description: 'List the delivery attempts of a webhook subscription',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many webhooks',
				description: 'List webhook subscriptions',
			},
			{
				name: 'Get Stats',
				value: 'getStats',
				action: 'Get the delivery statistics of a webhook',
				description: 'Get the delivery statistics of a webhook subscription',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteWebhook.description,
	...get.description,
	...getAll.description,
	...getLogs.description,
	...getStats.description,
];
