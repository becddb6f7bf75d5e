import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { profiles } from '../../../platforms';
import { additionalFields, filledText } from '../../../actions/additionalFields';
import { eventOptions } from '../../../common/eventOptions';
import { httpUrl } from '../../../actions/validation';
import { notMetaClient, webhookPath } from '../../transport';
import { writeOperation } from '../../../actions/writeOperation';
import type { Write } from '../../../actions/writeOperation';

const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/webhook',
		description: 'Where NotMeta sends the events. It must answer the verification challenge.',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: eventOptions(profiles.notmeta),
		default: [],
		description: 'The event types to receive',
	},
	additionalFields([
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The signing secret; NotMeta makes one when it is left out',
		},
	]),
];

function write(this: IExecuteFunctions, itemIndex: number): Write {
	const url = httpUrl.call(this, this.getNodeParameter('url', itemIndex), 'URL', itemIndex);
	const events = this.getNodeParameter('events', itemIndex, []) as string[];
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Events must name at least one event type', {
			itemIndex,
		});
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return {
		path: webhookPath.call(this, 'collectionPath'),
		body: { url, events, ...filledText(additional, ['secret']) },
	};
}

export const { description, readItem, execute } = writeOperation({
	client: notMetaClient,
	resource: 'webhook',
	operation: 'create',
	properties,
	method: 'POST',
	write,
});
