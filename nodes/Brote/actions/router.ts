import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeOperations } from '../../actions/operations';
import type { OperationMap } from '../../actions/operations';
import { campaignOperations } from './campaign';
import { contactOperations } from './contact';
import { conversationOperations } from './conversation';
import { paymentOperations } from './payment';
import { ticketOperations } from './ticket';

const operations: OperationMap = {
	contact: contactOperations,
	conversation: conversationOperations,
	ticket: ticketOperations,
	payment: paymentOperations,
	campaign: campaignOperations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeOperations.call(this, operations);
}
