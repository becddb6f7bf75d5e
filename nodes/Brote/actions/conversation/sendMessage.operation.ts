import { jsonParse, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { broteClient } from '../../transport';
import { recordPath } from '../../../common/recordPath';
import { conversationLocator } from '../locators';
import { httpUrl, nonEmptyText, resourceId } from '../../../actions/validation';
import { writeOperation } from '../../../actions/writeOperation';
import type { Write } from '../../../actions/writeOperation';

const properties: INodeProperties[] = [
	conversationLocator('The conversation to send the message in'),
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: [
			{ name: 'Document', value: 'document', description: 'A file at a public URL' },
			{ name: 'Image', value: 'image', description: 'An image at a public URL' },
			{ name: 'Template', value: 'template', description: 'An approved message template' },
			{ name: 'Text', value: 'text' },
		],
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		displayOptions: { show: { messageType: ['text'] } },
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/catalog.pdf',
		displayOptions: { show: { messageType: ['image', 'document'] } },
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		displayOptions: { show: { messageType: ['image', 'document'] } },
	},
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { messageType: ['template'] } },
	},
	{
		displayName: 'Template Language',
		name: 'templateLanguage',
		type: 'string',
		required: true,
		default: 'es',
		placeholder: 'e.g. es_CL',
		displayOptions: { show: { messageType: ['template'] } },
	},
	{
		displayName: 'Template Variables',
		name: 'templateVariables',
		type: 'json',
		default: '',
		description: "The values for the template's placeholders, as a JSON array or object",
		displayOptions: { show: { messageType: ['template'] } },
	},
];

function templateVariables(
	this: IExecuteFunctions,
	itemIndex: number,
): IDataObject | IDataObject[] | undefined {
	const raw = this.getNodeParameter('templateVariables', itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) return undefined;
	const value =
		typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: undefined }) : raw;
	if (value === null || typeof value !== 'object') {
		throw new NodeOperationError(
			this.getNode(),
			'Template Variables must be a JSON array or object',
			{ itemIndex },
		);
	}
	return value as IDataObject | IDataObject[];
}

function write(this: IExecuteFunctions, itemIndex: number): Write {
	const path = recordPath(
		this.getNode(),
		'/conversations/{id}/messages',
		resourceId.call(this, 'conversationId', 'Conversation', itemIndex),
		'Conversation',
	);
	const type = this.getNodeParameter('messageType', itemIndex) as string;
	const body: IDataObject = { type };
	if (type === 'text') {
		body.text = nonEmptyText.call(
			this,
			this.getNodeParameter('text', itemIndex),
			'Text',
			itemIndex,
		);
	} else if (type === 'template') {
		const variables = templateVariables.call(this, itemIndex);
		body.template = {
			name: nonEmptyText.call(
				this,
				this.getNodeParameter('templateName', itemIndex),
				'Template Name',
				itemIndex,
			),
			language: nonEmptyText.call(
				this,
				this.getNodeParameter('templateLanguage', itemIndex),
				'Template Language',
				itemIndex,
			),
			...(variables === undefined ? {} : { variables }),
		};
	} else {
		body.media_url = httpUrl.call(
			this,
			this.getNodeParameter('mediaUrl', itemIndex),
			'Media URL',
			itemIndex,
		);
		const caption = this.getNodeParameter('caption', itemIndex, '') as string;
		if (caption.trim() !== '') body.text = caption;
	}
	return { path, body };
}

export const { description, readItem, execute } = writeOperation({
	client: broteClient,
	resource: 'conversation',
	operation: 'sendMessage',
	properties,
	method: 'POST',
	write,
});
