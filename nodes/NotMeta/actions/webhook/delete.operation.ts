import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resourceId } from '../../../shared/validation';
import { notMetaRequest, webhookPath } from '../../transport';
import { webhookLocator } from './locator';

const properties: INodeProperties[] = [webhookLocator('The webhook subscription to delete')];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['delete'] } },
	properties,
);

export function parameters(this: IExecuteFunctions, itemIndex: number): string {
	return resourceId.call(this, 'webhookId', 'Webhook', itemIndex);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	webhookId: string,
): Promise<IDataObject> {
	await notMetaRequest.call(
		this,
		{ method: 'DELETE', path: webhookPath.call(this, 'itemPath', webhookId) },
		itemIndex,
	);
	return { id: webhookId, deleted: true };
}
