import type { INodeProperties } from 'n8n-workflow';

function locator(
	displayName: string,
	name: string,
	searchListMethod: string,
	idExample: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${idExample}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\S+$', errorMessage: 'An ID has no spaces' },
					},
				],
			},
		],
	};
}

export const contactLocator = (description = 'The contact to use'): INodeProperties => ({
	...locator('Contact', 'contactId', 'searchContacts', 'ct_8f2a1c'),
	description,
});

export const conversationLocator = (description = 'The conversation to use'): INodeProperties => ({
	...locator('Conversation', 'conversationId', 'searchConversations', 'cv_41d9e0'),
	description,
});

export const ticketLocator = (description = 'The ticket to use'): INodeProperties => ({
	...locator('Ticket', 'ticketId', 'searchTickets', 'tk_7b03aa'),
	description,
});
