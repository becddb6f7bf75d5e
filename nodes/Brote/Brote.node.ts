import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { profiles } from '../platforms';
import { broteIdentity as identity } from './identity';
import { nodeIcon } from '../platforms/identity';
import { campaignDescription } from './actions/campaign';
import { contactDescription } from './actions/contact';
import { conversationDescription } from './actions/conversation';
import { paymentDescription } from './actions/payment';
import { router } from './actions/router';
import { ticketDescription } from './actions/ticket';
import { searchContacts, searchConversations, searchTickets } from './methods/listSearch';

const profile = profiles.brote;

export class Brote implements INodeType {
	description: INodeTypeDescription = {
		displayName: profile.displayName,
		name: identity.actionNode,
		icon: nodeIcon(identity),
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Brote contacts, conversations, tickets, payment links and campaigns, paced under the API rate limit',
		defaults: { name: profile.displayName },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: identity.credential, required: true }],
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
