import { listSearch } from '../../shared/listSearch';
import { broteClient } from '../transport';

/** Brote searches contacts itself, by name, email or phone. */
export const searchContacts = listSearch({
	client: broteClient,
	path: '/contacts',
	searchParameter: 'q',
	label: (contact) => `${String(contact.name)} (${String(contact.phone)})`,
});

/** The conversation list has no search, so each page is filtered here. */
export const searchConversations = listSearch({
	client: broteClient,
	path: '/conversations',
	label: (conversation) =>
		`${String(conversation.channel)} · ${String(conversation.status)} · contact ${String(conversation.contact_id)}`,
});

/** The ticket list has no search, so each page is filtered here. */
export const searchTickets = listSearch({
	client: broteClient,
	path: '/tickets',
	label: (ticket) => `${String(ticket.title)} (${String(ticket.stage)})`,
});
