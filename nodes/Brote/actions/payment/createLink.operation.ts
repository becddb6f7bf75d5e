import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { broteRequest } from '../../transport';
import { contactLocator } from '../locators';
import { currencyCode, minorUnits, resourceId } from '../../../shared/validation';

const properties: INodeProperties[] = [
	contactLocator('The contact who pays'),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description:
			"In the currency's minor units, as a whole number: 1990 is USD 19.90, and CLP has none, so 49000 is CLP 49.000",
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. CLP',
		description: 'ISO 4217 currency code',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Conversation ID',
				name: 'conversation_id',
				type: 'string',
				default: '',
				description:
					'The conversation of the contact the link belongs to; by default their latest one',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the payment is for, shown to the payer',
			},
			{
				displayName: 'External Reference',
				name: 'external_reference',
				type: 'string',
				default: '',
				description:
					'Your own reference, such as an order or ticket ID; it comes back with the payment',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['createLink'] } },
	properties,
);

export function parameters(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const contactId = resourceId.call(this, 'contactId', 'Contact', itemIndex);
	const amount = minorUnits.call(
		this,
		this.getNodeParameter('amount', itemIndex),
		'Amount',
		itemIndex,
	);
	const currency = currencyCode.call(
		this,
		this.getNodeParameter('currency', itemIndex),
		'Currency',
		itemIndex,
	);
	const body: IDataObject = { contact_id: contactId, amount, currency };
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const key of ['conversation_id', 'description', 'external_reference']) {
		if (typeof additional[key] === 'string' && additional[key] !== '') body[key] = additional[key];
	}
	return body;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
): Promise<IDataObject> {
	return await broteRequest.call(
		this,
		{ method: 'POST', path: '/payments/links', body },
		itemIndex,
	);
}
