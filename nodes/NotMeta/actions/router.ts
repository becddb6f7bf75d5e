import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { isAiTool } from '../../actions/aiTool';
import { executeOperations } from '../../actions/operations';
import { webhookOperations } from './webhook';

/** The field of NotMeta's webhook records that signs every delivery to it. */
const SECRET = 'secret';

function withoutSecret(item: INodeExecutionData): INodeExecutionData {
	if (!(SECRET in item.json)) return item;
	const json: IDataObject = { ...item.json };
	delete json[SECRET];
	return { ...item, json };
}

/**
 * A webhook's secret lets anyone who holds it forge deliveries, and an execution's data is
 * shown to whoever may open the workflow. Only Create outputs it, for the builder to copy the
 * one NotMeta made when none was given; a tool's output, which goes into the model's context
 * and the agent's logs, never does.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const outputs = await executeOperations.call(this, { webhook: webhookOperations });
	const showsSecret =
		this.getNodeParameter('operation', 0) === 'create' && !isAiTool(this.getNode());
	return showsSecret ? outputs : outputs.map((items) => items.map(withoutSecret));
}
