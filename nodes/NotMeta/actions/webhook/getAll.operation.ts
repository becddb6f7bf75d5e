import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listLimit, returnAllFields } from '../../../shared/listFields';
import { notMetaRequestAll, webhookPath } from '../../transport';

const show = { resource: ['webhook'], operation: ['getAll'] };

export const description: INodeProperties[] = updateDisplayOptions({ show }, returnAllFields(show));

export function parameters(this: IExecuteFunctions, itemIndex: number): number | undefined {
	return listLimit(this.getNodeParameter, itemIndex);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	limit: number | undefined,
): Promise<IDataObject[]> {
	return await notMetaRequestAll.call(
		this,
		{ method: 'GET', path: webhookPath.call(this, 'collectionPath') },
		limit,
		itemIndex,
	);
}
