import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../../../actions/additionalFields';
import { broteClient } from '../../transport';
import { e164Phone, nonEmptyText } from '../../../actions/validation';
import { contactBody, contactOptionalFields } from './fields';
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
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +56912345678',
		description: 'In E.164 format: a plus sign, the country code and the number',
	},
	additionalFields(contactOptionalFields),
];

function write(this: IExecuteFunctions, itemIndex: number): Write {
	const name = nonEmptyText.call(this, this.getNodeParameter('name', itemIndex), 'Name', itemIndex);
	const phone = e164Phone.call(this, this.getNodeParameter('phone', itemIndex), 'Phone', itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return { path: '/contacts', body: { ...contactBody(additional), name, phone } };
}

export const { description, readItem, execute } = writeOperation({
	client: broteClient,
	resource: 'contact',
	operation: 'create',
	properties,
	method: 'POST',
	write,
});
