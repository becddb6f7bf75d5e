import { listOperation } from '../../../actions/listOperation';
import { broteClient } from '../../transport';
import { simpleTicket } from '../simplify';
import { contactIdFilter, statusFilter } from '../fields';

export const { description, readItem, execute } = listOperation({
	client: broteClient,
	resource: 'ticket',
	path: '/tickets',
	simplify: simpleTicket,
	filters: [
		contactIdFilter('Only tickets of this contact'),
		{
			displayName: 'Stage',
			name: 'stage',
			type: 'string',
			default: '',
			placeholder: 'e.g. negotiation',
			description: 'A stage of your pipeline',
		},
		statusFilter(['lost', 'open', 'won'], 'open'),
	],
});
