import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listLimit, returnAllFields } from '../../../shared/listFields';
import { resourceId } from '../../../shared/validation';
import { notMetaRequestAll, webhookPath } from '../../transport';
import { webhookLocator } from './locator';

const show = { resource: ['webhook'], operation: ['getLogs'] };

const properties: INodeProperties[] = [
	webhookLocator('The webhook subscription whose delivery log to read'),
	...returnAllFields(show),
];

export const description = updateDisplayOptions({ show }, properties);

interface LogParameters {
	webhookId: string;
	limit: number | undefined;
}

export function parameters(this: IExecuteFunctions, itemIndex: number): LogParameters {
	return {
		webhookId: resourceId.call(this, 'webhookId', 'Webhook', itemIndex),
		limit: listLimit(this.getNodeParameter, itemIndex),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ webhookId, limit }: LogParameters,
): Promise<IDataObject[]> {
	return await notMetaRequestAll.call(
		this,
		{ method: 'GET', path: webhookPath.call(this, 'logsPath', webhookId) },
		limit,
		itemIndex,
	);
}
