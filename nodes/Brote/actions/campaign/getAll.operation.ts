import { listOperation } from '../../../shared/listOperation';
import { broteClient } from '../../transport';
import { channelField, statusFilter } from '../fields';

export const { description, readItem, execute } = listOperation({
	client: broteClient,
	resource: 'campaign',
	path: '/campaigns',
	filters: [channelField, statusFilter(['completed', 'draft', 'scheduled', 'sending'], 'draft')],
});
