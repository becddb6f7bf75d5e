import { listOperation } from '../../../shared/listOperation';
import { broteClient } from '../../transport';

export const { description, readItem, execute } = listOperation({
	client: broteClient,
	resource: 'contact',
	path: '/contacts',
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
