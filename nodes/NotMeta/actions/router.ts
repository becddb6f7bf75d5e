import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeOperations } from '../../actions/operations';
import { webhookOperations } from './webhook';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeOperations.call(this, { webhook: webhookOperations });
}
