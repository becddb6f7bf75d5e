import type { INodeProperties } from 'n8n-workflow';

import * as createLink from './createLink.operation';
import * as getAll from './getAll.operation';

export const paymentOperations = { createLink, getAll };

export const paymentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Create Link',
				value: 'createLink',
				action: 'Create a payment link',
				description: 'Create a Mercado Pago payment link for a contact',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many payments',
				description: 'List payments received',
			},
		],
		default: 'createLink',
	},
	...createLink.description,
	...getAll.description,
];
