import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { campaignDescription } from './actions/campaign';
import { contactDescription } from './actions/contact';
import { conversationDescription } from './actions/conversation';
import { paymentDescription } from './actions/payment';
import { router } from './actions/router';
import { ticketDescription } from './actions/ticket';
import { searchContacts, searchConversations, searchTickets } from './methods/listSearch';
import { BROTE_CREDENTIAL } from './transport';

export class Brote implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Brote',
		name: 'brote',
		icon: { light: 'file:brote.svg', dark: 'file:brote.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Brote contacts, conversations, tickets, payment links and campaigns, paced under the API rate limit',
		defaults: { name: 'Brote' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: BROTE_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Ticket', value: 'ticket' },
				],
				default: 'contact',
			},
			...contactDescription,
			...conversationDescription,
			...ticketDescription,
			...paymentDescription,
			...campaignDescription,
		],
	};

	methods = {
		listSearch: { searchContacts, searchConversations, searchTickets },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
