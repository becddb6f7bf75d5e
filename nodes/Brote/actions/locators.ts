import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../../actions/locator';

export const contactLocator = (description = 'The contact to use'): INodeProperties =>
	resourceLocator('Contact', 'contactId', 'searchContacts', 'ct_8f2a1c', description);

export const conversationLocator = (description = 'The conversation to use'): INodeProperties =>
	resourceLocator(
		'Conversation',
		'conversationId',
		'searchConversations',
		'cv_41d9e0',
		description,
	);

export const ticketLocator = (description = 'The ticket to use'): INodeProperties =>
	resourceLocator('Ticket', 'ticketId', 'searchTickets', 'tk_7b03aa', description);
