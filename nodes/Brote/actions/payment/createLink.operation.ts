import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFields, filledText } from '../../../actions/additionalFields';
import { broteClient } from '../../transport';
import { contactLocator } from '../locators';
import { currencyCode, minorUnits, resourceId } from '../../../actions/validation';
import { writeOperation } from '../../../actions/writeOperation';
import type { Write } from '../../../actions/writeOperation';

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
	additionalFields([
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
	]),
];

function write(this: IExecuteFunctions, itemIndex: number): Write {
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
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return {
		path: '/payments/links',
		body: {
			contact_id: contactId,
			amount,
			currency,
			...filledText(additional, ['conversation_id', 'description', 'external_reference']),
		},
	};
}

export const { description, readItem, execute } = writeOperation({
	client: broteClient,
	resource: 'payment',
	operation: 'createLink',
	properties,
	method: 'POST',
	write,
});
