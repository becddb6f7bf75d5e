import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFields, filledText } from '../../../actions/additionalFields';
import { broteClient } from '../../transport';
import { channelField } from '../fields';
import { commaList, isoDateTime, nonEmptyText } from '../../../actions/validation';
import { writeOperation } from '../../../actions/writeOperation';
import type { Write } from '../../../actions/writeOperation';

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
	additionalFields([
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
			...channelField,
			description: "The channel to send on; by default the organization's main one",
		},
		{
			displayName: 'Scheduled At',
			name: 'scheduledAt',
			type: 'dateTime',
			default: '',
			description:
				"When to send, in the workflow's time zone unless the value has an offset (Z, +09:00); without it the campaign is saved as a draft",
		},
	]),
];

function write(this: IExecuteFunctions, itemIndex: number): Write {
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
	Object.assign(body, filledText(additional, ['channel']));
	if (additional.scheduledAt) {
		body.scheduled_at = isoDateTime.call(this, additional.scheduledAt, 'Scheduled At', itemIndex);
	}
	return { path: '/campaigns', body };
}

export const { description, readItem, execute } = writeOperation({
	client: broteClient,
	resource: 'campaign',
	operation: 'create',
	properties,
	method: 'POST',
	write,
});
