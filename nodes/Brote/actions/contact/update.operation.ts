import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { broteClient } from '../../transport';
import { recordPath } from '../../../common/recordPath';
import { contactLocator } from '../locators';
import { e164Phone, nonEmptyText, resourceId } from '../../../actions/validation';
import { contactBody, contactOptionalFields } from './fields';
import { writeOperation } from '../../../actions/writeOperation';
import type { Write } from '../../../actions/writeOperation';

const properties: INodeProperties[] = [
	contactLocator('The contact to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...contactOptionalFields,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Opted Out',
				name: 'optedOut',
				type: 'boolean',
				default: false,
				description: 'Whether the contact asked not to receive messages',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +56912345678',
				description: 'In E.164 format: a plus sign, the country code and the number',
			},
		],
	},
];

function write(this: IExecuteFunctions, itemIndex: number): Write {
	const contactId = resourceId.call(this, 'contactId', 'Contact', itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = contactBody(fields);
	if (fields.name !== undefined)
		body.name = nonEmptyText.call(this, fields.name, 'Name', itemIndex);
	if (fields.phone !== undefined)
		body.phone = e164Phone.call(this, fields.phone, 'Phone', itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Update Fields is empty: add at least one field to change',
			{
				itemIndex,
			},
		);
	}
	return { path: recordPath(this.getNode(), '/contacts/{id}', contactId, 'Contact'), body };
}

export const { description, readItem, execute } = writeOperation({
	client: broteClient,
	resource: 'contact',
	operation: 'update',
	properties,
	method: 'PATCH',
	// Setting the same fields twice leaves the same contact, so a lost answer may be retried.
	idempotent: true,
	write,
});
