import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { broteRequest } from '../../transport';
import { contactLocator } from '../locators';
import { resourceId } from '../../../shared/validation';

const properties: INodeProperties[] = [contactLocator('The contact to get')];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

export function parameters(this: IExecuteFunctions, itemIndex: number): string {
	return resourceId.call(this, 'contactId', 'Contact', itemIndex);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	contactId: string,
): Promise<IDataObject> {
	return await broteRequest.call(
		this,
		{ method: 'GET', path: `/contacts/${encodeURIComponent(contactId)}` },
		itemIndex,
	);
}
