import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { profiles } from '../../../platforms';
import { httpUrl } from '../../../shared/validation';
import { notMetaRequest, webhookPath } from '../../transport';

const eventOptions = Object.entries(profiles.notmeta.events)
	.map(([type, spec]) => ({ name: type, value: type, description: spec.description }))
	.sort((a, b) => a.name.localeCompare(b.name));

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
		options: eventOptions,
		default: [],
		description: 'The event types to receive',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'The signing secret; NotMeta makes one when it is left out',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['create'] } },
	properties,
);

export function parameters(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const url = httpUrl.call(this, this.getNodeParameter('url', itemIndex), 'URL', itemIndex);
	const events = this.getNodeParameter('events', itemIndex, []) as string[];
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Events must name at least one event type', {
			itemIndex,
		});
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { url, events };
	if (typeof additional.secret === 'string' && additional.secret !== '')
		body.secret = additional.secret;
	return body;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<IDataObject> {
	return await notMetaRequest.call(
		this,
		{ method: 'POST', path: webhookPath.call(this, 'collectionPath'), body },
		itemIndex,
	);
}
