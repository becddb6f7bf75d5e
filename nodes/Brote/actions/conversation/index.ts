import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as sendMessage from './sendMessage.operation';

export const conversationOperations = { getAll, sendMessage };

export const conversationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many conversations',
				description: 'List conversations, optionally filtered',
			},
			{
				name: 'Send Message',
				value: 'sendMessage',
				action: 'Send a message in a conversation',
				description: 'Send a text, media or template message from an outside system',
			},
		],
		default: 'sendMessage',
	},
	...getAll.description,
	...sendMessage.description,
];
