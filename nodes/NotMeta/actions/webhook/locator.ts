import type { INodeProperties } from 'n8n-workflow';

export const webhookLocator = (description: string): INodeProperties => ({
	displayName: 'Webhook',
	name: 'webhookId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchWebhooks', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. wh_123456789',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\S+$', errorMessage: 'An ID has no spaces' },
				},
			],
		},
	],
});
