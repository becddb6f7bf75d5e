import { listSearch } from '../../actions/listSearch';
import { broteClient } from '../transport';

/** Brote searches contacts itself, by name, email or phone. */
export const searchContacts = listSearch({
	client: broteClient,
	path: '/contacts',
	searchParameter: 'q',
	plural: 'contacts',
	label: (contact) => `${String(contact.name)} (${String(contact.phone)})`,
});

/**
 * The conversation list has no search, so its pages are filtered here. The label names the
 * contact by the start of its ID, as the whole ID ran past the list's width; a search by the
 * whole ID still finds it.
 */
export const searchConversations = listSearch({
	client: broteClient,
	path: '/conversations',
	label: (conversation) =>
		`${String(conversation.channel)} · ${String(conversation.status)} · contact ${String(conversation.contact_id).slice(0, 8)}`,
	alsoMatches: (conversation) => String(conversation.contact_id),
	plural: 'conversations',
});

/** The ticket list has no search, so its pages are filtered here. */
export const searchTickets = listSearch({
	client: broteClient,
	path: '/tickets',
	label: (ticket) => `${String(ticket.title)} (${String(ticket.stage)})`,
	plural: 'tickets',
});
