import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { webhookDescription } from './actions/webhook';
import { searchWebhooks } from './methods/listSearch';
import { NOTMETA_CREDENTIAL } from './transport';

export class NotMeta implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NotMeta',
		name: 'notMeta',
		icon: { light: 'file:notmeta.svg', dark: 'file:notmeta.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage NotMeta webhook subscriptions and read their delivery logs and statistics',
		defaults: { name: 'NotMeta' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: NOTMETA_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Webhook', value: 'webhook' }],
				default: 'webhook',
			},
			...webhookDescription,
		],
	};

	methods = {
		listSearch: { searchWebhooks },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
