import { listOperation } from '../../../actions/listOperation';
import { broteClient } from '../../transport';
import { channelField, contactIdFilter, statusFilter } from '../fields';

export const { description, readItem, execute } = listOperation({
	client: broteClient,
	resource: 'conversation',
	path: '/conversations',
	filters: [
		channelField,
		contactIdFilter('Only conversations with this contact'),
		statusFilter(['closed', 'open'], 'open'),
	],
});
