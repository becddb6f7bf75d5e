import { listOperation } from '../../../actions/listOperation';
import { broteClient } from '../../transport';
import { simplePayment } from '../simplify';
import { contactIdFilter } from '../fields';

export const { description, readItem, execute } = listOperation({
	client: broteClient,
	resource: 'payment',
	path: '/payments',
	simplify: simplePayment,
	filters: [
		contactIdFilter('Only payments of this contact'),
		{
			displayName: 'Conversation ID',
			name: 'conversation_id',
			type: 'string',
			default: '',
			description: 'Only payments made in this conversation',
		},
	],
});
