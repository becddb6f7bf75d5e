import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { broteRequest } from '../../transport';
import { e164Phone, nonEmptyText } from '../../../shared/validation';
import { contactBody, contactOptionalFields } from './fields';

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
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactOptionalFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

export function parameters(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const name = nonEmptyText.call(this, this.getNodeParameter('name', itemIndex), 'Name', itemIndex);
	const phone = e164Phone.call(this, this.getNodeParameter('phone', itemIndex), 'Phone', itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return { ...contactBody(additional), name, phone };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<IDataObject> {
	return await broteRequest.call(this, { method: 'POST', path: '/contacts', body }, itemIndex);
}
