import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { commaList } from '../../../actions/validation';

/** Contact fields that create and update share, under the collection each one shows. */
export const contactOptionalFields: INodeProperties[] = [
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Custom Field',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. vip, lead',
		description: "Comma-separated tags; they replace the contact's current tags",
	},
];

/** The API body for the optional contact fields the user filled in. */
export function contactBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (typeof fields.name === 'string' && fields.name !== '') body.name = fields.name;
	if (typeof fields.email === 'string' && fields.email !== '') body.email = fields.email;
	if (fields.tags !== undefined) body.tags = commaList(fields.tags);
	const custom = (
		fields.customFields as { field?: Array<{ key: string; value: string }> } | undefined
	)?.field;
	if (custom?.length) {
		body.custom_fields = Object.fromEntries(
			custom.filter(({ key }) => key.trim() !== '').map(({ key, value }) => [key.trim(), value]),
		);
	}
	if (typeof fields.optedOut === 'boolean') body.opted_out = fields.optedOut;
	return body;
}
