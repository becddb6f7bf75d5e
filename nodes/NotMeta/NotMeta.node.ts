import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { profiles } from '../platforms';
import { notmetaIdentity as identity } from './identity';
import { nodeIcon } from '../platforms/identity';
import { router } from './actions/router';
import { webhookDescription } from './actions/webhook';
import { searchWebhooks } from './methods/listSearch';

const profile = profiles.notmeta;

export class NotMeta implements INodeType {
	description: INodeTypeDescription = {
		displayName: profile.displayName,
		name: identity.actionNode,
		icon: nodeIcon(identity),
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage NotMeta webhook subscriptions and read their delivery logs and statistics',
		defaults: { name: profile.displayName },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: identity.credential, required: true }],
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
