import { listOperation } from '../../../actions/listOperation';
import { broteClient } from '../../transport';
import { simpleContact } from '../simplify';

export const { description, readItem, execute } = listOperation({
	client: broteClient,
	resource: 'contact',
	path: '/contacts',
	simplify: simpleContact,
	filters: [
		{
			displayName: 'Search',
			name: 'q',
			type: 'string',
			default: '',
			description: 'Part of the name, email or phone number',
		},
	],
});
