import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { broteRequest } from '../../transport';
import { commaList, isoDateTime, nonEmptyText } from '../../../shared/validation';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: 'The text the campaign sends',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Audience Contact IDs',
				name: 'contactIds',
				type: 'string',
				default: '',
				description: 'Comma-separated IDs of contacts to send to',
			},
			{
				displayName: 'Audience Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, lead',
				description: 'Comma-separated tags; contacts with any of them receive the campaign',
			},
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '',
				placeholder: 'e.g. whatsapp',
				description: "The channel to send on; by default the organization's main one",
			},
			{
				displayName: 'Scheduled At',
				name: 'scheduledAt',
				type: 'dateTime',
				default: '',
				description: 'When to send; without it the campaign is saved as a draft',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['create'] } },
	properties,
);

export function parameters(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const name = nonEmptyText.call(this, this.getNodeParameter('name', itemIndex), 'Name', itemIndex);
	const message = nonEmptyText.call(
		this,
		this.getNodeParameter('message', itemIndex),
		'Message',
		itemIndex,
	);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { name, message };
	const tags = commaList(additional.tags);
	const contactIds = commaList(additional.contactIds);
	if (tags.length > 0 || contactIds.length > 0) body.audience = { tags, contact_ids: contactIds };
	if (typeof additional.channel === 'string' && additional.channel !== '')
		body.channel = additional.channel;
	if (additional.scheduledAt) {
		body.scheduled_at = isoDateTime.call(this, additional.scheduledAt, 'Scheduled At', itemIndex);
	}
	return body;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<IDataObject> {
	return await broteRequest.call(this, { method: 'POST', path: '/campaigns', body }, itemIndex);
}
